import { availableParallelism } from 'node:os';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { SohoaError, type OcrBlock } from '@sohoa/core';
import { resolveLangPath } from './lang-path.js';
import type { GrayImage, PageImage } from './page-image.js';
import { toPgm } from './pgm.js';
import { meanWordConfidence, tsvToOcrBlocks } from './tesseract-output.js';

export interface OcrPoolOptions {
  /** Number of tesseract workers (one page at a time each); default: the machine's cores. */
  size?: number;
  /** Tesseract language(s), e.g. 'vie' or 'vie+eng'; each needs its @tesseract.js-data package. */
  lang?: string;
  /** A page taking longer than this is abandoned and its worker replaced (default 10 minutes). */
  jobTimeoutMs?: number;
  /**
   * Run each new worker once on a small synthetic line before it takes real work (default true). A
   * worker's first page costs about 1.2 s more CPU than the next ones (tesseract's lazy set-up and the
   * WebAssembly code still on its baseline tier); the warm-up pays most of that once, at start-up,
   * for 0.7 s.
   */
  warmUp?: boolean;
}

export interface RecognizeOptions {
  /** Region of the image to recognise; boxes stay in the full image's coordinates. */
  rectangle?: { left: number; top: number; width: number; height: number };
  /** Page segmentation mode for this job only (default '3', automatic; '6' one block, '7' one line). */
  psm?: '3' | '6' | '7';
}

export interface RecognizedPage {
  /** Lines in tesseract's reading order, one per text line. */
  text: string;
  blocks: OcrBlock[];
  /** Mean word confidence (0-100), null when nothing was read. */
  meanConfidence: number | null;
}

export interface OcrPool {
  readonly size: number;
  readonly lang: string;
  recognize(image: PageImage, options?: RecognizeOptions): Promise<RecognizedPage>;
  terminate(): Promise<void>;
}

interface Job {
  image: PageImage;
  options: RecognizeOptions;
  resolve: (page: RecognizedPage) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Promise<Worker> | null;
  busy: boolean;
}

/** Our text is rebuilt from word boxes, so this only matters to tesseract's own text output. */
const PRESERVE_INTERWORD_SPACES = '0';

/** A line of letter-like rings on paper: enough for page layout and the LSTM to run their code paths. */
function warmUpLine(): GrayImage {
  const width = 800;
  const height = 60;
  const data = new Uint8Array(width * height).fill(255);
  for (let x = 20, n = 0; x < width - 20; x += 14, n++) {
    if (n % 6 === 5) continue; // word gaps
    for (let y = 18; y < 42; y++) for (let dx = 0; dx < 9; dx++) if (dx < 2 || dx > 6 || y < 20 || y > 39) data[y * width + x + dx] = 0;
  }
  return { data, width, height };
}

/**
 * A fixed set of tesseract.js workers reused across pages and documents. Each worker holds the model in
 * memory, so creating one per page would cost a model load per page. A job that fails leaves the worker
 * usable; one that times out gets its worker replaced, so a bad page can neither crash nor wedge the pool.
 */
