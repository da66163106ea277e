/** Unicode NFC: OCR engines, PDF text layers and old web pages often emit decomposed marks. */
export function toNfc(s: string): string {
  return s.normalize('NFC');
}
