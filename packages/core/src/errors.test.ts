import { describe, expect, it } from 'vitest';
import { SohoaError, toSohoaError } from './errors.js';

describe('SohoaError', () => {
  it('names the file and the reason', () => {
    const e = new SohoaError('ENCRYPTED_FILE', 'the PDF is password-protected', { stage: 'ocr', file: 'a.pdf' });
    expect(e.message).toBe('a.pdf: the PDF is password-protected');
    expect(e.permanent).toBe(true);
    expect(e.toJSON()).toMatchObject({ code: 'ENCRYPTED_FILE', stage: 'ocr', file: 'a.pdf' });
  });

  it('normalises a missing file and unknown errors', () => {
    const enoent = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    expect(toSohoaError(enoent, 'ingest', 'x.pdf').code).toBe('NOT_FOUND');
    const other = toSohoaError(new TypeError('boom'), 'parser', 'y.txt');
    expect(other.code).toBe('INTERNAL');
    expect(other.permanent).toBe(false);
  });
});
