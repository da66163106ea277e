import { z } from 'zod';

/** Field names here are a contract with other systems (DESIGN.md, "Data"). Change them only with a migration. */

export const PeriodSchema = z.object({
  text: z.string(),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  recurring: z.boolean(),
});
export type Period = z.infer<typeof PeriodSchema>;

export const BBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBoxSchema>;

export const ProvenanceSchema = z.object({
  page: z.number().int().nonnegative(),
  bbox: BBoxSchema.optional(),
});

export const TaskSchema = z.object({
  group: z.object({ code: z.string(), title: z.string() }),
  code: z.string().min(1),
  title: z.string(),
  content: z.string(),
  leads: z.array(z.string().min(1)),
  partners: z.array(z.string().min(1)),
  collaboratorRole: z.string(),
  period: PeriodSchema,
  provenance: z.array(ProvenanceSchema),
  confidence: z.number().min(0).max(1),
});
export type Task = z.infer<typeof TaskSchema>;

export const MetadataSchema = z.object({
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  place: z.string().nullable(),
  title: z.string().nullable(),
  signer: z.string().nullable(),
});
export type Metadata = z.infer<typeof MetadataSchema>;

export const emptyMetadata = (): Metadata => ({ number: null, issuer: null, date: null, place: null, title: null, signer: null });

export const SourceKindSchema = z.enum(['scanned', 'born-digital', 'text']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const PageResultSchema = z.object({
  index: z.number().int().nonnegative(),
  source: z.enum(['ocr', 'text-layer']),
  dpi: z.number().nullable(),
  skewDeg: z.number().nullable(),
  meanConfidence: z.number().nullable(),
  text: z.string(),
});
export type PageResult = z.infer<typeof PageResultSchema>;

export const DocumentResultSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  source: z.object({
    path: z.string(),
    bytes: z.number().int().nonnegative(),
    pages: z.number().int().nonnegative(),
    kind: SourceKindSchema,
  }),
  metadata: MetadataSchema,
  pages: z.array(PageResultSchema),
  text: z.string(),
  tasks: z.array(TaskSchema),
  warnings: z.array(z.string()),
  pipelineVersion: z.string(),
});
export type DocumentResult = z.infer<typeof DocumentResultSchema>;
