import { writeFile } from 'node:fs/promises';
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

export async function writeErrorReport(movedPath: string, report: ErrorReport): Promise<string> {
  const path = `${movedPath}.error.json`;
  await writeFile(path, JSON.stringify(report, null, 2) + '\n');
  return path;
}
