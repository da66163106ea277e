export { DEFAULT_DPI } from './dpi.js';
export { inspectInput, type InputInfo } from './inspect-input.js';
export type { InputFormat } from './input-format.js';
export { createOcrPool, type OcrPool, type OcrPoolOptions } from './ocr-pool.js';
export { ocrPage, type OcrPageOptions } from './ocr-page.js';
export { ocrDocument, type OcrDocumentResult } from './ocr-document.js';
// sized for a pool, and kept in @sohoa/core for callers that do not load the OCR stack
export { pagesInFlight } from '@sohoa/core';
export { pagesToHocr, pagesToText } from './hocr.js';
export { preprocessPage, DEFAULT_PREPROCESS, type PreprocessOptions, type PreprocessedPage } from './preprocess.js';
export { detectRulings, type Rulings } from './rulings.js';
export { vectorRulings, type VectorRulingOptions } from './vector-rulings.js';
export { estimateSkew } from './skew.js';
export { inkMask, otsuMask, otsuThreshold, sauvolaMask, type InkMask } from './binarize.js';
export { rasterizePdfPage, rasterizeImagePage } from './rasterize-page.js';
export { resolveLangPath } from './lang-path.js';
export type { GrayImage, PageImage } from './page-image.js';
