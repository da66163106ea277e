import { extname } from 'node:path';

export type InputFormat = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'text';

/** What the bytes say the file is; the extension only decides how to word the error. */
export function sniffFormat(head: Uint8Array): InputFormat | null {
  const startsWith = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  // the PDF header may sit after some junk, within the first 1024 bytes (what readers accept)
  if (Buffer.from(head.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'jpeg';
  if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (looksLikeText(head)) return 'text';
  return null;
}

/** UTF-8 without control characters other than tab, newlines and form feed. */
function looksLikeText(head: Uint8Array): boolean {
  // a cut in the middle of a multi-byte character at the end of the sample is fine
  const sample = Buffer.from(head.subarray(0, 64 * 1024));
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  const body = sample.length === 64 * 1024 ? text.slice(0, -4) : text;
  if (body.includes('\uFFFD')) return false;
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(body);
}

export function formatFromExtension(path: string): InputFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.png') return 'png';
  if (ext === '.jpg' || ext === '.jpeg') return 'jpeg';
  if (ext === '.tif' || ext === '.tiff') return 'tiff';
  if (ext === '.txt' || ext === '.text' || ext === '.md') return 'text';
  return null;
}
