import { access } from 'node:fs/promises';
import type { SohoaError } from '@sohoa/core';
import { errorReport, writeErrorReport } from '../watch/error-report.js';
import { moveWithoutClash } from '../watch/move-without-clash.js';
import type { FinishDirs } from './job-data.js';

const exists = (path: string) => access(path).then(() => true, () => false);

/**
 * Moves a watched file once its document is done (or a duplicate). A retried job may find the file
 * already moved: that is fine, it was this job's own earlier attempt.
 */
export async function finishDone(path: string, dirs: FinishDirs | undefined): Promise<string | null> {
  if (!dirs || !(await exists(path))) return null;
  return moveWithoutClash(path, dirs.processedDir);
}

/** Moves a watched file that failed for good to failed/, with NAME.error.json beside it. */
export async function finishFailed(path: string, dirs: FinishDirs | undefined, error: SohoaError, attempts: number): Promise<string | null> {
  if (!dirs || !(await exists(path))) return null;
  const moved = await moveWithoutClash(path, dirs.failedDir);
  await writeErrorReport(moved, errorReport(path, error, attempts));
  return moved;
}
