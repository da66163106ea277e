import { z } from 'zod';

/** Where a watched file goes when its document is done or has failed for good. */
export const FinishDirsSchema = z.object({ processedDir: z.string(), failedDir: z.string() });
export type FinishDirs = z.infer<typeof FinishDirsSchema>;

const common = {
  path: z.string(),
  id: z.string().regex(/^[0-9a-f]{64}$/),
  dpi: z.number().int().positive().optional(),
  forceOcr: z.boolean().optional(),
  finish: FinishDirsSchema.optional(),
};

export const DocumentJobDataSchema = z.object({ ...common, bytes: z.number().int().nonnegative() });
export type DocumentJobData = z.infer<typeof DocumentJobDataSchema>;

const format = z.enum(['pdf', 'png', 'jpeg', 'tiff', 'text']);

export const PageJobDataSchema = z.object({
  ...common,
  index: z.number().int().nonnegative(),
  pageCount: z.number().int().positive(),
  hasTextLayer: z.boolean(),
  format,
});
export type PageJobData = z.infer<typeof PageJobDataSchema>;

export const AssembleJobDataSchema = z.object({ ...common, bytes: z.number().int().nonnegative(), pageCount: z.number().int().positive(), format });
export type AssembleJobData = z.infer<typeof AssembleJobDataSchema>;

/** What a document job returns: it either found a duplicate or fanned out its pages. */
export type DocumentJobResult = { status: 'duplicate'; id: string; of?: string } | { status: 'queued'; id: string; pages: number };
/** `stored: 'duplicate'` when an earlier attempt (a worker killed after its write) had already saved it. */
export type AssembleJobResult = { status: 'done'; stored: 'done' | 'duplicate'; id: string; pages: number; tasks: number; revision: number | null };
