import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';

export type Engine = 'eng' | 'vie';

const require = createRequire(import.meta.url);

/** The traineddata folder shipped by @tesseract.js-data/<lang>: nothing is fetched at run time. */
export function langPathFor(engine: Engine): string {
  const pkg = require.resolve(`@tesseract.js-data/${engine}/package.json`);
  return path.join(path.dirname(pkg), '4.0.0_best_int');
}

/** A tesseract.js LSTM worker for one language, fully offline, reading pages as one uniform block. */
export async function createEngineWorker(engine: Engine, dpi: number, psm: PSM = PSM.SINGLE_BLOCK): Promise<Worker> {
  const worker = await createWorker(engine, OEM.LSTM_ONLY, {
    langPath: langPathFor(engine),
    gzip: true,
    cacheMethod: 'none',
  });
  await worker.setParameters({ tessedit_pageseg_mode: psm, user_defined_dpi: String(dpi) });
  return worker;
}

/** Plain text of one page image (NFC: the vie model emits some combining marks). */
export async function recognizeText(worker: Worker, image: Buffer): Promise<string> {
  const { data } = await worker.recognize(image);
  return (data.text ?? '').normalize('NFC');
}
