export { openStore, isPostgresUrl, DEFAULT_DB_PATH } from './open-store.js';
export type {
  Store,
  SaveResult,
  FailureInput,
  FailureResult,
  StoredDocument,
  DocumentSummary,
  TaskItem,
  Page,
  UnitSummary,
  Change,
  ChangeFeed,
  ListDocumentsOptions,
} from './store.js';
export { TaskFilterSchema, MAX_LIMIT, DEFAULT_LIMIT, type TaskFilter, type TaskFilterInput } from './task-filter.js';
export { createApiServer, type ApiServerOptions } from './api-server.js';
export { buildOpenApi } from './openapi.js';
export { formatTasks, csvField, CSV_COLUMNS, TASK_FORMAT_CONTENT_TYPES, type TaskFormat } from './format-tasks.js';
export { foldText, stripMarks } from './fold-text.js';
export { createUnitKey, type UnitKeyFn } from './unit-key.js';
export { DEFAULT_UNIT_ALIASES, type UnitAlias } from './unit-aliases.js';
export { MIGRATIONS } from './migrations/index.js';
