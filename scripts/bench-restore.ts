/**
 * Speed and footprint of the diacritics restorer: model size, load time, syllables per second on one
 * core, peak resident memory.
 *   npx tsx --conditions=source scripts/bench-restore.ts
 *
 * Every measurement runs in a fresh child process (`node --conditions=source --import tsx`), so each
 * speed is a first pass over text that process has never seen (empty caches, nothing compiled yet),
 * and each peak RSS (`VmHWM` of the child's own memory map) is that of a whole, realistic run: Node, the tsx
 * loader, the restorer code, the model, the input text, the output and the decoder's working memory.
 * A baseline child that loads the same code and text but no model shows what the process costs
 * without the restorer. The texts are held-out corpus documents (never counted into the model) with
 * their diacritics stripped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { restoreTokens } from '../packages/parser/src/restore/restore-tokens.js';
import { heldOutDocuments } from './lib/corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modelsDir = path.join(repoRoot, 'packages', 'parser', 'models');
const corpusDir = path.join(repoRoot, '..', 'shared', 'corpus');
const thisFile = fileURLToPath(import.meta.url);

type ChildTask = 'baseline' | 'first' | 'warm';

interface ChildReport {
  syllables: number;
  loadMs?: number;
  loadCpuMs?: number;
  firstMs?: number;
  firstCpuMs?: number;
  /** CPU time of the main thread alone (Linux), undefined elsewhere. */
  firstMainThreadMs?: number;
  warmMs?: number;
  postMs?: number;
  maxRssMB: number;
}

/**
 * CPU ms of this process's main thread (Linux /proc, 10 ms resolution), undefined elsewhere. On a
 * shared machine it is the steadier speed figure: wall time also counts waiting for a core, and the
 * process CPU time also counts V8's background compiler and GC threads.
 */
function mainThreadCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Runs inside the child: `--child <task> <clean text file>`. */
async function child(task: ChildTask, file: string): Promise<ChildReport> {
  const { createRestorer } = await import('../packages/parser/src/restore/index.js');
  const { stripDiacritics } = await import('../packages/parser/src/vietnamese/index.js');
  const clean = readFileSync(file, 'utf8');
  const stripped = stripDiacritics(clean);
  const report: ChildReport = { syllables: 0, maxRssMB: 0 };
  const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
  if (task !== 'baseline') {
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    const restorer = await createRestorer(modelsDir);
    report.loadMs = performance.now() - t0;
    report.loadCpuMs = cpuMs(process.cpuUsage(c0));
    t0 = performance.now();
    c0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const out = restorer.restore(stripped, { mode: 'full' });
    report.firstMs = performance.now() - t0;
    report.firstCpuMs = cpuMs(process.cpuUsage(c0));
    const main1 = mainThreadCpuMs();
    if (main0 !== undefined && main1 !== undefined) report.firstMainThreadMs = main1 - main0;
    if (out.text.length !== stripped.length && out.text.length === 0) throw new Error('restorer returned nothing');
    if (task === 'warm') {
      // Secondary figures: the same text again (caches and memo filled by the first pass, code
      // compiled), best of 5; and post-correction of the clean text, best of 3.
      const best = (fn: () => void, runs: number): number => {
        let ms = Infinity;
        for (let r = 0; r < runs; r++) {
          const s = performance.now();
          fn();
          ms = Math.min(ms, performance.now() - s);
        }
        return ms;
      };
      report.warmMs = best(() => restorer.restore(stripped, { mode: 'full' }), 5);
      report.postMs = best(() => restorer.restore(clean, { mode: 'post-correct' }), 3);
    }
  }
  report.maxRssMB = peakRssMB();
  return report;
}

/**
 * This process's own peak RSS. Linux keeps `getrusage` maxRSS across fork and exec, so a child of a big
 * process (the whole `npm run bench`, with the OCR part loaded) would report its parent's size; the
 * peak of the process's current memory map (`VmHWM`) starts afresh at exec.
 */
function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

function runChild(task: ChildTask, file: string): ChildReport & { loadAverage: string } {
  const loadAverage = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', thisFile, '--child', task, file], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`bench child ${task} failed: ${result.stderr}`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  // Syllables are counted here, so the child holds nothing but the restorer's own work.
  const syllables = restoreTokens(readFileSync(file, 'utf8')).filter((t) => t.kind === 'word').length;
  return { ...(JSON.parse(line) as ChildReport), syllables, loadAverage };
}

