/**
 * One error type for the whole pipeline, with a typed code, the stage that raised it and the file it is
 * about. Boundaries (CLI, workers, the HTTP API) normalise anything thrown into a SohoaError with
 * `toSohoaError`, so callers only ever switch on `code`.
 */
export const ERROR_CODES = {
  EMPTY_FILE: { permanent: true },
  NOT_FOUND: { permanent: true },
  UNSUPPORTED_FORMAT: { permanent: true },
  CORRUPT_FILE: { permanent: true },
  TRUNCATED_FILE: { permanent: true },
  ENCRYPTED_FILE: { permanent: true },
  PAGE_TOO_LARGE: { permanent: true },
  INVALID_INPUT: { permanent: true },
  INVALID_OUTPUT: { permanent: true },
  OCR_FAILED: { permanent: false },
  IO_ERROR: { permanent: false },
  STORE_ERROR: { permanent: false },
  QUEUE_ERROR: { permanent: false },
  TIMEOUT: { permanent: false },
  INTERNAL: { permanent: false },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type Stage = 'ingest' | 'ocr' | 'parser' | 'store' | 'queue' | 'cli' | 'api';

export interface SohoaErrorOptions {
  stage: Stage;
  file?: string | null;
  cause?: unknown;
}

export class SohoaError extends Error {
  readonly code: ErrorCode;
  readonly stage: Stage;
  readonly file: string | null;
  /** The reason without the file name, for error.json files and the store. */
  readonly reason: string;

  constructor(code: ErrorCode, reason: string, options: SohoaErrorOptions) {
    super(options.file ? `${options.file}: ${reason}` : reason, { cause: options.cause });
    this.name = 'SohoaError';
    this.code = code;
    this.stage = options.stage;
    this.file = options.file ?? null;
    this.reason = reason;
  }

  /** Permanent errors are not retried: the same bytes will fail the same way. */
  get permanent(): boolean {
    return ERROR_CODES[this.code].permanent;
  }

  toJSON(): SohoaErrorJson {
    return { code: this.code, stage: this.stage, file: this.file, reason: this.reason, permanent: this.permanent };
  }
}

export interface SohoaErrorJson {
  code: ErrorCode;
  stage: Stage;
  file: string | null;
  reason: string;
  permanent: boolean;
}

export function isSohoaError(value: unknown): value is SohoaError {
  return value instanceof SohoaError;
}

/** Normalise anything thrown into a SohoaError, keeping the original as `cause`. */
export function toSohoaError(value: unknown, stage: Stage, file?: string | null): SohoaError {
  if (value instanceof SohoaError) {
    if (file && !value.file) return new SohoaError(value.code, value.reason, { stage: value.stage, file, cause: value.cause });
    return value;
  }
  const err = value as NodeJS.ErrnoException | undefined;
  const message = err?.message ?? String(value);
  if (err?.code === 'ENOENT') return new SohoaError('NOT_FOUND', 'file not found', { stage, file, cause: value });
  if (err?.code === 'EACCES' || err?.code === 'EISDIR' || err?.code === 'EMFILE' || err?.code === 'EBUSY')
    return new SohoaError('IO_ERROR', message, { stage, file, cause: value });
  return new SohoaError('INTERNAL', message, { stage, file, cause: value });
}
