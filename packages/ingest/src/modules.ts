import { SohoaError } from '@sohoa/core';
import type { OcrModule, ParserModule, StoreModule } from './contracts.js';

/** Lazy loaders for the sibling packages: importing them costs seconds (pdfjs, tesseract, models). */
let ocr: Promise<OcrModule> | undefined;
let parser: Promise<ParserModule> | undefined;
let store: Promise<StoreModule> | undefined;

export function loadOcrModule(): Promise<OcrModule> {
  ocr ??= import('@sohoa/ocr').then((m) => requireExports<OcrModule>('@sohoa/ocr', m, ['inspectInput', 'createOcrPool', 'ocrPage']));
  return ocr;
}

export function loadParserModule(): Promise<ParserModule> {
  parser ??= import('@sohoa/parser').then((m) =>
    requireExports<ParserModule>('@sohoa/parser', m, ['loadRestorer', 'assessGarbling', 'parseDocument']),
  );
  return parser;
}

export function loadStoreModule(): Promise<StoreModule> {
  store ??= import('@sohoa/store').then((m) => requireExports<StoreModule>('@sohoa/store', m, ['openStore']));
  return store;
}

function requireExports<T>(name: string, module: unknown, names: string[]): T {
  const record = module as Record<string, unknown>;
  const missing = names.filter((n) => typeof record[n] !== 'function');
  if (missing.length > 0) {
    throw new SohoaError('INTERNAL', `${name} does not provide ${missing.join(', ')}`, { stage: 'ingest' });
  }
  return module as T;
}

