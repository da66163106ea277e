/**
 * `npm run eval [-- NAME...]`: every quality measurement of the pipeline on fixtures/ and the held-out
 * corpus. Each part is a script exporting `run()`; NAME filters parts by file name (e.g. `ocr`, `tasks`).
 * Reports land in reports/eval.md and reports/eval.json.
 */
import { runSuite } from './lib/run-suite.js';

await runSuite(
  'eval',
  [
    { file: 'eval-ocr.ts', title: 'OCR: CER / WER per fixture page' },
    { file: 'eval-orientation.ts', title: 'Page orientation (sideways and upside-down scans)' },
    { file: 'eval-restore.ts', title: 'Diacritics restoration and OCR post-correction' },
    { file: 'eval-tasks.ts', title: 'Tables to tasks and metadata' },
  ],
  process.argv.slice(2),
);
