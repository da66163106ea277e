/**
 * `npm run bench [-- NAME...]`: speed and memory of each stage on this machine. Results in
 * reports/bench.md; copy the figures you keep into BENCHMARKS.md with the date and machine line.
 */
import { runSuite } from './lib/run-suite.js';

await runSuite(
  'bench',
  [
    { file: 'bench-ocr.ts', title: 'OCR throughput (tesseract.js pool vs native tesseract)' },
    { file: 'bench-restore.ts', title: 'Restoration speed, load time, memory' },
    { file: 'bench-store.ts', title: 'Task store and read API' },
    { file: 'bench-queue.ts', title: 'Queue overhead and Redis memory' },
  ],
  process.argv.slice(2),
);
