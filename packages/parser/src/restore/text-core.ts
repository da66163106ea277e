// The restorer reaches the Vietnamese text core through this one file.
import { stripDiacritics } from '../vietnamese/index.js';

export { isValidSyllable, normalizeTonePlacement, removeTone, stripDiacritics } from '../vietnamese/index.js';

/** `stripDiacritics`, returning plain ASCII at once (most tokens and characters the restorer strips are). */
export function skeletonOf(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return stripDiacritics(s);
  return s;
}
