/**
 * Accent- and case-insensitive form of Vietnamese text, used as search and matching keys: lowercase, no
 * diacritics (đ -> d), punctuation dropped, single spaces. The store keeps this beside the printed text
 * so SQL can compare keys with plain `=` / `LIKE` on both engines (no ICU collations needed).
 */
export function foldText(text: string): string {
  return stripMarks(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Diacritics removed, case and punctuation kept. đ/Đ do not decompose under NFD, so they are mapped. */
export function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/**
 * The folded search column: padded with spaces so a term can be matched at a word start with
 * `LIKE '% term%'` on both engines.
 */
export function searchColumn(...parts: string[]): string {
  return ` ${foldText(parts.join(' '))} `;
}

/** Escapes LIKE wildcards so user text only ever matches literally (the queries use ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
