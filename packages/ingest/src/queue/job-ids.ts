import { createHash } from 'node:crypto';
import { PIPELINE_VERSION } from '@sohoa/core';

/**
 * Job ids derive from the document id and the pipeline version (BullMQ ignores a job whose id exists), so
 * enqueueing the same document twice does the work once. The document job also carries the file's path
 * and mtime: a second copy of the same bytes still gets its own job (it ends as a duplicate and is moved),
 * while re-announcing the same unchanged file is a no-op. BullMQ ids may not contain ":".
 */
const version = () => PIPELINE_VERSION.replace(/:/g, '_');

export function documentJobId(documentId: string, path: string, mtimeMs: number): string {
  const where = createHash('sha256').update(`${path}\0${Math.trunc(mtimeMs)}`).digest('hex').slice(0, 16);
  return `doc-${documentId}-${version()}-${where}`;
}

export function assembleJobId(documentId: string): string {
  return `asm-${documentId}-${version()}`;
}

export function pageJobId(documentId: string, pageIndex: number): string {
  return `page-${documentId}-${version()}-${pageIndex}`;
}
