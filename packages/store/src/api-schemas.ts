import { MetadataSchema, SourceKindSchema, TaskSchema } from '@sohoa/core';
import { z } from 'zod';
import { MAX_LIMIT, TaskFilterSchema } from './task-filter.js';

/** Query strings and responses of the read API; /openapi.json is generated from these. */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'id must be a sha256 (64 lowercase hex digits)');
const whole = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

export const EmptyQuerySchema = z.strictObject({});

export const TasksQuerySchema = z.strictObject({
  ...TaskFilterSchema.shape,
  format: z.enum(['json', 'csv', 'ndjson'], { error: 'format must be json, csv or ndjson' }).default('json').describe('Response format'),
});

export const DocumentsQuerySchema = z.strictObject({
  status: z.enum(['done', 'failed'], { error: 'status must be done or failed' }).optional().describe('Only documents with this status'),
  limit: whole('limit', 1, MAX_LIMIT).default(100).describe(`Page size (max ${MAX_LIMIT})`),
  cursor: z.string().max(200, 'cursor is not one this server issued').optional().describe('nextCursor of the previous page'),
});

export const DocumentParamsSchema = z.strictObject({ id: sha256 });
export const DocumentQuerySchema = z.strictObject({
  revision: whole('revision', 1, 1_000_000).optional().describe('An older revision (default: the current one)'),
});

export const ChangesQuerySchema = z.strictObject({
  since: whole('since', 0, Number.MAX_SAFE_INTEGER).default(0).describe('Last seq already seen (0 for everything)'),
  limit: whole('limit', 1, 1000).default(100).describe('At most this many changes (max 1000)'),
});

export const ErrorJsonSchema = z.object({
  code: z.string(),
  stage: z.string(),
  file: z.string().nullable(),
  reason: z.string(),
  permanent: z.boolean(),
});

export const ErrorResponseSchema = z.object({
  statusCode: z.number().int(),
  error: z.string().describe('INVALID_INPUT, UNAUTHORIZED, NOT_FOUND, METHOD_NOT_ALLOWED, STORE_ERROR, ...'),
  message: z.string(),
});

export const TaskItemSchema = TaskSchema.extend({ documentId: sha256 });

export const TaskPageSchema = z.object({
  items: z.array(TaskItemSchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const DocumentSummarySchema = z.object({
  id: sha256,
  status: z.enum(['done', 'failed']),
  source: z.object({
    path: z.string(),
    bytes: z.number().nullable(),
    pages: z.number().nullable(),
    kind: SourceKindSchema.nullable(),
  }),
  metadata: MetadataSchema,
  pipelineVersion: z.string().nullable(),
  revision: z.number().int(),
  taskCount: z.number().int(),
  error: ErrorJsonSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DocumentPageSchema = z.object({
  items: z.array(DocumentSummarySchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const StoredDocumentSchema = z
  .object({
    id: sha256,
    status: z.enum(['done', 'failed']),
    revision: z.number().int(),
    error: ErrorJsonSchema.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    pipelineVersion: z.string().nullable(),
    source: z.object({ path: z.string() }).loose(),
    metadata: MetadataSchema.optional(),
    tasks: z.array(TaskSchema).optional(),
  })
  .loose()
  .describe('A DocumentResult with its status and revision; failed documents carry only id, source.path and error');

export const UnitSummarySchema = z.object({
  key: z.string(),
  name: z.string(),
  names: z.array(z.string()),
  leadTasks: z.number().int(),
  partnerTasks: z.number().int(),
});

export const ChangeFeedSchema = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      documentId: sha256,
      op: z.enum(['upsert', 'delete', 'fail']),
      revision: z.number().int(),
      at: z.string(),
    }),
  ),
  next: z.number().int(),
});

export const HealthSchema = z.object({ status: z.literal('ok'), engine: z.enum(['sqlite', 'postgres']) });
