import { DocumentResultSchema, PIPELINE_VERSION, SohoaError, type DocumentResult, type OcrPage, type SourceKind } from '@sohoa/core';
import type { RestoreMode } from './contracts.js';
import { loadParserModule } from './modules.js';

export interface AssembleInput {
  id: string;
  path: string;
  bytes: number;
  kind: SourceKind;
  /** In page order; text as OCR'd or as read from the text layer / .txt. */
  pages: OcrPage[];
  warnings?: string[];
}

/**
 * Pages -> DocumentResult: restoration (full for garbled text, post-correction for Vietnamese OCR, none for
 * text layers), then tables, tasks and metadata. Shared by `sohoa process` and the queue's assemble job.
 */
export async function assembleDocument(input: AssembleInput): Promise<DocumentResult> {
  const parser = await loadParserModule();
  const pages = [...input.pages].sort((a, b) => a.index - b.index);
  const warnings = [...(input.warnings ?? [])];
  const rawText = pages.map((p) => p.text).join('\f');

  const garbling = rawText.trim() === '' ? null : parser.assessGarbling(rawText);
  const mode: RestoreMode | null = garbling?.garbled ? 'full' : pages.some((p) => p.source === 'ocr') ? 'post-correct' : null;
  if (garbling?.garbled) {
    warnings.push(
      `the text had lost its diacritics (${Math.round(garbling.invalidShare * 100)}% invalid syllables): restored in full mode`,
    );
  }
  const restorer = mode ? await parser.loadRestorer() : null;
  const restore = (text: string): string => (restorer && mode ? restorer.restore(text, { mode }).text : text.normalize('NFC'));

  const restoredPages: OcrPage[] = [];
  for (const page of pages) {
    restoredPages.push({ ...page, text: restore(page.text) });
    // Restoration is synchronous CPU work: let timers run between pages so a queue worker keeps renewing its job lock.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const text = restoredPages.map((p) => p.text).join('\f');
  if (text.trim() === '') warnings.push('no text was found in the document');
  for (const page of pages) {
    if (page.source !== 'ocr' || page.meanConfidence === null) continue;
    // tesseract reports 0..100; accept 0..1 too
    const confidence = page.meanConfidence > 1 ? page.meanConfidence / 100 : page.meanConfidence;
    if (confidence < 0.6) warnings.push(`page ${page.index + 1}: low OCR confidence (${Math.round(confidence * 100)}%)`);
  }

  // The parser restores each line or cell itself (its confidence counts the changes), so it gets the raw text.
  const hasBoxes = pages.some((p) => p.blocks.length > 0);
  const parsed = parser.parseDocument(
    hasBoxes ? { pages } : { text: rawText.normalize('NFC') },
    restorer && mode ? { restore: (s) => restorer.restore(s, { mode }).text } : {},
  );
  warnings.push(...parsed.warnings);

  const candidate: DocumentResult = {
    id: input.id,
    source: { path: input.path, bytes: input.bytes, pages: pages.length, kind: input.kind },
    metadata: parsed.metadata,
    pages: restoredPages.map((p) => ({
      index: p.index,
      source: p.source,
      dpi: p.dpi,
      skewDeg: p.skewDeg,
      meanConfidence: p.meanConfidence,
      text: p.text,
    })),
    text,
    tasks: parsed.tasks,
    warnings,
    pipelineVersion: PIPELINE_VERSION,
  };
  const checked = DocumentResultSchema.safeParse(candidate);
  if (!checked.success) {
    throw new SohoaError('INVALID_OUTPUT', `the document result is invalid: ${checked.error.message}`, { stage: 'ingest', file: input.path });
  }
  return checked.data;
}
