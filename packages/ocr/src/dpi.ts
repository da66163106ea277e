/**
 * Raster resolution for OCR, chosen by measurement (`scripts/bench-ocr.ts --sweep`): on the fixture
 * scans (200 dpi) and on 300 dpi scans of 13 pt text, 200 dpi gave the lowest CER of 200/250/300
 * (0.79 % vs 0.85 % vs 1.09 % on the 300 dpi set) and is the fastest.
 */
export const DEFAULT_DPI = 200;
/** Rulings of born-digital pages are found on a cheaper raster at this resolution. */
export const RULING_DPI = 100;
