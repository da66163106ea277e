import { loadParserModule } from '../modules.js';
import { readTextInput } from '../read-text-input.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values, positionals }: CommandArgs): Promise<number> {
  const text = await readTextInput(positionals[0]);
  const parser = await loadParserModule();
  const restorer = await parser.loadRestorer();
  // Text without diacritics gets the full decoder; text that has them only gets OCR post-correction.
  const mode = parser.assessGarbling(text).garbled ? 'full' : 'post-correct';
  const explain = values.explain === true;
  const out = restorer.restore(text, { mode, explain });
  if (!explain) {
    process.stdout.write(out.text.endsWith('\n') || out.text === '' ? out.text : out.text + '\n');
    return 0;
  }
  // --explain is for people and scripts alike: one JSON object per word token (NDJSON), the restored
  // text itself is the concatenation of the outputs with the untouched separators.
  process.stderr.write(`mode: ${mode}, ${out.changes} word${out.changes === 1 ? '' : 's'} changed\n`);
  for (const token of out.tokens ?? []) {
    const { input, output, alternatives, confidence, flagged } = token;
    process.stdout.write(JSON.stringify({ input, output, changed: input !== output, alternatives, confidence, flagged }) + '\n');
  }
  return 0;
}

