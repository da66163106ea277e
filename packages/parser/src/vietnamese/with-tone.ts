import { placeTone } from './syllable-grammar.js';
import { removeTone, type Tone } from './tones.js';

/** Replaces the tone of a syllable (any case), placing the mark in the new style: withTone("hoa", "sac") = "hóa". */
export function withTone(syllable: string, tone: Tone): string {
  return placeTone(removeTone(syllable), tone, 'new');
}
