import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeMachine } from './machine.js';

export interface SuitePart {
  /** Script file under scripts/, exporting `run(): Promise<unknown>`. */
  file: string;
  title: string;
}

const scriptsDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function toMarkdown(result: unknown): string {
  if (result && typeof result === 'object' && typeof (result as { markdown?: unknown }).markdown === 'string') {
    return (result as { markdown: string }).markdown;
  }
  return '```json\n' + JSON.stringify(result, null, 2) + '\n```';
}

/**
 * Runs each part in turn and collects its result; a part that is missing or fails is reported, not
 * fatal, so one broken stage does not hide the numbers of the others. Exit code is non-zero if any failed.
 */
export async function runSuite(kind: 'eval' | 'bench', parts: SuitePart[], only: string[]): Promise<void> {
  const started = new Date();
  const sections: string[] = [];
  const results: Record<string, unknown> = {};
  let failures = 0;
  for (const part of parts) {
    const name = path.basename(part.file, '.ts');
    if (only.length && !only.some((o) => name.includes(o))) continue;
    const file = path.join(scriptsDir, part.file);
    if (!existsSync(file)) {
      sections.push(`## ${part.title}\n\n(not available: ${part.file} is missing)\n`);
      continue;
    }
    process.stderr.write(`${kind}: running ${part.file}\n`);
    const t0 = performance.now();
    try {
      const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<unknown> };
      const result = await mod.run();
      results[name] = result;
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      sections.push(`## ${part.title}\n\n${toMarkdown(result)}\n\n(${secs} s)\n`);
    } catch (err) {
      failures++;
      const message = err instanceof Error ? err.stack ?? err.message : String(err);
      results[name] = { error: message };
      sections.push(`## ${part.title}\n\nFAILED: ${message.split('\n')[0]}\n`);
    }
  }
  const header =
    `# sohoa ${kind}\n\n- date: ${started.toISOString()}\n- machine: ${describeMachine()}\n` +
    `- command: \`npm run ${kind}${only.length ? ' -- ' + only.join(' ') : ''}\`\n`;
  const report = [header, ...sections].join('\n');
  process.stdout.write(report + '\n');
  const reportsDir = path.join(scriptsDir, '..', 'reports');
  await mkdir(reportsDir, { recursive: true });
  await writeFile(path.join(reportsDir, `${kind}.md`), report);
  await writeFile(path.join(reportsDir, `${kind}.json`), JSON.stringify({ date: started, machine: describeMachine(), results }, null, 2));
  if (failures) process.exitCode = 1;
}