/** Held-out documents of one corpus file (blank line between), cut at the first line past `chars` characters. */
async function heldOutText(file: string, chars: number): Promise<string> {
  const docs = await heldOutDocuments(path.join(corpusDir, file));
  let text = '';
  for (const doc of docs) {
    for (const line of doc) {
      if (text.length >= chars) return text;
      text += line + '\n';
    }
    text += '\n';
  }
  return text;
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sohoa-bench-restore-'));
  try {
    const texts = {
      vanban: path.join(dir, 'vanban.txt'),
      phapdien: path.join(dir, 'phapdien.txt'),
    };
    writeFileSync(texts.vanban, await heldOutText('vanban.txt.gz', Infinity));
    writeFileSync(texts.phapdien, await heldOutText('phapdien.txt.gz', 830_000));
    const baseline = runChild('baseline', texts.vanban);
    const vanban = runChild('first', texts.vanban);
    const phapdien = runChild('first', texts.phapdien);
    const warm = runChild('warm', texts.vanban);
    const perSecond = (syllables: number, ms: number | undefined): number => Math.round((syllables / (ms ?? NaN)) * 1000);
    const firstPass = (r: ReturnType<typeof runChild>) => ({
      syllables: r.syllables,
      firstPassSyllablesPerSecond: perSecond(r.syllables, r.firstMs),
      mainThreadSyllablesPerSecond: perSecond(r.syllables, r.firstMainThreadMs),
      processCpuSyllablesPerSecond: perSecond(r.syllables, r.firstCpuMs),
      maxRssMB: Math.round(r.maxRssMB),
      loadAverage: r.loadAverage,
    });
    const result = {
      lmBytes: statSync(path.join(modelsDir, 'lm.bin')).size,
      channelBytes: statSync(path.join(modelsDir, 'channel.json')).size,
      candidateTableBytes: existsSync(path.join(modelsDir, 'candidates.json')) ? statSync(path.join(modelsDir, 'candidates.json')).size : 0,
      loadMs: Math.round(vanban.loadMs ?? NaN),
      loadCpuMs: Math.round(vanban.loadCpuMs ?? NaN),
      vanban: firstPass(vanban),
      phapdien: firstPass(phapdien),
      warmSyllablesPerSecond: perSecond(warm.syllables, warm.warmMs),
      postCorrectSyllablesPerSecond: perSecond(warm.syllables, warm.postMs),
      warmMaxRssMB: Math.round(warm.maxRssMB),
      baselineMaxRssMB: Math.round(baseline.maxRssMB),
    };
    const markdown = [
      '| measure | value | target |',
      '|---|---|---|',
      `| model size (lm.bin + channel.json + candidates.json) | ${((result.lmBytes + result.channelBytes + result.candidateTableBytes) / 2 ** 20).toFixed(1)} MB | <= 30 MB |`,
      `| model load (wall / CPU) | ${result.loadMs} / ${result.loadCpuMs} ms | < 1000 ms |`,
      `| **full restoration, first pass** on unseen text: held-out vanban, stripped (${result.vanban.syllables} syl) | **${result.vanban.firstPassSyllablesPerSecond} syl/s** wall (main-thread CPU: ${result.vanban.mainThreadSyllablesPerSecond}; process CPU: ${result.vanban.processCpuSyllablesPerSecond}) | >= 100,000 |`,
      `| full restoration, first pass: held-out phapdien, stripped (${result.phapdien.syllables} syl) | ${result.phapdien.firstPassSyllablesPerSecond} syl/s wall (main-thread CPU: ${result.phapdien.mainThreadSyllablesPerSecond}; process CPU: ${result.phapdien.processCpuSyllablesPerSecond}) | >= 100,000 |`,
      `| full restoration, same text again (caches filled; best of 5) | ${result.warmSyllablesPerSecond} syl/s | |`,
      `| post-correction of the clean vanban text (best of 3) | ${result.postCorrectSyllablesPerSecond} syl/s | |`,
      `| peak RSS, load + first pass (vanban / phapdien) | ${result.vanban.maxRssMB} / ${result.phapdien.maxRssMB} MB | < 300 MB |`,
      `| peak RSS, load + first pass + 5 warm + 3 post-correct passes | ${result.warmMaxRssMB} MB | |`,
      `| peak RSS of the same process without the restorer (Node, tsx, code, vanban text) | ${result.baselineMaxRssMB} MB | |`,
      '',
      `Each figure comes from its own child process. The restorer is single-threaded: wall time is the figure`,
      `on a quiet machine; on a busy one it also counts waiting for a core, and main-thread CPU time (Linux) is`,
      `the steadier figure. Process CPU also counts V8's background compiler and GC threads, which run on`,
      `another core when one is free. Load average (1/5/15 min) at the start of each child: vanban`,
      `${result.vanban.loadAverage}; phapdien ${result.phapdien.loadAverage}.`,
    ].join('\n');
    return { ...result, markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const report = await child(process.argv[3] as ChildTask, process.argv[4]);
  console.log(JSON.stringify(report));
} else if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  const result = await run();
  console.log(result.markdown);
}
