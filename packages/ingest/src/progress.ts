/** Batch progress: documents and pages done, page rate and ETA, as one line. */
export interface ProgressSnapshot {
  documentsDone: number;
  documentsTotal: number;
  failed: number;
  pagesDone: number;
  /** Pages of the documents whose page count is known so far. */
  pagesKnown: number;
  documentsWithKnownPages: number;
  elapsedMs: number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function estimatePagesTotal(p: ProgressSnapshot): number {
  const perDocument = p.documentsWithKnownPages > 0 ? p.pagesKnown / p.documentsWithKnownPages : 1;
  return Math.round(p.pagesKnown + (p.documentsTotal - p.documentsWithKnownPages) * perDocument);
}

export function progressLine(p: ProgressSnapshot, options: { bar?: boolean; width?: number } = {}): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.pagesDone / seconds : 0;
  const pagesTotal = Math.max(estimatePagesTotal(p), p.pagesDone);
  const remaining = pagesTotal - p.pagesDone;
  const eta = p.documentsDone >= p.documentsTotal ? 0 : rate > 0 ? (remaining / rate) * 1000 : Infinity;
  const parts = [
    `${p.documentsDone}/${p.documentsTotal} documents`,
    `${p.pagesDone}/${pagesTotal} pages`,
    `${rate.toFixed(2)} pages/s`,
    `ETA ${formatDuration(eta)}`,
  ];
  if (p.failed > 0) parts.push(`${p.failed} failed`);
  const text = parts.join(', ');
  if (!options.bar) return text;
  const width = options.width ?? 24;
  const share = p.documentsTotal > 0 ? Math.min(1, pagesTotal > 0 ? p.pagesDone / pagesTotal : p.documentsDone / p.documentsTotal) : 1;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}`;
}