export async function createOcrPool(options: OcrPoolOptions = {}): Promise<OcrPool> {
  const size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
  const lang = options.lang ?? 'vie';
  const langs = lang.split('+');
  const langPaths = new Set(langs.map(resolveLangPath));
  if (langPaths.size !== 1) throw new SohoaError('INTERNAL', `languages ${lang} live in different folders`, { stage: 'ocr' });
  const langPath = [...langPaths][0];
  const jobTimeoutMs = options.jobTimeoutMs ?? 10 * 60_000;

  const spawn = async (): Promise<Worker> => {
    try {
      const worker = await createWorker(langs, OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none', logger: () => undefined });
      await worker.setParameters({
        tessedit_pageseg_mode: '3' as never,
        preserve_interword_spaces: PRESERVE_INTERWORD_SPACES,
        // tesseract prints progress notes ("Detected 481 diacritics") to stdout otherwise
        debug_file: '/dev/null',
        // a line read with low confidence is read again inverted (white on black); plans have no such
        // text. Measured a wash (no CPU difference; CER 1.01 -> 0.97 % on 6 fixture body pages, 1.55 ->
        // 1.59 % on 4 others): off, one engine behaviour less to reason about
        tessedit_do_invert: '0',
      });
      if (options.warmUp !== false) await worker.recognize(toPgm(warmUpLine()), { user_defined_dpi: '200' } as never);
      return worker;
    } catch (err) {
      throw new SohoaError('OCR_FAILED', `could not start a tesseract worker for "${lang}": ${String(err)}`, { stage: 'ocr', cause: err });
    }
  };

  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: spawn(), busy: false }));
  // fail early (and tidy up) when the workers cannot start at all
  try {
    await Promise.all(slots.map((s) => s.worker));
  } catch (err) {
    await Promise.allSettled(slots.map(async (s) => (await s.worker)?.terminate()));
    throw err;
  }

  const queue: Job[] = [];
  const inflight = new Set<Job>();
  let closed = false;

  const run = async (slot: Slot, job: Job): Promise<void> => {
    slot.busy = true;
    inflight.add(job);
    let timer: NodeJS.Timeout | undefined;
    try {
      // a replacement worker that fails to start is retried on the next job, not kept as a rejection
      const worker = await (slot.worker ??= spawn().catch((err: unknown) => {
        slot.worker = null;
        throw err;
      }));
      if (closed) throw new SohoaError('INTERNAL', 'the OCR pool was terminated', { stage: 'ocr' });
      const recognizing = worker.recognize(
        toPgm(job.image),
        {
          user_defined_dpi: String(Math.round(job.image.dpi)),
          ...(job.options.rectangle ? { rectangle: job.options.rectangle } : {}),
          ...(job.options.psm ? { tessedit_pageseg_mode: job.options.psm } : {}),
        } as never,
        { text: false, blocks: false, hocr: false, tsv: true },
      );
      // after a timeout nobody awaits the abandoned job any more
      recognizing.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SohoaError('TIMEOUT', `OCR of page ${job.image.index + 1} took over ${Math.round(jobTimeoutMs / 1000)} s`, { stage: 'ocr' })), jobTimeoutMs);
      });
      const { data } = await Promise.race([recognizing, timeout]);
      const blocks = tsvToOcrBlocks(data.tsv ?? '');
      job.resolve({ text: blocks.flatMap((b) => b.lines.map((l) => l.text)).join('\n'), blocks, meanConfidence: meanWordConfidence(blocks) });
    } catch (err) {
      if (err instanceof SohoaError && err.code === 'TIMEOUT') {
        // the worker may be stuck inside wasm: replace it
        const stale = slot.worker;
        slot.worker = null;
        void stale?.then((w) => w.terminate()).catch(() => undefined);
        job.reject(err);
      } else {
        job.reject(err instanceof SohoaError ? err : new SohoaError('OCR_FAILED', `tesseract failed on page ${job.image.index + 1}: ${String(err)}`, { stage: 'ocr', cause: err }));
      }
    } finally {
      clearTimeout(timer);
      inflight.delete(job);
      slot.busy = false;
      pump();
    }
  };

  const pump = (): void => {
    for (const slot of slots) {
      if (closed || queue.length === 0) return;
      if (!slot.busy) void run(slot, queue.shift()!);
    }
  };

  return {
    size,
    lang,
    recognize(image, opts = {}) {
      if (closed) return Promise.reject(new SohoaError('INTERNAL', 'the OCR pool was terminated', { stage: 'ocr' }));
      if (!(image.width > 0 && image.height > 0) || image.data.length !== image.width * image.height) {
        return Promise.reject(new SohoaError('INVALID_INPUT', `page ${image.index + 1}: image buffer does not match ${image.width}x${image.height}`, { stage: 'ocr' }));
      }
      return new Promise<RecognizedPage>((resolve, reject) => {
        queue.push({ image, options: opts, resolve, reject });
        pump();
      });
    },
    async terminate() {
      if (closed) return;
      closed = true;
      // a job still running on a worker being terminated would never settle: settle it here
      for (const job of [...queue.splice(0), ...inflight]) job.reject(new SohoaError('INTERNAL', 'the OCR pool was terminated', { stage: 'ocr' }));
      await Promise.allSettled(slots.map(async (s) => (await s.worker)?.terminate()));
    },
  };
}
