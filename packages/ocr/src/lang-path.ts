import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SohoaError } from '@sohoa/core';

const require = createRequire(import.meta.url);

/**
 * The local folder holding `<lang>.traineddata.gz` from the @tesseract.js-data/<lang> package.
 * A local path (never a URL) is what keeps tesseract.js from downloading anything.
 */
export function resolveLangPath(lang: string): string {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch (err) {
    throw new SohoaError('INTERNAL', `no OCR model for language "${lang}": install @tesseract.js-data/${lang}`, { stage: 'ocr', cause: err });
  }
  const dir = join(pkgDir, '4.0.0_best_int');
  if (!existsSync(join(dir, `${lang}.traineddata.gz`))) {
    throw new SohoaError('INTERNAL', `the OCR model ${lang}.traineddata.gz is missing from ${dir}`, { stage: 'ocr' });
  }
  return dir;
}
