/**
 * Pages of one process in flight at once for an OCR pool of `size` workers: two more than it has
 * workers. The main thread prepares one page at a time (0.3-0.5 s for a scan: raster, preprocessing),
 * and when both workers finish together one would otherwise wait; measured on 12 scans with a pool of
 * 2: CPU use 1.83 -> 1.89 cores, 27.1 -> 29.4 pages/min. More only hold more page images in memory.
 * Here rather than in @sohoa/ocr so the ingest side can size its lanes and queue without loading the
 * OCR stack.
 */
export const pagesInFlight = (pool: { readonly size: number }): number => Math.max(1, pool.size + 2);
