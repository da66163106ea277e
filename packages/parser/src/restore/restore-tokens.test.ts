import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_002 } from '../test-support/seeds.js';
import { restoreTokens, speckStops, type RestoreToken } from './restore-tokens.js';

/** The tokenizer's definition, as the regexes it was first written with. */
function reference(text: string): RestoreToken[] {
  const out: RestoreToken[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}¥¢€£&@]+|\s+|[^\s\p{L}\p{M}\p{N}¥¢€£&@]/gu)) {
    const t = m[0];
    let kind: RestoreToken['kind'];
    if (/^\s/u.test(t)) kind = 'space';
    else if (/^\p{N}+$/u.test(t)) kind = 'number';
    else if (/[\p{L}¥¢€]|\p{N}[&@]|[&@]\p{N}/u.test(t)) kind = 'word';
    else kind = 'punct';
    out.push({ text: t, kind, start: m.index });
  }
  return out;
}

describe('restoreTokens', () => {
  it('splits words, numbers, punctuation and white space, and rebuilds the input exactly', () => {
    const text = 'Cin cir Nghi quyét s6 57-NQ/TW ngay 22/12/2024 ctia B4, K& 8& &6 @ && k¥ ngh¢!\n\n- a) 1.';
    const tokens = restoreTokens(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    const kinds = Object.fromEntries(tokens.filter((t) => t.kind !== 'space').map((t) => [t.text, t.kind]));
    expect(kinds).toMatchObject({ s6: 'word', '57': 'number', '-': 'punct', 'K&': 'word', '8&': 'word', '&6': 'word', '@': 'punct', '&&': 'punct', 'k¥': 'word', 'ngh¢': 'word' });
  });

  it('agrees with its regex definition on odd characters: astral, combining marks, other scripts and spaces', () => {
    const text = 'a\u0301b c\u00a0d\u2028e\u3000f 𝟘𝟙 ١٢٣ ⅫA 😀x x😀 \ud800 \u200b 漢字 ½ ²³ €5 5£ ¥¥ \t\r\n\f';
    expect(restoreTokens(text)).toEqual(reference(text));
  });

  it('agrees with its regex definition on OCR and corpus text', () => {
    const texts = [SEED_002, new URL('../../../../fixtures/restore/eng-heldout.jsonl', import.meta.url)]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, 'utf8'));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(restoreTokens(text)).toEqual(reference(text));
  });
});

describe('speckStops', () => {
  const specks = (text: string): string[] => {
    const tokens = restoreTokens(text);
    return speckStops(tokens).map((i) => `${tokens[i - 1].text}.${tokens[i + 1].text}`);
  };

  it('finds a stop glued between two lower-case words, one of them Vietnamese', () => {
    expect(specks('được giao.tại Quyết định; các văn bản pháp.khác; hồ sơ bệnh.án')).toEqual(['giao.tại', 'pháp.khác', 'bệnh.án']);
  });

  it('leaves sentence ends, addresses and abbreviations', () => {
    expect(specks('Điều 5.Thi hành; tỉnh.Căn cứ; quangtri.gov.vn; dichvucong.quangtri.gov.vn; a.b@quangtri.gov.vn; v.v. và; file.pdf')).toEqual([]);
  });
});
