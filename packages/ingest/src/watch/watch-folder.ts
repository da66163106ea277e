import { resolve, sep, basename } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isIgnoredName } from '../collect-inputs.js';
import { waitUntilComplete, type Stability } from './file-stability.js';

export interface WatchFolderOptions {
  stableMs: number;
  giveUpMs?: number;
  /** Folders inside the watched one that are outputs, not inputs (processed/, failed/). */
  ignoreDirs: string[];
  /** Called once per complete file (again only if the file changes afterwards). */
  onFile: (path: string, stability: Stability) => Promise<void>;
  onError?: (path: string, error: unknown) => void;
}

export interface WatchedFolder {
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Picks up existing and new files in DIR (recursively), each once it is complete. */
export function watchFolder(dir: string, options: WatchFolderOptions): WatchedFolder {
  const root = resolve(dir);
  const outputs = options.ignoreDirs.map((d) => resolve(d));
  const abort = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  const handled = new Map<string, string>(); // path -> size:mtime handed over

  const ignored = (path: string): boolean => {
    const abs = resolve(path);
    if (outputs.some((o) => abs === o || abs.startsWith(o + sep))) return true;
    if (abs === root) return false;
    return isIgnoredName(basename(abs)) || abs.endsWith('.error.json');
  };

  const consider = (path: string) => {
    const abs = resolve(path);
    if (inFlight.has(abs) || abort.signal.aborted) return;
    const task = (async () => {
      const stability = await waitUntilComplete(abs, { stableMs: options.stableMs, giveUpMs: options.giveUpMs, signal: abort.signal });
      if (stability === 'gone' || stability === 'aborted') return;
      const { stat } = await import('node:fs/promises');
      const info = await stat(abs).catch(() => null);
      if (!info) return;
      const signature = `${info.size}:${info.mtimeMs}`;
      if (handled.get(abs) === signature) return;
      handled.set(abs, signature);
      await options.onFile(abs, stability);
    })()
      .catch((error) => options.onError?.(abs, error))
      .finally(() => inFlight.delete(abs));
    inFlight.set(abs, task);
  };

  const watcher: FSWatcher = watch(root, { ignored, ignoreInitial: false, alwaysStat: false });
  watcher.on('add', consider);
  watcher.on('change', consider);
  watcher.on('unlink', (path) => handled.delete(resolve(path)));
  watcher.on('error', (error) => options.onError?.(root, error));
  const ready = new Promise<void>((res) => watcher.once('ready', () => res()));

  return {
    ready,
    async close() {
      abort.abort();
      await watcher.close();
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
