import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isSohoaError } from '@sohoa/core';
import { loadOcrModule } from '../modules.js';

export interface StabilityOptions {
  /** Size and mtime must stay unchanged this long. */
  stableMs: number;
  pollMs?: number;
  /** A stable file that still does not open as what it claims is handed over after this long (it then fails with a reason). */
  giveUpMs?: number;
  signal?: AbortSignal;
  /** Whether the file opens as what it claims to be; default: structural checks plus a real parse for PDFs and images. */
  opensAsClaimed?: (path: string) => Promise<boolean>;
}

export type Stability = 'complete' | 'gone' | 'unverified' | 'aborted';

/** Waits until a file being copied in is complete: stable size and mtime, and it opens as what it claims. */
export async function waitUntilComplete(path: string, options: StabilityOptions): Promise<Stability> {
  const pollMs = options.pollMs ?? Math.max(25, Math.min(250, Math.floor(options.stableMs / 4)));
  const giveUpMs = options.giveUpMs ?? Math.max(options.stableMs * 5, 3_000);
  const check = options.opensAsClaimed ?? opensAsClaimed;
  let last = '';
  let since = Date.now();
  let checkedSignature = '';
  for (;;) {
    if (options.signal?.aborted) return 'aborted';
    const info = await stat(path).catch(() => null);
    if (!info || !info.isFile()) return 'gone';
    const signature = `${info.size}:${info.mtimeMs}`;
    const now = Date.now();
    if (signature !== last) {
      last = signature;
      since = now;
    } else if (now - since >= options.stableMs) {
      if (checkedSignature !== signature) {
        checkedSignature = signature;
        if (await check(path)) return 'complete';
      }
      if (now - since >= giveUpMs) return 'unverified';
    }
    await sleep(pollMs, options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function readEnds(path: string, n: number): Promise<{ head: Buffer; tail: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(n, size));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(n, size));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return { head, tail, size };
  } finally {
    await handle.close();
  }
}

/**
 * Cheap structural checks by type: a PDF ends with %%EOF, a PNG with IEND, a JPEG with FFD9. A file whose
 * header is not even of its type will not become one by growing, so it is handed over (and fails there
 * with a reason). A PDF that looks finished must also parse (an incremental save has several %%EOF);
 * a truncated-looking parse error means "not complete yet". TIFF has no end marker: it must parse.
 */
export async function opensAsClaimed(path: string): Promise<boolean> {
  const ext = extname(path).toLowerCase();
  const { head, tail, size } = await readEnds(path, 2048);
  if (size === 0) return true;
  let needsParse = false;
  if (ext === '.pdf') {
    if (head.subarray(0, 1024).indexOf('%PDF-') === -1) return true;
    if (tail.lastIndexOf('%%EOF') === -1) return false;
    needsParse = true;
  } else if (ext === '.png') {
    if (!head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return true;
    return tail.lastIndexOf('IEND') !== -1;
  } else if (ext === '.jpg' || ext === '.jpeg') {
    if (head[0] !== 0xff || head[1] !== 0xd8) return true;
    return tail.lastIndexOf(Buffer.from([0xff, 0xd9])) !== -1;
  } else if (ext === '.tif' || ext === '.tiff') {
    needsParse = true;
  }
  if (!needsParse) return true;
  try {
    await (await loadOcrModule()).inspectInput(path);
    return true;
  } catch (error) {
    // Only "this looks cut off" means "still arriving"; encrypted or unsupported files are complete and fail later.
    if (!isSohoaError(error)) return true;
    return ext === '.pdf' ? error.code !== 'TRUNCATED_FILE' && error.code !== 'CORRUPT_FILE' : error.code !== 'TRUNCATED_FILE';
  }
}
