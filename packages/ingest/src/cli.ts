#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { commandHelp, parseCommandLine, UsageError, type CommandName } from './cli-args.js';
import type { CommandArgs } from './commands/command-args.js';

/** Exit codes: 0 ok, 1 some input failed, 2 usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const RUNNERS: Record<CommandName, () => Promise<{ run(args: CommandArgs): Promise<number> }>> = {
  process: () => import('./commands/process.js'),
  ocr: () => import('./commands/ocr.js'),
  restore: () => import('./commands/restore.js'),
  parse: () => import('./commands/parse.js'),
  watch: () => import('./commands/watch.js'),
  worker: () => import('./commands/worker.js'),
  batch: () => import('./commands/batch.js'),
  status: () => import('./commands/status.js'),
  serve: () => import('./commands/serve.js'),
  tasks: () => import('./commands/tasks.js'),
};

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sohoa: ${error.message}\n${error.usage.startsWith('sohoa') ? `Usage: ${error.usage}` : error.usage}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(parsed.text + '\n');
    return EXIT.ok;
  }
  const runner = await RUNNERS[parsed.command]();
  try {
    return await runner.run({ values: parsed.values, positionals: parsed.positionals });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`sohoa ${parsed.command}: ${error.message}\n${commandHelp(parsed.command)}\n`);
      return EXIT.usage;
    }
    const e = error as Error & { file?: string | null; reason?: string };
    process.stderr.write(`sohoa ${parsed.command}: ${e.file ? `${e.file}: ` : ''}${e.reason ?? e.message}\n`);
    return EXIT.failed;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sohoa: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
