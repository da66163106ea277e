import { describe, expect, it } from 'vitest';
import { COMMANDS, parseCommandLine, UsageError } from './cli-args.js';

const run = (argv: string[]) => {
  const parsed = parseCommandLine(argv);
  if (parsed.kind !== 'run') throw new Error(`expected a command, got help`);
  return parsed;
};

describe('parseCommandLine', () => {
  it('shows the command list for no arguments and --help', () => {
    for (const argv of [[], ['--help'], ['-h'], ['help']]) {
      const parsed = parseCommandLine(argv);
      expect(parsed.kind).toBe('help');
      if (parsed.kind === 'help') for (const name of Object.keys(COMMANDS)) expect(parsed.text).toContain(name);
    }
  });

  it('gives each command its own --help with its usage line', () => {
    for (const name of Object.keys(COMMANDS)) {
      const parsed = parseCommandLine([name, '--help']);
      expect(parsed.kind).toBe('help');
      if (parsed.kind === 'help') expect(parsed.text).toContain(`sohoa ${name}`);
    }
  });

  it('reads process with several inputs and its flags', () => {
    const parsed = run(['process', 'a.pdf', 'dir/', '--json', '--db', 'x.db', '--no-store', '--dpi', '300', '--force-ocr']);
    expect(parsed.command).toBe('process');
    expect(parsed.positionals).toEqual(['a.pdf', 'dir/']);
    expect(parsed.values).toMatchObject({ json: true, db: 'x.db', 'no-store': true, dpi: '300', 'force-ocr': true });
  });

  it('applies defaults and accepts the documented choices', () => {
    expect(run(['ocr', 'scan.pdf']).values.format).toBe('text');
    expect(run(['ocr', 'scan.pdf', '--format', 'hocr']).values.format).toBe('hocr');
    expect(run(['tasks', '--format', 'csv', '--lead', 'Sở Nội vụ', '--year', '2026']).values).toMatchObject({ format: 'csv', lead: 'Sở Nội vụ', year: '2026' });
    expect(run(['serve']).values).toMatchObject({ port: '8080', host: '127.0.0.1' });
    expect(run(['restore']).positionals).toEqual([]);
    expect(run(['watch', 'inbox', '--no-worker', '--stable-ms', '500']).values).toMatchObject({ 'no-worker': true, 'stable-ms': '500' });
  });

  it('refuses what the grammar does not allow, with the usage line', () => {
    const bad: string[][] = [
      ['frobnicate'],
      ['process'],
      ['process', 'a.pdf', '--bogus'],
      ['process', 'a.pdf', '--dpi', 'high'],
      ['process', 'a.pdf', '--dpi', '10'],
      ['ocr', 'a.pdf', '--format', 'docx'],
      ['ocr', 'a.pdf', 'b.pdf'],
      ['parse'],
      ['worker', 'extra'],
      ['worker', '--concurrency', '0'],
      ['serve', '--port', '70000'],
      ['tasks', '--format', 'xml'],
      ['tasks', '--year', 'last'],
    ];
    for (const argv of bad) {
      expect(() => parseCommandLine(argv), argv.join(' ')).toThrow(UsageError);
    }
    try {
      parseCommandLine(['process', 'a.pdf', '--dpi', '10']);
    } catch (error) {
      expect((error as UsageError).message).toContain('--dpi');
      expect((error as UsageError).usage).toContain('sohoa process');
    }
  });
});
