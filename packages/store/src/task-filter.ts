import { SohoaError } from '@sohoa/core';
import { z } from 'zod';

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;

/**
 * What a search may contain: letters (any accents), digits, spaces and the punctuation unit names and
 * document codes use, and double quotes around a phrase. Single quotes, semicolons, `%`, `_`, `=`, comment dashes and the like are refused with a
 * 400 rather than silently dropped, so a caller sees at once that the text was not taken as typed.
 */
const SEARCH_TEXT = /^[\p{L}\p{M}\p{N} .,:\-\/&()"]*$/u;
const searchText = (name: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${name} must not be empty`)
    .max(max, `${name} is longer than ${max} characters`)
    .regex(SEARCH_TEXT, `${name} may contain only letters, digits, spaces and . , : - / & ( ) "`)
    .refine((s) => /[\p{L}\p{N}]/u.test(s), `${name} must contain a letter or a digit`);

const intParam = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const TaskFilterSchema = z.strictObject({
  lead: searchText('lead', 200).optional().describe('Lead unit (Đơn vị chủ trì); accents, case and abbreviations do not matter'),
  partner: searchText('partner', 200).optional().describe('Partner unit (Đơn vị phối hợp)'),
  unit: searchText('unit', 200).optional().describe('A unit in either role'),
  group: searchText('group', 200).optional().describe('Group code ("II") or words of its title'),
  year: intParam('year', 1900, 2200).optional().describe('Tasks whose period covers the year; recurring tasks match every year'),
  document: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'document must be a sha256 id (64 lowercase hex digits)')
    .optional()
    .describe('Document id'),
  revision: intParam('revision', 1, 1_000_000).optional().describe('An older revision of the documents (default: the current one)'),
  q: searchText('q', 200).optional().describe('Words in the title or content, accent-insensitive'),
  limit: intParam('limit', 1, MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Page size (max ${MAX_LIMIT})`),
  cursor: z.string().max(200, 'cursor is not one this server issued').optional().describe('nextCursor of the previous page'),
});
export type TaskFilterInput = z.input<typeof TaskFilterSchema>;
export type TaskFilter = z.output<typeof TaskFilterSchema>;

/** A zod failure as one sentence a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown parameter${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
      const path = issue.path.join('.');
      return issue.message.startsWith(path) || !path ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new SohoaError('INVALID_INPUT', `${what}: ${describeZodError(parsed.error)}`, { stage: 'store' });
  return parsed.data;
}

/** Cursors are opaque to callers: base64url of the last key seen, checked on the way back in. */
export function encodeCursor(after: number | string): string {
  return Buffer.from(JSON.stringify({ a: after }), 'utf8').toString('base64url');
}

export function decodeCursor<T extends 'number' | 'string'>(
  cursor: string,
  type: T,
): T extends 'number' ? number : string {
  const bad = () => new SohoaError('INVALID_INPUT', 'cursor is not one this server issued (pass nextCursor back unchanged)', { stage: 'store' });
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let value: unknown;
  try {
    value = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a?: unknown }).a;
  } catch {
    throw bad();
  }
  if (type === 'number' && !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)) throw bad();
  if (type === 'string' && !(typeof value === 'string' && /^[0-9a-f]{64}$/.test(value))) throw bad();
  return value as T extends 'number' ? number : string;
}
