import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Command-line grammar of `sohoa` (DESIGN.md "The CLI" is the contract). No heavy imports here: `--help` must be instant. */

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

interface CommandSpec {
  usage: string;
  summary: string;
  details?: string;
  options: OptionSpec;
  positionals: { min: number; max: number };
}

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

export const COMMANDS = {
  process: {
    usage: 'sohoa process FILE|DIR... [--json] [--db PATH] [--no-store] [--dpi N] [--force-ocr] [--force]',
    summary: 'run the whole pipeline in-process (no Redis) and store the results',
    details:
      'Prints a short summary per document, or with --json one DocumentResult per input (NDJSON for several).\n' +
      'Directories are searched recursively for PDF, PNG, JPEG, TIFF and .txt files. Exit code 1 when any input failed.\n' +
      'A document already stored at this pipeline version is reported as a duplicate; --force runs it again anyway\n' +
      '(the stored result is kept).',
    options: { json: { type: 'boolean' }, db: { type: 'string' }, 'no-store': { type: 'boolean' }, dpi: { type: 'string' }, 'force-ocr': { type: 'boolean' }, force: { type: 'boolean' } },
    positionals: { min: 1, max: Infinity },
  },
  ocr: {
    usage: 'sohoa ocr FILE [--format text|json|hocr] [--dpi N] [--force-ocr]',
    summary: 'OCR only; text output separates pages with a form feed',
    options: { format: { type: 'string', default: 'text' }, dpi: { type: 'string' }, 'force-ocr': { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
  },
  restore: {
    usage: 'sohoa restore [FILE] [--explain]',
    summary: 'restore diacritics and correct OCR errors in text from FILE or stdin',
    details: 'With --explain the changes are listed on stderr, one per line.',
    options: { explain: { type: 'boolean' } },
    positionals: { min: 0, max: 1 },
  },
  parse: {
    usage: 'sohoa parse FILE [--json]',
    summary: 'tasks and metadata from text that is already OCR\'d (garbled text is restored first)',
    options: { json: { type: 'boolean' } },
    positionals: { min: 1, max: 1 },
  },
  watch: {
    usage: 'sohoa watch DIR [--processed DIR] [--failed DIR] [--no-worker] [--stable-ms N] [--concurrency N]',
    summary: 'queue every complete file dropped into DIR; move it to processed/ or failed/ when done',
    details:
      'A file is taken once its size and mtime are stable for --stable-ms (default 2000) and it opens as what it\n' +
      'claims to be. Ignores *.part, ~$* and dotfiles. Runs a worker in the same process unless --no-worker.',
    options: {
      processed: { type: 'string' },
      failed: { type: 'string' },
      'no-worker': { type: 'boolean' },
      'stable-ms': { type: 'string' },
      concurrency: { type: 'string' },
      dpi: { type: 'string' },
    },
    positionals: { min: 1, max: 1 },
  },
  worker: {
    usage: 'sohoa worker [--concurrency N]',
    summary: 'process queued documents and pages (Redis: REDIS_URL, prefix SOHOA_QUEUE_PREFIX)',
    details: 'SIGTERM/SIGINT finish the jobs in hand, then stop.',
    options: { concurrency: { type: 'string' } },
    positionals: { min: 0, max: 0 },
  },
  batch: {
    usage: 'sohoa batch DIR|GLOB... [--reprocess] [--wait] [--dpi N] [--force-ocr]',
    summary: 'queue every document under DIR (recursive) or matching GLOB',
    details:
      'Documents already stored are skipped; --reprocess redoes those stored with an older pipeline version.\n' +
      '--wait shows progress until the batch is finished (exit 1 when any document failed).',
    options: { reprocess: { type: 'boolean' }, wait: { type: 'boolean' }, dpi: { type: 'string' }, 'force-ocr': { type: 'boolean' } },
    positionals: { min: 1, max: Infinity },
  },
  status: {
    usage: 'sohoa status [--json]',
    summary: 'queue counts per state, workers seen and recent failures',
    options: { json: { type: 'boolean' } },
    positionals: { min: 0, max: 0 },
  },
  serve: {
    usage: 'sohoa serve [--port N] [--host H] [--db PATH|URL]',
    summary: 'serve the read API over HTTP (SOHOA_API_TOKEN sets a bearer token)',
    options: { port: { type: 'string', default: '8080' }, host: { type: 'string', default: '127.0.0.1' }, db: { type: 'string' } },
    positionals: { min: 0, max: 0 },
  },
  tasks: {
    usage:
      'sohoa tasks [--document ID] [--lead TEXT] [--partner TEXT] [--unit TEXT] [--group CODE] [--year N] [--q TEXT] [--format json|csv|ndjson] [--db PATH|URL]',
    summary: 'list stored tasks; every row carries its documentId',
    options: {
      document: { type: 'string' },
      lead: { type: 'string' },
      partner: { type: 'string' },
      unit: { type: 'string' },
      group: { type: 'string' },
      year: { type: 'string' },
      q: { type: 'string' },
      format: { type: 'string', default: 'json' },
      limit: { type: 'string' },
      db: { type: 'string' },
    },
    positionals: { min: 0, max: 0 },
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export type ParsedCommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'run'; command: CommandName; values: Record<string, string | boolean | undefined>; positionals: string[] };

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, spec]) => `  ${name.padEnd(width)}  ${spec.summary}`);
  return [
    'sohoa: scanned Vietnamese government plans -> clean text and structured tasks',
    '',
    'Usage: sohoa COMMAND [options]   (sohoa COMMAND --help for details)',
    '',
    'Commands:',
    ...lines,
    '',
    'Environment: SOHOA_DB (SQLite path or postgres:// URL, default ./data/sohoa.db), REDIS_URL',
    '(default redis://127.0.0.1:6379), SOHOA_QUEUE_PREFIX (default sohoa).',
    'Exit codes: 0 ok, 1 some input failed, 2 usage error.',
  ].join('\n');
}

