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
  process.stdout.write(out.text.endsWith('\n') || out.text === '' ? out.text : out.text + '\n');
  if (explain) {
    process.stderr.write(`mode: ${mode}, ${out.changes} word${out.changes === 1 ? '' : 's'} changed\n`);
    for (const token of out.tokens ?? []) {
      if (token.input === token.output && !token.flagged) continue;
      const others = token.alternatives.slice(0, 3).map((a) => `${a.text} ${a.score.toFixed(2)}`).join(', ');
      process.stderr.write(`${token.input} -> ${token.output}  (confidence ${token.confidence.toFixed(2)}${token.flagged ? ', unsure: kept' : ''}${others ? `; ${others}` : ''})\n`);
    }
  }
  return 0;
}

