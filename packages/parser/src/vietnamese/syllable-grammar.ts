import { applyToneChar, splitToneChar, type Tone } from './tones.js';
import { tonePosition } from './tone-position.js';

/** A written Vietnamese syllable split into its parts; all parts lowercase and toneless. */
export interface Syllable {
  /** Initial consonant as written: '', 'b', 'ch', 'gh', 'gi', 'ngh', 'qu', ... */
  onset: string;
  /** Glide before the main vowel: 'o' (hoa), 'u' (tuân, thuở, huy) or ''. The u of qu belongs to the onset. */
  medial: string;
  /** Main vowel or diphthong as written: 'a', 'ê', 'iê', 'yê', 'ia', 'uô', 'ươ', 'ưa', 'oo', ... */
  nucleus: string;
  /** Final: '', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't' or a glide 'i', 'y', 'o', 'u'. */
  coda: string;
  tone: Tone;
}

const ONSETS: readonly string[] = [
  'ngh', 'ng', 'gh', 'gi', 'kh', 'nh', 'ph', 'th', 'tr', 'ch', 'qu',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x',
];

export const ONSET_LIST = ONSETS;

/** Rhymes by nucleus: each entry lists the codas the nucleus takes ('' = open syllable). */
const NUCLEUS_CODAS: Record<string, string[]> = {
  a: ['', 'c', 'ch', 'i', 'm', 'n', 'ng', 'nh', 'o', 'p', 't', 'u', 'y'],
  ă: ['c', 'm', 'n', 'ng', 'p', 't'],
  â: ['c', 'm', 'n', 'ng', 'p', 't', 'u', 'y'],
  e: ['', 'c', 'm', 'n', 'ng', 'o', 'p', 't'],
  ê: ['', 'ch', 'm', 'n', 'nh', 'p', 't', 'u'],
  i: ['', 'ch', 'm', 'n', 'nh', 'p', 't', 'u'],
  y: [''],
  o: ['', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  oo: ['c', 'ng'],
  ô: ['', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  ơ: ['', 'i', 'm', 'n', 'p', 't'],
  u: ['', 'c', 'i', 'm', 'n', 'ng', 'p', 't'],
  ư: ['', 'c', 'i', 'm', 'n', 'ng', 't', 'u'],
  iê: ['c', 'm', 'n', 'ng', 'p', 't', 'u'],
  yê: ['m', 'n', 'ng', 't', 'u'],
  ia: [''],
  uô: ['c', 'i', 'm', 'n', 'ng', 't'],
  ua: [''],
  ươ: ['c', 'i', 'm', 'n', 'ng', 'p', 't', 'u'],
  ưa: [''],
};

/** Nuclei and codas allowed after a medial glide. */
const MEDIAL_RHYMES: Record<'o' | 'u', Record<string, string[]>> = {
  o: {
    a: ['', 'c', 'ch', 'i', 'm', 'n', 'ng', 'nh', 'o', 'p', 't', 'y'],
    ă: ['c', 'm', 'n', 'ng', 't'],
    e: ['', 'm', 'n', 'o', 't'],
  },
  u: {
    â: ['n', 'ng', 't', 'y'],
    ê: ['', 'ch', 'nh', 'n'],
    y: ['', 'ch', 'n', 'nh', 'p', 't', 'u'],
    yê: ['n', 't'],
    ya: [''],
    ơ: [''],
  },
};

const STOP_CODAS = new Set(['c', 'ch', 'p', 't']);
const FRONT = new Set(['e', 'ê', 'i', 'y']);
const NO_MEDIAL_ONSETS = new Set(['m', 'p', 'v', 'ph', 'c', 'k', 'gh', 'ngh', 'qu', 'r']);
const VIETNAMESE_LETTERS = /^[a-eg-vxyăâđêôơư]+$/;

interface Rhyme {
  medial: string;
  nucleus: string;
  coda: string;
}

/** rhyme text -> parts (several parses are impossible: the table is built to be unambiguous). */
const RHYMES = new Map<string, Rhyme>();
for (const [nucleus, codas] of Object.entries(NUCLEUS_CODAS)) {
  for (const coda of codas) RHYMES.set(nucleus + coda, { medial: '', nucleus, coda });
}
for (const medial of ['o', 'u'] as const) {
  for (const [nucleus, codas] of Object.entries(MEDIAL_RHYMES[medial])) {
    for (const coda of codas) {
      const text = medial + nucleus + coda;
      // "ua", "uơ"... as a single diphthong already exist without medial; keep the diphthong reading.
      if (!RHYMES.has(text)) RHYMES.set(text, { medial, nucleus, coda });
    }
  }
}

/** All rhyme spellings the grammar knows (those limited to one onset included). */
export function rhymeTexts(): string[] {
  return [...RHYMES.keys(), 'êng', ...Object.keys(PLACE_NAME_RHYMES)];
}

function firstVowelOf(r: Rhyme): string {
  return (r.medial || r.nucleus)[0];
}

/** Whether onset + rhyme is a spelling Vietnamese uses (c/k/q, g/gh, ng/ngh, gi, qu rules). */
function onsetFits(onset: string, r: Rhyme): boolean {
  const first = firstVowelOf(r);
  if (r.medial && NO_MEDIAL_ONSETS.has(onset)) return false;
  // yê without a glide only starts a syllable ("yên"); after a consonant it is spelled iê.
  if (r.nucleus === 'yê' && !r.medial && onset !== '' && onset !== 'qu') return false;
  switch (onset) {
    case 'c':
      return !FRONT.has(first);
    case 'k':
      return FRONT.has(first) && !r.medial;
    case 'gh':
    case 'ngh':
      return first === 'e' || first === 'ê' || first === 'i';
    case 'g':
      // "gì", "gìn": g + i is written with a single i; g before e/ê needs gh.
      return first !== 'e' && first !== 'ê' && first !== 'y' && (first !== 'i' || r.nucleus === 'i');
    case 'ng':
      return !FRONT.has(first);
    case 'qu':
      return !r.medial && first !== 'u' && first !== 'o' && r.nucleus !== 'ia' && r.nucleus !== 'iê';
    case 'gi':
      // The glide o appears only in loanwords ("gioăng"); gi + u glide does not exist.
      return r.medial !== 'u' && first !== 'i' && first !== 'y';
    case 'b':
      // "buýt" is the one established b + glide word; "boa", "buê" are not Vietnamese.
      return !r.medial || (r.medial === 'u' && r.nucleus === 'y');
    case '':
      // iê is written yê without an onset; ya only follows the glide u.
      return r.nucleus !== 'iê';
    default:
      return true;
  }
}

/** Rhymes that exist only after one onset ("giếng": gi + êng; "quốc": qu + ôc, u belonging to qu). */
function specialRhyme(onset: string, rhyme: string): Rhyme | undefined {
  if (onset === 'gi' && rhyme === 'êng') return { medial: '', nucleus: 'ê', coda: 'ng' };
  if (onset === 'qu') {
    // After qu the u glide is part of the onset; medial rhymes lose their leading u.
    const viaMedial = RHYMES.get('u' + rhyme);
    if (viaMedial && viaMedial.medial === 'u') return { medial: '', nucleus: viaMedial.nucleus, coda: viaMedial.coda };
  }
  return undefined;
}

/**
 * Place-name syllables outside the general spelling rules (k before a/o/ô, final k) that official
 * documents use: Bắc Kạn, Kon Tum, Hồng Kông, Đắk Lắk / Đăk Lăk.
 */
const PLACE_NAME_RHYMES: Record<string, Omit<Syllable, 'tone'>> = {
  kan: { onset: 'k', medial: '', nucleus: 'a', coda: 'n' },
  kon: { onset: 'k', medial: '', nucleus: 'o', coda: 'n' },
  kông: { onset: 'k', medial: '', nucleus: 'ô', coda: 'ng' },
  đăk: { onset: 'đ', medial: '', nucleus: 'ă', coda: 'k' },
  lăk: { onset: 'l', medial: '', nucleus: 'ă', coda: 'k' },
};

interface ParseOptions {
  /** Accept the tone mark on any vowel of the syllable (used when normalising sloppy input). */
  anyTonePosition?: boolean;
}

/** Lowercase toneless form, the tone and the index of the toned character; null if two tone marks. */
export function splitTone(s: string): { toneless: string; tone: Tone; index: number } | null {
  let toneless = '';
  let tone: Tone = 'ngang';
  let index = -1;
  let i = 0;
  for (const ch of s) {
    const info = splitToneChar(ch);
    if (info.tone !== 'ngang') {
      if (index >= 0) return null;
      tone = info.tone;
      index = i;
    }
    toneless += info.base;
    i += ch.length;
  }
  return { toneless, tone, index };
}

export function parseSyllableWith(s: string, options: ParseOptions = {}): Syllable | null {
  const split = splitTone(s.normalize('NFC'));
  if (!split) return null;
  const word = split.toneless.toLowerCase();
  if (word.length !== split.toneless.length || !VIETNAMESE_LETTERS.test(word)) return null;

  let onset = '';
  for (const candidate of ONSETS) {
    if (word.startsWith(candidate)) {
      onset = candidate;
      break;
    }
  }
  let rest = word.slice(onset.length);
  // "gì", "gìn": no vowel after gi, so the i is the nucleus and the onset is g.
  if (onset === 'gi' && !/[aăâeêoôơuưy]/.test(rest)) {
    onset = 'g';
    rest = word.slice(1);
  }
  const placeName = PLACE_NAME_RHYMES[word];
  if (placeName) return { ...placeName, tone: split.tone };
  if (onset === 'qu' && rest === '') return null;
  const rhyme = specialRhyme(onset, rest) ?? RHYMES.get(rest);
  if (!rhyme || !onsetFits(onset, rhyme)) return null;
  if (STOP_CODAS.has(rhyme.coda) && split.tone !== 'sac' && split.tone !== 'nang') return null;

  if (split.index >= 0 && !options.anyTonePosition) {
    const lowerToneless = word;
    if (split.index !== tonePosition(lowerToneless, 'new') && split.index !== tonePosition(lowerToneless, 'old')) {
      return null;
    }
  }
  return { onset, medial: rhyme.medial, nucleus: rhyme.nucleus, coda: rhyme.coda, tone: split.tone };
}

/**
 * Parses one written syllable (any case, NFC or not). Returns null for anything Vietnamese spelling
 * does not allow: foreign letters (f, j, w, z), impossible onset/rhyme pairs ("ca" ok, "ce" not),
 * stop codas (p, t, c, ch) with a tone other than sắc or nặng, two tone marks, or a tone mark on a
 * vowel that neither placement convention uses.
 */
export function parseSyllable(s: string): Syllable | null {
  const parsed = cachedParse(s);
  return parsed && { ...parsed };
}

export function isValidSyllable(s: string): boolean {
  return cachedParse(s) !== null;
}

/** Text is Zipfian: a bounded memo makes repeated look-ups (the common case) nearly free. */
const MEMO_LIMIT = 200_000;
const memo = new Map<string, Syllable | null>();

function cachedParse(s: string): Syllable | null {
  let parsed = memo.get(s);
  if (parsed === undefined) {
    if (s.length > 12) return parseSyllableWith(s); // no syllable is that long; don't fill the memo with junk
    parsed = parseSyllableWith(s);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(s, parsed);
  }
  return parsed;
}

/** Inverse of parseSyllable: lowercase text with the tone placed in the new style ("hóa", "thủy"). */
export function composeSyllable(parts: Syllable): string {
  const toneless = parts.onset + parts.medial + parts.nucleus + parts.coda;
  return placeTone(toneless, parts.tone, 'new');
}

/** Puts `tone` on a toneless word at the position the convention asks for; keeps the letter's case. */
export function placeTone(toneless: string, tone: Tone, style: 'new' | 'old' = 'new'): string {
  if (tone === 'ngang') return toneless;
  const at = tonePosition(toneless, style);
  if (at < 0) return toneless;
  return toneless.slice(0, at) + applyToneChar(toneless[at], tone) + toneless.slice(at + 1);
}
