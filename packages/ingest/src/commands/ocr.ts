import { intOption } from '../cli-args.js';
import { LazyOcrPool } from '../lazy-pool.js';
import { describeInput, loadPages } from '../load-page.js';
import { loadOcrModule } from '../modules.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values, positionals }: CommandArgs): Promise<number> {
  const file = positionals[0];
  const pool = new LazyOcrPool();
  try {
    const input = await describeInput(file);
    const pages = await loadPages(file, input, { pool, dpi: intOption(values, 'dpi'), forceOcr: values['force-ocr'] === true });
    const format = values.format as 'text' | 'json' | 'hocr';
    if (format === 'json') process.stdout.write(JSON.stringify(pages) + '\n');
    else {
      const ocr = await loadOcrModule();
      process.stdout.write(format === 'hocr' ? ocr.pagesToHocr(pages) : pages.map((p) => p.text).join('\f') + '\n');
    }
    return 0;
  } finally {
    await pool.terminate();
  }
}