export function commandHelp(name: CommandName): string {
  const spec: CommandSpec = COMMANDS[name];
  return [`Usage: ${spec.usage}`, '', spec.summary + '.', ...(spec.details ? ['', spec.details] : [])].join('\n');
}

export function parseCommandLine(argv: string[]): ParsedCommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] && isCommand(rest[0])) return { kind: 'help', text: commandHelp(rest[0]) };
    return { kind: 'help', text: mainHelp() };
  }
  if (!isCommand(first)) throw new UsageError(`unknown command "${first}"`, 'sohoa --help lists the commands');
  const spec: CommandSpec = COMMANDS[first];
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...spec.options, ...HELP }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, ''), spec.usage);
  }
  if (parsed.values.help) return { kind: 'help', text: commandHelp(first) };
  const { positionals } = parsed;
  if (positionals.length < spec.positionals.min) throw new UsageError(`missing argument`, spec.usage);
  if (positionals.length > spec.positionals.max) throw new UsageError(`unexpected argument "${positionals[spec.positionals.max]}"`, spec.usage);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  validateValues(first, values, spec.usage);
  return { kind: 'run', command: first, values, positionals };
}

const INTEGER_OPTIONS: Record<string, { min: number; max: number }> = {
  dpi: { min: 50, max: 1200 },
  port: { min: 0, max: 65535 },
  concurrency: { min: 1, max: 64 },
  'stable-ms': { min: 0, max: 3_600_000 },
  year: { min: 1900, max: 2200 },
  limit: { min: 1, max: 1_000_000 },
};

const CHOICES: Partial<Record<CommandName, Record<string, string[]>>> = {
  ocr: { format: ['text', 'json', 'hocr'] },
  tasks: { format: ['json', 'csv', 'ndjson'] },
};

function validateValues(command: CommandName, values: Record<string, string | boolean | undefined>, usage: string): void {
  for (const [name, range] of Object.entries(INTEGER_OPTIONS)) {
    const raw = values[name];
    if (typeof raw !== 'string') continue;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < range.min || n > range.max) {
      throw new UsageError(`--${name} must be a whole number from ${range.min} to ${range.max}, got "${raw}"`, usage);
    }
  }
  for (const [name, choices] of Object.entries(CHOICES[command] ?? {})) {
    const raw = values[name];
    if (typeof raw === 'string' && !choices.includes(raw)) {
      throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got "${raw}"`, usage);
    }
  }
}

/** Reads a validated integer option. */
export function intOption(values: Record<string, string | boolean | undefined>, name: string): number | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? Number(raw) : undefined;
}
