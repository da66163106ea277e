import { z } from 'zod';
import { BBoxSchema } from './document.js';

/** OCR output of one page: blocks > lines > words, boxes in page pixels at `dpi` ([x0, y0, x1, y1]). */
export const OcrWordSchema = z.object({ text: z.string(), bbox: BBoxSchema, confidence: z.number() });
export type OcrWord = z.infer<typeof OcrWordSchema>;

export const OcrLineSchema = z.object({ text: z.string(), bbox: BBoxSchema, confidence: z.number(), words: z.array(OcrWordSchema) });
export type OcrLine = z.infer<typeof OcrLineSchema>;

export const OcrBlockSchema = z.object({ bbox: BBoxSchema, confidence: z.number(), lines: z.array(OcrLineSchema) });
export type OcrBlock = z.infer<typeof OcrBlockSchema>;

export const OcrPageSchema = z.object({
  index: z.number().int().nonnegative(),
  source: z.enum(['ocr', 'text-layer']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  dpi: z.number().nullable(),
  /**
   * Clockwise quarter turn (90, 180, 270) that made the page's text upright before it was read; width,
   * height and every box are those of the turned page. Absent when none was needed.
   */
  turnDeg: z.union([z.literal(90), z.literal(180), z.literal(270)]).optional(),
  skewDeg: z.number().nullable(),
  meanConfidence: z.number().nullable(),
  text: z.string(),
  blocks: z.array(OcrBlockSchema),
  /** Ruling lines found on the page (table grid), in the same pixel space; empty when not looked for. */
  rulings: z
    .object({
      horizontal: z.array(BBoxSchema),
      vertical: z.array(BBoxSchema),
    })
    .optional(),
});
export type OcrPage = z.infer<typeof OcrPageSchema>;
