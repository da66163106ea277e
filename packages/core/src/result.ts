import type { SohoaError } from './errors.js';

/**
 * Expected outcomes of a stage are values, not exceptions (the Paperless consumer's habit): a caller
 * switches on `status`. Exceptions are left for what nobody expected.
 */
export type StageResult<T> =
  | { status: 'done'; value: T }
  | { status: 'duplicate'; id: string; existing?: T }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; error: SohoaError };

export const done = <T>(value: T): StageResult<T> => ({ status: 'done', value });
export const failed = <T>(error: SohoaError): StageResult<T> => ({ status: 'failed', error });
