/**
 * The six Vietnamese tones and the character tables behind them. Tables are derived from Unicode
 * composition rather than typed by hand, so every toned vowel (12 bases x 5 marks x 2 cases) is covered.
 */
export const TONES = ['ngang', 'huyen', 'sac', 'hoi', 'nga', 'nang'] as const;
export type Tone = (typeof TONES)[number];

/** Combining mark of each tone (ngang has none). */
export const TONE_MARKS: Readonly<Record<Tone, string>> = {
  ngang: '',
  huyen: '\u0300',
  sac: '\u0301',
  hoi: '\u0309',
  nga: '\u0303',
  nang: '\u0323',
};

/** The 12 vowel letters that carry tones, lowercase. */
export const VOWEL_BASES = 'aăâeêioôơuưy';

interface TonedInfo {
  base: string;
  tone: Tone;
}

const INFO = new Map<string, TonedInfo>();
const COMPOSED = new Map<string, string>(); // base + '|' + tone -> char

for (const base of [...VOWEL_BASES, ...VOWEL_BASES.toUpperCase()]) {
  for (const tone of TONES) {
    const ch = (base + TONE_MARKS[tone]).normalize('NFC');
    if ([...ch].length !== 1) throw new Error(`no precomposed form for ${base}+${tone}`);
    INFO.set(ch, { base, tone });
    COMPOSED.set(`${base}|${tone}`, ch);
  }
}

/** True for any of the 144 vowel characters (toned or not, either case). */
export function isVowelChar(ch: string): boolean {
  return INFO.has(ch);
}

/** Splits one character into its toneless base and tone; non-vowels come back unchanged with 'ngang'. */
export function splitToneChar(ch: string): TonedInfo {
  return INFO.get(ch) ?? { base: ch, tone: 'ngang' };
}

/** Puts `tone` on a toneless vowel character (either case); other characters are returned unchanged. */
export function applyToneChar(base: string, tone: Tone): string {
  return COMPOSED.get(`${base}|${tone}`) ?? base;
}

/** Tone of a syllable: the first toned vowel wins; 'ngang' when no tone mark is present. */
export function toneOf(syllable: string): Tone {
  for (const ch of syllable.normalize('NFC')) {
    const info = INFO.get(ch);
    if (info && info.tone !== 'ngang') return info.tone;
  }
  return 'ngang';
}

/** Removes tone marks but keeps vowel marks (ă â ê ô ơ ư) and đ: "Phường Đông" -> "Phương Đông". */
export function removeTone(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) out += INFO.get(ch)?.base ?? ch;
  return out;
}

/** Number of tone-marked characters in a word (a valid syllable has at most one). */
export function countToneMarks(s: string): number {
  let n = 0;
  for (const ch of s) {
    const info = INFO.get(ch);
    if (info && info.tone !== 'ngang') n++;
  }
  return n;
}
