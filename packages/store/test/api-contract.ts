import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiServer, openStore, type Store } from '../src/index.js';
import { makeDocument, sha256, task } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** Parses RFC 4180 text (quoted fields, doubled quotes, CRLF) to check what the API wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The HTTP API's behaviour on either engine; run by store.sqlite.test.ts and store.pg.test.ts. */
export function apiContract(harness: () => StoreHarness): void {
  let store: Store;
  let app: FastifyInstance;
  const doc = makeDocument('api-plan');
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  beforeEach(async () => {
    store = await openStore(await harness().freshUrl());
    await store.saveDocument(doc);
    app = createApiServer(store, { token: '' });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('answers health, documents and one document with its tasks', async () => {
    expect((await get('/health')).json()).toEqual({ status: 'ok', engine: harness().name });
    const list = (await get('/documents')).json();
    expect(list).toMatchObject({ total: 1, nextCursor: null, items: [{ id: doc.id, status: 'done', taskCount: 4 }] });
    const one = await get(`/documents/${doc.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: doc.id, status: 'done', revision: 1, metadata: doc.metadata });
    expect(one.json().tasks).toEqual(doc.tasks);
    expect((await get(`/documents/${sha256('missing')}`)).statusCode).toBe(404);
    expect((await get('/documents/not-an-id')).json()).toMatchObject({ statusCode: 400, error: 'INVALID_INPUT' });
    expect((await get(`/documents/${doc.id}?revision=2`)).statusCode).toBe(404);
  });

  it('filters tasks from the query string', async () => {
    const res = await get(`/tasks?lead=${encodeURIComponent('sở khoa học và công nghệ')}&year=2026`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((t: { title: string }) => t.title)).toEqual([doc.tasks[1].title, doc.tasks[3].title]);
    expect(body.items[0].documentId).toBe(doc.id);
    expect((await get('/tasks?q=an%20ninh%20mang')).json().total).toBe(1);
    expect((await get('/tasks?unit=S%E1%BB%9F%20GD%26%C4%90T&group=III')).json().total).toBe(1);
    const page = (await get('/tasks?limit=3')).json();
    expect(page.items).toHaveLength(3);
    const rest = (await get(`/tasks?limit=3&cursor=${page.nextCursor}`)).json();
    expect(rest).toMatchObject({ total: 4, nextCursor: null });
    expect(rest.items).toHaveLength(1);
  });

  it('writes RFC 4180 CSV and NDJSON', async () => {
    const tricky = makeDocument('csv-plan', [
      task({
        code: '1',
        title: 'Tiêu đề có dấu phẩy, "ngoặc kép" và\nxuống dòng',
        content: 'Dòng một\r\nDòng hai',
        leads: ['Sở KH&CN', 'Sở Tài chính'],
        partners: [],
        provenance: [{ page: 0 }, { page: 0 }, { page: 3 }],
      }),
    ]);
    await store.saveDocument(tricky);
    const res = await get(`/tasks?document=${tricky.id}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['x-total-count']).toBe('1');
    expect(res.body).toContain('"Tiêu đề có dấu phẩy, ""ngoặc kép"" và\nxuống dòng"');
    const rows = parseCsv(res.body);
    expect(rows[0]).toEqual(['document_id', 'group_code', 'group_title', 'code', 'title', 'content', 'leads', 'partners', 'collaborator_role', 'period', 'period_from', 'period_to', 'recurring', 'confidence', 'pages']);
    expect(rows).toHaveLength(2);
    const r = Object.fromEntries(rows[0].map((k, i) => [k, rows[1][i]]));
    expect(r).toMatchObject({
      title: tricky.tasks[0].title,
      content: 'Dòng một\r\nDòng hai',
      leads: 'Sở KH&CN; Sở Tài chính',
      partners: '',
      period_from: '2025',
      recurring: 'false',
      pages: '1; 4',
    });

    const nd = await get('/tasks?format=ndjson&limit=2');
    expect(nd.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(nd.headers['x-next-cursor']).toBeTruthy();
    const lines = nd.body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ documentId: doc.id, code: '1' });
  });

  it('lists units and changes', async () => {
    const units = (await get('/units')).json().items;
    expect(units.find((u: { key: string }) => u.key === 'so khoa hoc va cong nghe')).toMatchObject({ leadTasks: 3 });
    const feed = (await get('/changes?since=0')).json();
    expect(feed.items).toMatchObject([{ documentId: doc.id, op: 'upsert', revision: 1 }]);
    await store.saveDocument({ ...doc, pipelineVersion: '0.2.0' });
    const next = (await get(`/changes?since=${feed.next}`)).json();
    expect(next.items).toMatchObject([{ documentId: doc.id, op: 'upsert', revision: 2 }]);
  });

  it('answers bad input with 400 and a reason, never 500', async () => {
    const cases: [string, RegExp][] = [
      ['/tasks?colour=red', /unknown parameter: colour/],
      ['/tasks?cursor=bm90LWEtY3Vyc29y', /cursor/],
      ['/tasks?cursor=%27%3B%20DROP%20TABLE%20tasks', /cursor/],
      ['/tasks?limit=100000', /limit must be at most 500/],
      ['/tasks?limit=-1', /limit/],
      ['/tasks?year=abc', /year must be a whole number/],
      ['/tasks?q=%27%20OR%201%3D1%20--', /q may contain only/],
      ['/tasks?q=%25', /q may contain only/],
      ['/tasks?q=x%3B%20DROP%20TABLE%20tasks', /q may contain only/],
      ['/tasks?lead=a&lead=b', /lead/],
      ['/tasks?format=xml', /format must be json, csv or ndjson/],
      ['/tasks?document=123', /sha256/],
      ['/changes?since=-4', /since/],
      ['/documents?limit=0', /limit/],
      ['/units?x=1', /unknown parameter/],
    ];
    for (const [url, reason] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ statusCode: 400, error: 'INVALID_INPUT', message: expect.stringMatching(reason) });
    }
    expect((await get('/tasks')).json().total).toBe(4);
    expect((await get('/nowhere')).statusCode).toBe(404);
  });

  it('is read-only: other methods get 405', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/tasks', `/documents/${doc.id}`, '/documents']) {
        const res = await app.inject({ method, url, payload: method === 'DELETE' ? undefined : {} });
        expect(res.statusCode, `${method} ${url}`).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
      }
    }
    const xml = await app.inject({ method: 'POST', url: '/tasks', headers: { 'content-type': 'text/xml' }, payload: '<drop/>' });
    expect(xml.statusCode).toBe(405);
    const badJson = await app.inject({ method: 'PUT', url: '/documents', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(badJson.statusCode).toBe(405);
    expect((await store.listTasks({})).total).toBe(4);
  });

  it('publishes an OpenAPI document built from the query schemas', async () => {
    const spec = (await get('/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/tasks', '/documents', '/documents/{id}', '/units', '/changes', '/health']));
    const params = spec.paths['/tasks'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(['lead', 'partner', 'unit', 'group', 'year', 'document', 'revision', 'q', 'limit', 'cursor', 'format']);
    const limit = spec.paths['/tasks'].get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ maximum: 500 });
    expect(spec.paths['/tasks'].get.responses['200'].content['application/json'].schema.properties.items.items.properties).toHaveProperty('leads');
  });

  describe('with a token', () => {
    it('needs the bearer token everywhere but /health', async () => {
      const secured = createApiServer(store, { token: 's3cret-token' });
      try {
        expect((await secured.inject({ url: '/tasks' })).statusCode).toBe(401);
        expect((await secured.inject({ url: '/tasks', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
        const denied = await secured.inject({ url: '/openapi.json', headers: { authorization: 'Basic czNjcmV0LXRva2Vu' } });
        expect(denied.statusCode).toBe(401);
        expect(denied.headers['www-authenticate']).toBe('Bearer');
        const ok = await secured.inject({ url: '/tasks?limit=1', headers: { authorization: 'Bearer s3cret-token' } });
        expect(ok.statusCode).toBe(200);
        expect(ok.json().total).toBe(4);
        expect((await secured.inject({ url: '/health' })).statusCode).toBe(200);
        expect((await secured.inject({ method: 'POST', url: '/tasks' })).statusCode).toBe(401);
      } finally {
        await secured.close();
      }
    });
  });
}
