import { isValidSyllable } from './syllable-grammar.js';
import { tokenize } from './tokenize.js';

export type RejectionClass = 'acronym' | 'single-letter' | 'foreign-letters' | 'no-marks' | 'other';

export interface GrammarCoverage {
  words: number;
  rejected: number;
  /** rejected / words */
  rejectedShare: number;
  /** rejected word tokens by class (see classifyRejection). */
  byClass: Record<RejectionClass, number>;
  /** most frequent rejected words (case kept), with counts */
  top: [string, number][];
}

/**
 * Why a word the grammar rejects is not Vietnamese: capitals or mixed case with several capitals
 * ("UBND", "TTg"), one letter ("b", "đ"), letters Vietnamese does not use (f j w z, other accents),
 * no Vietnamese marks at all ("data", "Halal", toneless "thuc"), or something else (typos, compounds
 * written without a space such as "Ôtô", loanwords such as "gioăng").
 */
export function classifyRejection(word: string): RejectionClass {
  const letters = [...word];
  if (letters.length === 1) return 'single-letter';
  const capitals = letters.filter((c) => c !== c.toLowerCase()).length;
  if (capitals >= 2) return 'acronym';
  if (/[^a-zA-Zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i.test(word) || /[fjwz]/i.test(word)) {
    return 'foreign-letters';
  }
  if (/^[a-z]+$/i.test(word)) return 'no-marks';
  return 'other';
}

/** Runs the syllable grammar over text lines (a corpus sample) and summarises what it rejects. */
export async function measureGrammarCoverage(
  lines: Iterable<string> | AsyncIterable<string>,
  topN = 100,
): Promise<GrammarCoverage> {
  let words = 0;
  let rejected = 0;
  const byClass: Record<RejectionClass, number> = { acronym: 0, 'single-letter': 0, 'foreign-letters': 0, 'no-marks': 0, other: 0 };
  const counts = new Map<string, number>();
  const verdicts = new Map<string, boolean>();
  for await (const line of lines) {
    for (const t of tokenize(line.normalize('NFC'))) {
      if (t.kind !== 'word') continue;
      words++;
      let ok = verdicts.get(t.text);
      if (ok === undefined) {
        ok = isValidSyllable(t.text);
        verdicts.set(t.text, ok);
      }
      if (ok) continue;
      rejected++;
      byClass[classifyRejection(t.text)]++;
      counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
    }
  }
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, topN);
  return { words, rejected, rejectedShare: words ? rejected / words : 0, byClass, top };
}
