import { DocumentResultSchema, PIPELINE_VERSION, SohoaError, toSohoaError, type DocumentResult, type OcrPage, type StageResult } from '@sohoa/core';
import { assembleDocument } from './assemble-document.js';
import type { Store } from './contracts.js';
import { hashFile } from './hash-file.js';
import { LazyOcrPool } from './lazy-pool.js';
import { describeInput, loadPages, sourceKind } from './load-page.js';

export interface ProcessContext {
  /** Shared across files; when absent, one is made for this call and terminated after it. */
  pool?: LazyOcrPool;
  /** Where results go; null or absent: nothing is stored and nothing counts as a duplicate. */
  store?: Store | null;
  dpi?: number;
  forceOcr?: boolean;
  /** Process even when the store already holds this document at the current pipeline version. */
  force?: boolean;
  /** Called as each page is read (pages are read concurrently: not necessarily in page order). */
  onPage?: (page: OcrPage, pageCount: number) => void;
}

/** The whole pipeline in-process: file -> DocumentResult (stored when a store is given). */
export async function processFile(path: string, ctx: ProcessContext = {}): Promise<StageResult<DocumentResult>> {
  const pool = ctx.pool ?? new LazyOcrPool();
  let id: string | null = null;
  try {
    const hashed = await hashFile(path);
    id = hashed.id;
    if (hashed.bytes === 0) throw new SohoaError('EMPTY_FILE', 'the file is empty (0 bytes)', { stage: 'ingest', file: path });
    if (ctx.store && !ctx.force && (await ctx.store.hasDocument(id, PIPELINE_VERSION))) {
      const stored = DocumentResultSchema.safeParse(await ctx.store.getDocument(id));
      return { status: 'duplicate', id, existing: stored.success ? stored.data : undefined };
    }

    const input = await describeInput(path);
    const pages = await loadPages(path, input, { pool, dpi: ctx.dpi, forceOcr: ctx.forceOcr }, ctx.onPage);
    const kind = sourceKind(input.format, pages);
    const warnings: string[] = [];
    const ocrCount = pages.filter((p) => p.source === 'ocr').length;
    if (kind === 'scanned' && ocrCount < pages.length) {
      warnings.push(`mixed document: ${pages.length - ocrCount} of ${pages.length} pages had a text layer`);
    }
    const doc = await assembleDocument({ id, path, bytes: hashed.bytes, kind, pages, warnings });
    if (ctx.store) {
      const saved = await ctx.store.saveDocument(doc);
      if (saved.status === 'duplicate' && !ctx.force) return { status: 'duplicate', id, existing: doc };
    }
    return { status: 'done', value: doc };
  } catch (thrown) {
    const error = toSohoaError(thrown, 'ingest', path);
    if (ctx.store && id) {
      await ctx.store.recordFailure({ id, path, error: error.toJSON(), pipelineVersion: PIPELINE_VERSION }).catch(() => undefined);
    }
    return { status: 'failed', error };
  } finally {
    if (!ctx.pool) await pool.terminate();
  }
}
