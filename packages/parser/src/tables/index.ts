export { parseDocument, type ParseInput, type ParseOptions, type ParseResult } from './parse-document.js';
export { extractMetadata, type MetadataResult } from './extract-metadata.js';
export { reconstructTable } from './reconstruct-table.js';
export { rowsToTasks, type RowsToTasksOptions, type RowsToTasksResult } from './rows-to-tasks.js';
export { parsePeriod } from './parse-period.js';
export { splitUnits, unitLinesToText } from './split-units.js';
export { mapHeaderCells, FIELD_ALIASES, type TaskField } from './column-map.js';
export type { ReconstructedTable, TableRow, TableCell, TableMethod } from './table-types.js';
