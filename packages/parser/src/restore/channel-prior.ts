import { applyToneChar, splitToneChar, TONES, VOWEL_BASES } from '../vietnamese/index.js';
import { stripDiacritics } from './text-core.js';

const GLYPHS = ['a', 'e', 'i', 'o', 'u', 'y', 'd', 'b', 'l', '0', '6', '8', '&', '@', 'é', '¢'];

/** [truthSub, ocrSub, probability] */
export type PriorPair = [string, string, number];

/**
 * FALLBACK hand prior of the OCR channel, used only for truth substrings the learned model
 * (`models/channel.json`, scripts/train-channel.ts) has not seen often enough. It encodes the
 * look-alikes of seed 002 (eng OCR of Vietnamese: "6" for ô/ố, "ir" for ư, "ti" for ủ, "¥" for ỹ,
 * "1" for l, "P" for Đ) and the tone slips of a Vietnamese model (hỏi read as sắc).
 */
export function engPrior(): PriorPair[] {
  const pairs: PriorPair[] = [];
  for (const shaped of VOWEL_BASES) {
    for (const tone of TONES) {
      const v = applyToneChar(shaped, tone);
      const plain = stripDiacritics(v);
      const marked = v !== plain;
      pairs.push([v, v, marked ? 0.15 : 0.9]);
      if (!marked) continue;
      pairs.push([v, plain, 0.5]);
      if (shaped !== plain && tone !== 'ngang') pairs.push([v, shaped, 0.05]);
      if ('aeo'.includes(plain) && v !== applyToneChar(plain, 'sac')) pairs.push([v, applyToneChar(plain, 'sac'), plain === 'e' ? 0.35 : 0.04]);
      if (shaped === 'ô' || shaped === 'ơ') pairs.push([v, '6', 0.04], [v, 'd', 0.02], [v, '0', 0.01], [v, 'b', 0.01], [v, 'od', 0.01]);
      if (shaped === 'o') pairs.push([v, '6', 0.02]);
      if (shaped === 'ô' && tone === 'nang') pairs.push([v, '4', 0.02], [v, 'q', 0.01]);
      if (shaped === 'ơ' || shaped === 'ê') pairs.push([v, '¢', 0.02], [v, '&', 0.02], [v, '€', 0.01]);
      if (shaped === 'ư') pairs.push([v, 'ir', 0.08], [v, 'w', 0.03], [v, 'tr', 0.02], [v, 'it', 0.02], [v, 'i', 0.01]);
      if (shaped === 'u' && tone !== 'ngang') pairs.push([v, 'ti', 0.04], [v, 'ii', 0.03], [v, 'iu', 0.02], [v, 't', 0.02]);
      if (shaped === 'ă') pairs.push([v, 'i', 0.08]);
      if (shaped === 'â') pairs.push([v, 'i', 0.03], [v, 'd', 0.02]);
      if (plain === 'a' && tone !== 'ngang') pairs.push([v, 'd', 0.01], [v, '4', 0.01]);
      if (plain === 'o' && tone === 'nang') pairs.push([v, 'g', 0.02]);
      if (v === 'ỹ') pairs.push([v, '¥', 0.1]);
      // eng reads many marked vowels as the one accented letter it knows best.
      if ('aou'.includes(plain)) pairs.push([v, 'é', 0.01]);
      if (shaped === 'ư' || (shaped === 'u' && tone === 'nang')) pairs.push([v, 'y', 0.03]);
      if (v === 'à') pairs.push([v, '3', 0.01]);
      // eng has no glyph for most marked vowels and emits whatever shape is nearest; spread a little
      // mass over those shapes so such tokens still reach their syllable.
      for (const g of GLYPHS) if (!pairs.some(([t, o]) => t === v && o === g)) pairs.push([v, g, 0.004]);
      pairs.push([v, '', 0.01]);
    }
  }
  pairs.push(['đ', 'd', 0.8], ['đ', 'p', 0.1], ['đ', 'b', 0.02], ['đ', 'đ', 0.05]);
  pairs.push(['l', 'l', 0.95], ['l', '1', 0.03], ['l', 'i', 0.01]);
  pairs.push(['ươ', 'uo', 0.5], ['ươ', 'wo', 0.05], ['ươ', 'uro', 0.03]);
  return pairs;
}

/** FALLBACK prior of a Vietnamese OCR model: almost always right, tones slip (hỏi -> sắc most). */
export function viePrior(): PriorPair[] {
  const pairs: PriorPair[] = [];
  for (const shaped of VOWEL_BASES) {
    for (const tone of TONES) {
      const v = applyToneChar(shaped, tone);
      pairs.push([v, v, 0.97]);
      for (const other of TONES) {
        if (other === tone) continue;
        const p = tone === 'hoi' && other === 'sac' ? 0.02 : 0.002;
        pairs.push([v, applyToneChar(shaped, other), p]);
      }
      const base = splitToneChar(v).base;
      if ('âêô'.includes(base)) pairs.push([v, applyToneChar(stripDiacritics(base), 'nga'), 0.005]);
    }
  }
  pairs.push(['đ', 'đ', 0.97], ['đ', 'd', 0.02]);
  return pairs;
}
