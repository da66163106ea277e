import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SohoaError } from '@sohoa/core';

/** Written beside a file moved to failed/, as NAME.error.json: what failed, where and why. */
export interface ErrorReport {
  file: string;
  stage: string;
  code: string;
  reason: string;
  attempts: number;
  at: string;
}

export function errorReport(file: string, error: SohoaError, attempts: number, at = new Date()): ErrorReport {
  return { file, stage: error.stage, code: error.code, reason: error.reason, attempts, at: at.toISOString() };
}

/**
 * Written to a dotfile first and renamed into place, so whoever watches failed/ (an operator's script, a
 * test) never reads a half-written report: the rename is atomic on one file system.
 */
export async function writeErrorReport(movedPath: string, report: ErrorReport): Promise<string> {
  const path = `${movedPath}.error.json`;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, JSON.stringify(report, null, 2) + '\n');
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return path;
}
