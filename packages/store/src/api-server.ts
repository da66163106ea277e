import { timingSafeEqual } from 'node:crypto';
import { SohoaError } from '@sohoa/core';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  ChangesQuerySchema,
  DocumentParamsSchema,
  DocumentQuerySchema,
  DocumentsQuerySchema,
  EmptyQuerySchema,
  TasksQuerySchema,
} from './api-schemas.js';
import { TASK_FORMAT_CONTENT_TYPES, formatTasks } from './format-tasks.js';
import { buildOpenApi } from './openapi.js';
import type { Store } from './store.js';
import { describeZodError } from './task-filter.js';

export interface ApiServerOptions {
  /** Bearer token every request but /health must carry; defaults to SOHOA_API_TOKEN, none when unset. */
  token?: string;
  logger?: boolean;
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new HttpError(400, 'INVALID_INPUT', `${what}: ${describeZodError(result.error)}`);
  return result.data;
}

const READ_ONLY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The read-only HTTP API over a store (fastify). Listen with `app.listen({ host, port })`. */
export function createApiServer(store: Store, options: ApiServerOptions = {}): FastifyInstance {
  const token = options.token ?? (process.env.SOHOA_API_TOKEN || undefined);
  const app = Fastify({ logger: options.logger ?? false });
  const openapi = buildOpenApi({ auth: Boolean(token) });

  const send = (reply: FastifyReply, status: number, error: string, message: string) =>
    reply.code(status).type('application/json; charset=utf-8').send({ statusCode: status, error, message });

  if (token) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.url === '/health' || request.url.startsWith('/health?')) return;
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(.+)$/i.exec(header);
      if (!match || !sameToken(match[1].trim(), token)) {
        reply.header('WWW-Authenticate', 'Bearer');
        return send(reply, 401, 'UNAUTHORIZED', 'this API needs "Authorization: Bearer <token>" (SOHOA_API_TOKEN)');
      }
    });
  }

  app.setErrorHandler((err: Error, request, reply) => {
    if (err instanceof HttpError) return send(reply, err.statusCode, err.error, err.message);
    if (err instanceof SohoaError && (err.code === 'INVALID_INPUT' || err.permanent)) return send(reply, 400, err.code, err.reason);
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return send(reply, status, (err as { code?: string }).code ?? 'BAD_REQUEST', err.message);
    request.log.error(err);
    const code = err instanceof SohoaError ? err.code : 'INTERNAL';
    return send(reply, 500, code, 'the store could not answer this request; see the server log');
  });
  app.setNotFoundHandler((request, reply) => send(reply, 404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));

  const readOnly = (url: string) =>
    app.route({
      method: [...READ_ONLY_METHODS],
      url,
      // Answered in onRequest, before any body is parsed: a write gets 405 whatever it sends.
      onRequest: async (request, reply) => {
        reply.header('Allow', 'GET, HEAD');
        return send(reply, 405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed: this API is read-only (GET)`);
      },
      handler: async () => undefined,
    });

  app.get('/health', async (request) => {
    parse(EmptyQuerySchema, request.query, 'bad query');
    await store.changes(0, 1);
    return { status: 'ok', engine: store.engine };
  });

  app.get('/openapi.json', async (request) => {
    parse(EmptyQuerySchema, request.query, 'bad query');
    return openapi;
  });

  app.get('/documents', async (request) => {
    const query = parse(DocumentsQuerySchema, request.query, 'bad query');
    return store.listDocuments(query);
  });

  app.get('/documents/:id', async (request) => {
    const { id } = parse(DocumentParamsSchema, request.params, 'bad document id');
    const { revision } = parse(DocumentQuerySchema, request.query, 'bad query');
    const doc = await store.getDocument(id, { revision });
    if (!doc) throw new HttpError(404, 'NOT_FOUND', revision ? `document ${id} has no revision ${revision}` : `no document ${id}`);
    return doc;
  });

  app.get('/tasks', async (request, reply) => {
    const { format, ...filter } = parse(TasksQuerySchema, request.query, 'bad query');
    const page = await store.listTasks(filter);
    if (format === 'json') return page;
    reply.header('X-Total-Count', String(page.total));
    if (page.nextCursor) reply.header('X-Next-Cursor', page.nextCursor);
    return reply.type(TASK_FORMAT_CONTENT_TYPES[format]).send(formatTasks(page.items, format));
  });

  app.get('/units', async (request) => {
    parse(EmptyQuerySchema, request.query, 'bad query');
    return { items: await store.listUnits() };
  });

  app.get('/changes', async (request) => {
    const { since, limit } = parse(ChangesQuerySchema, request.query, 'bad query');
    return store.changes(since, limit);
  });

  for (const url of ['/health', '/openapi.json', '/documents', '/documents/:id', '/tasks', '/units', '/changes']) readOnly(url);
  return app;
}
