// The restorer reaches the Vietnamese text core through this one file.
export { isValidSyllable, normalizeTonePlacement, removeTone, stripDiacritics } from '../vietnamese/index.js';
