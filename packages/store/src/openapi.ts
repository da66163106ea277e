import { z } from 'zod';
import {
  ChangeFeedSchema,
  ChangesQuerySchema,
  DocumentPageSchema,
  DocumentQuerySchema,
  DocumentsQuerySchema,
  ErrorResponseSchema,
  HealthSchema,
  StoredDocumentSchema,
  TaskPageSchema,
  TasksQuerySchema,
  UnitSummarySchema,
} from './api-schemas.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = toSchema(field as z.ZodType, 'input');
    const { description, ...fieldSchema } = json;
    return { name, in: 'query', required: false, description, schema: fieldSchema };
  });
}

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema: toSchema(schema) } },
});

const errors = {
  '400': json(ErrorResponseSchema, 'Bad input (unknown parameter, bad cursor, limit too large, ...)'),
  '401': json(ErrorResponseSchema, 'Missing or wrong bearer token (only when the server has one)'),
  '405': json(ErrorResponseSchema, 'The API is read-only'),
};

/** OpenAPI 3.1 for the read API, built from the same zod schemas that validate requests. */
export function buildOpenApi(options: { auth: boolean }): JsonSchema {
  const get = (summary: string, ok: JsonSchema, parameters: JsonSchema[] = [], extra: JsonSchema = {}) => ({
    get: { summary, parameters, responses: { '200': ok, ...errors, ...extra } },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'sohoa read API',
      version: '1',
      description: 'Tasks and documents extracted from scanned Vietnamese government plans. Read-only.',
    },
    ...(options.auth
      ? { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } }, security: [{ bearer: [] }] }
      : {}),
    paths: {
      '/health': { get: { summary: 'Liveness and engine', security: [], responses: { '200': json(HealthSchema, 'The store answers') } } },
      '/documents': get('Documents, failed ones included', json(DocumentPageSchema, 'A page of documents'), queryParameters(DocumentsQuerySchema)),
      '/documents/{id}': get(
        'One document with its pages and tasks',
        json(StoredDocumentSchema, 'The document'),
        [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } }, ...queryParameters(DocumentQuerySchema)],
        { '404': json(ErrorResponseSchema, 'No such document or revision') },
      ),
      '/tasks': get(
        'Tasks matching every filter given',
        {
          description: 'A page of tasks; for csv and ndjson the total and next cursor are in X-Total-Count and X-Next-Cursor',
          content: {
            'application/json': { schema: toSchema(TaskPageSchema) },
            'text/csv': { schema: { type: 'string' } },
            'application/x-ndjson': { schema: { type: 'string' } },
          },
        },
        queryParameters(TasksQuerySchema),
      ),
      '/units': get('Units with their task counts per role', json(z.object({ items: z.array(UnitSummarySchema) }), 'Units')),
      '/changes': get('Document changes after a sequence number, for incremental sync', json(ChangeFeedSchema, 'Changes'), queryParameters(ChangesQuerySchema)),
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
  };
}
