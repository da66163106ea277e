import {
  DocumentResultSchema,
  SohoaError,
  type DocumentResult,
  type Metadata,
  type SohoaErrorJson,
  type SourceKind,
  type Task,
} from '@sohoa/core';
import { z } from 'zod';
import { foldText, searchColumn } from './fold-text.js';
import { applyMigrations } from './migrations/index.js';
import type { Row, SqlDriver, SqlExecutor, SqlValue } from './sql-driver.js';
import type {
  Change,
  ChangeFeed,
  DocumentSummary,
  FailureInput,
  FailureResult,
  ListDocumentsOptions,
  Page,
  SaveResult,
  Store,
  StoredDocument,
  TaskItem,
  UnitSummary,
} from './store.js';
import { MAX_LIMIT, TaskFilterSchema, decodeCursor, encodeCursor, parseWith, type TaskFilterInput } from './task-filter.js';
import { taskWhere } from './task-query.js';
import type { UnitKeyFn } from './unit-key.js';
import { loadUnitKey } from './unit-keys-refresh.js';

const TASK_COLUMNS = [
  'document_id',
  'revision',
  'is_current',
  'position',
  'group_code',
  'group_title',
  'group_key',
  'code',
  'title',
  'content',
  'leads',
  'partners',
  'collaborator_role',
  'period_text',
  'period_from',
  'period_to',
  'period_recurring',
  'provenance',
  'confidence',
  'search_text',
] as const;

// Rows per multi-row INSERT: well under SQLite's 32,766 parameters and PostgreSQL's 65,535.
const INSERT_CHUNK = 200;

const FailureInputSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/, 'id must be a sha256 (64 lowercase hex digits)'),
  path: z.string(),
  error: z.object({
    code: z.string(),
    stage: z.string(),
    file: z.string().nullable(),
    reason: z.string(),
    permanent: z.boolean(),
  }),
  bytes: z.number().int().nonnegative().optional(),
  pipelineVersion: z.string().optional(),
});

const ListDocumentsSchema = z.strictObject({
  status: z.enum(['done', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
  cursor: z.string().max(200).optional(),
});

const nowIso = () => new Date().toISOString();
const parseJson = <T>(text: unknown, fallback: T): T => (typeof text === 'string' && text ? (JSON.parse(text) as T) : fallback);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function rowToTask(r: Row): TaskItem {
  return {
    documentId: String(r.document_id),
    group: { code: String(r.group_code), title: String(r.group_title) },
    code: String(r.code),
    title: String(r.title),
    content: String(r.content),
    leads: parseJson<string[]>(r.leads, []),
    partners: parseJson<string[]>(r.partners, []),
    collaboratorRole: String(r.collaborator_role),
    period: {
      text: String(r.period_text),
      from: num(r.period_from),
      to: num(r.period_to),
      recurring: Number(r.period_recurring) === 1,
    },
    provenance: parseJson<Task['provenance']>(r.provenance, []),
    confidence: Number(r.confidence),
  };
}

function rowToMetadata(r: Row): Metadata {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return { number: s(r.number), issuer: s(r.issuer), date: s(r.doc_date), place: s(r.place), title: s(r.title), signer: s(r.signer) };
}

function rowToSummary(r: Row): DocumentSummary {
  return {
    id: String(r.id),
    status: r.status as 'done' | 'failed',
    source: {
      path: String(r.source_path),
      bytes: num(r.source_bytes),
      pages: num(r.source_pages),
      kind: (r.kind as SourceKind | null) ?? null,
    },
    metadata: rowToMetadata(r),
    pipelineVersion: (r.pipeline_version as string | null) ?? null,
    revision: Number(r.revision),
    taskCount: Number(r.task_count),
    error: parseJson<SohoaErrorJson | null>(r.error, null),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}

function storeError(what: string, err: unknown, file?: string): SohoaError {
  if (err instanceof SohoaError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new SohoaError('STORE_ERROR', `${what}: ${reason}`, { stage: 'store', file: file ?? null, cause: err });
}

export class SqlStore implements Store {
  private constructor(
    private readonly db: SqlDriver,
    private readonly unitKey: UnitKeyFn,
  ) {}

  get engine() {
    return this.db.dialect;
  }

  /** Migrates the database to the current schema, then reads the unit aliases it holds. */
  static async open(db: SqlDriver): Promise<SqlStore> {
    await applyMigrations(db);
    const store = new SqlStore(db, await loadUnitKey(db));
    await store.analyzeIfNeverAnalyzed();
    return store;
  }

  // PostgreSQL plans the unit filter's semi-join badly without statistics (a nested loop over every task,
  // seconds at 10,000 tasks), and autovacuum only analyzes a minute or so after a bulk load. So the
  // store analyzes its own tables when it finds them never analyzed, and each time the rows it wrote
  // double (1,000, 2,000, 4,000, ...): a few milliseconds, a handful of times per process.
  private rowsWritten = 0;
  private analyzeAt = 1000;

  private async analyzeIfNeverAnalyzed(): Promise<void> {
    if (this.db.dialect !== 'postgres') return;
    const [row] = await this.db.all<Row>(
      "SELECT c.reltuples AS n, EXISTS (SELECT 1 FROM tasks) AS has_rows FROM pg_class c WHERE c.oid = 'tasks'::regclass",
    );
    if (row && Number(row.n) <= 0 && row.has_rows) await this.analyze();
  }

  private async noteWrites(rows: number): Promise<void> {
    if (this.db.dialect !== 'postgres') return;
    this.rowsWritten += rows;
    if (this.rowsWritten < this.analyzeAt) return;
    this.analyzeAt = this.rowsWritten * 2;
    await this.analyze();
  }

  private async analyze(): Promise<void> {
    // Statistics are an optimisation: a failure here must not fail the write that triggered it.
    await this.db.run('ANALYZE documents, tasks, task_units').catch(() => undefined);
  }

  /** Serialises writers of one document on PostgreSQL (SQLite's BEGIN IMMEDIATE already does). */
  private async lockDocument(tx: SqlExecutor, id: string): Promise<void> {
    if (tx.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(hashtext(?))', [id]);
  }

  /**
   * Appended last in a write transaction. On PostgreSQL the table lock (readers are not blocked) makes
   * seq order equal commit order, so a reader polling `since=N` never skips a change that commits late.
   */
  private async appendChange(tx: SqlExecutor, id: string, op: Change['op'], revision: number): Promise<void> {
    if (tx.dialect === 'postgres') await tx.run('LOCK TABLE changes IN EXCLUSIVE MODE');
    await tx.run('INSERT INTO changes (document_id, op, revision, at) VALUES (?, ?, ?, ?)', [id, op, revision, nowIso()]);
  }

  async saveDocument(input: DocumentResult): Promise<SaveResult> {
    const result = await this.writeDocument(input);
    if (result.status === 'done') await this.noteWrites(1 + input.tasks.length * 4);
    return result;
  }

  private async writeDocument(input: DocumentResult): Promise<SaveResult> {
    const parsed = DocumentResultSchema.safeParse(input);
    if (!parsed.success) {
      throw new SohoaError('INVALID_INPUT', `not a valid DocumentResult: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, {
        stage: 'store',
        file: input?.source?.path ?? null,
      });
    }
    const doc = parsed.data;
    try {
      return await this.db.transaction(async (tx) => {
        await this.lockDocument(tx, doc.id);
        const [existing] = await tx.all<Row>('SELECT status, pipeline_version, revision FROM documents WHERE id = ?', [doc.id]);
        if (existing && existing.status === 'done' && existing.pipeline_version === doc.pipelineVersion) {
          return { status: 'duplicate', revision: Number(existing.revision) } as const;
        }
        const revision = (existing ? Number(existing.revision) : 0) + 1;
        const now = nowIso();
        const m = doc.metadata;
        const docValues: SqlValue[] = [
          doc.source.path,
          doc.source.bytes,
          doc.source.pages,
          doc.source.kind,
          m.number,
          m.issuer,
          m.date,
          m.place,
          m.title,
          m.signer,
          doc.text,
          JSON.stringify(doc.warnings),
          doc.pipelineVersion,
          revision,
          doc.tasks.length,
        ];
        if (existing) {
          await tx.run('UPDATE tasks SET is_current = 0 WHERE document_id = ? AND is_current = 1', [doc.id]);
          await tx.run(
            `UPDATE documents SET source_path = ?, source_bytes = ?, source_pages = ?, kind = ?, number = ?, issuer = ?,
               doc_date = ?, place = ?, title = ?, signer = ?, text = ?, warnings = ?, pipeline_version = ?, revision = ?,
               task_count = ?, status = 'done', error = NULL, updated_at = ? WHERE id = ?`,
            [...docValues, now, doc.id],
          );
        } else {
          await tx.run(
            `INSERT INTO documents (source_path, source_bytes, source_pages, kind, number, issuer, doc_date, place, title, signer,
               text, warnings, pipeline_version, revision, task_count, status, created_at, updated_at, id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?)`,
            [...docValues, now, now, doc.id],
          );
        }
        await tx.run(
          `INSERT INTO document_revisions (document_id, revision, pipeline_version, source, metadata, warnings, text, saved_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [doc.id, revision, doc.pipelineVersion, JSON.stringify(doc.source), JSON.stringify(doc.metadata), JSON.stringify(doc.warnings), doc.text, now],
        );
        await this.insertPages(tx, doc, revision);
        await this.insertTasks(tx, doc, revision);
        await this.appendChange(tx, doc.id, 'upsert', revision);
        return { status: 'done', revision } as const;
      });
    } catch (err) {
      throw storeError('could not save the document', err, doc.source.path);
    }
  }

  private async insertRows(tx: SqlExecutor, table: string, columns: readonly string[], rows: SqlValue[][], returning?: string): Promise<Row[]> {
    const out: Row[] = [];
    const placeholders = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => placeholders).join(', ')}${returning ? ` RETURNING ${returning}` : ''}`;
      const params = chunk.flat();
      if (returning) out.push(...(await tx.all<Row>(sql, params)));
      else await tx.run(sql, params);
    }
    return out;
  }

  private async insertPages(tx: SqlExecutor, doc: DocumentResult, revision: number): Promise<void> {
    const rows = doc.pages.map((p): SqlValue[] => [doc.id, revision, p.index, p.source, p.dpi, p.skewDeg, p.meanConfidence, p.text]);
    await this.insertRows(tx, 'pages', ['document_id', 'revision', 'page_index', 'source', 'dpi', 'skew_deg', 'mean_confidence', 'text'], rows);
  }

  private async insertTasks(tx: SqlExecutor, doc: DocumentResult, revision: number): Promise<void> {
    const rows = doc.tasks.map((t, position): SqlValue[] => [
      doc.id,
      revision,
      1,
      position,
      t.group.code,
      t.group.title,
      foldText(t.group.title),
      t.code,
      t.title,
      t.content,
      JSON.stringify(t.leads),
      JSON.stringify(t.partners),
      t.collaboratorRole,
      t.period.text,
      t.period.from,
      t.period.to,
      t.period.recurring ? 1 : 0,
      JSON.stringify(t.provenance),
      t.confidence,
      searchColumn(t.title, t.content),
    ]);
    const inserted = await this.insertRows(tx, 'tasks', TASK_COLUMNS, rows, 'id, position');
    const idByPosition = new Map(inserted.map((r) => [Number(r.position), Number(r.id)]));
    const unitRows: SqlValue[][] = [];
    doc.tasks.forEach((t, position) => {
      const taskId = idByPosition.get(position);
      if (taskId === undefined) throw new Error(`task ${position} was not inserted`);
      const add = (role: 'lead' | 'partner', names: string[]) =>
        names.forEach((name, i) => {
          const printed = name.trim();
          if (printed) unitRows.push([taskId, role, i, printed, this.unitKey(printed)]);
        });
      add('lead', t.leads);
      add('partner', t.partners);
    });
    await this.insertRows(tx, 'task_units', ['task_id', 'role', 'position', 'name', 'unit_key'], unitRows);
  }

  async recordFailure(input: FailureInput): Promise<FailureResult> {
    const failure = parseWith(FailureInputSchema, input, 'recordFailure');
    try {
      return await this.db.transaction(async (tx) => {
        await this.lockDocument(tx, failure.id);
        const [existing] = await tx.all<Row>('SELECT status, revision FROM documents WHERE id = ?', [failure.id]);
        const now = nowIso();
        const error = JSON.stringify(failure.error);
        let result: FailureResult;
        if (existing?.status === 'done') {
          await tx.run('UPDATE documents SET error = ?, updated_at = ? WHERE id = ?', [error, now, failure.id]);
          result = { status: 'kept', revision: Number(existing.revision) };
        } else if (existing) {
          await tx.run('UPDATE documents SET source_path = ?, source_bytes = ?, error = ?, pipeline_version = ?, updated_at = ? WHERE id = ?', [
            failure.path,
            failure.bytes ?? null,
            error,
            failure.pipelineVersion ?? null,
            now,
            failure.id,
          ]);
          result = { status: 'failed', revision: 0 };
        } else {
          await tx.run(
            `INSERT INTO documents (id, source_path, source_bytes, status, error, pipeline_version, revision, created_at, updated_at)
             VALUES (?, ?, ?, 'failed', ?, ?, 0, ?, ?)`,
            [failure.id, failure.path, failure.bytes ?? null, error, failure.pipelineVersion ?? null, now, now],
          );
          result = { status: 'failed', revision: 0 };
        }
        await this.appendChange(tx, failure.id, 'fail', result.revision);
        return result;
      });
    } catch (err) {
      throw storeError('could not record the failure', err, failure.path);
    }
  }

  async getDocument(id: string, options: { revision?: number } = {}): Promise<StoredDocument | null> {
    const [row] = await this.db.all<Row>('SELECT * FROM documents WHERE id = ?', [id]);
    if (!row) return null;
    const summary = rowToSummary(row);
    const stored = { revision: summary.revision, error: summary.error, createdAt: summary.createdAt, updatedAt: summary.updatedAt };
    if (summary.status === 'failed') {
      if (options.revision !== undefined) return null;
      return {
        status: 'failed',
        id,
        source: { path: summary.source.path, bytes: summary.source.bytes },
        pipelineVersion: summary.pipelineVersion,
        ...stored,
        error: summary.error as SohoaErrorJson,
      };
    }
    const revision = options.revision ?? summary.revision;
    const [rev] = await this.db.all<Row>('SELECT * FROM document_revisions WHERE document_id = ? AND revision = ?', [id, revision]);
    if (!rev) return null;
    const pages = await this.db.all<Row>('SELECT * FROM pages WHERE document_id = ? AND revision = ? ORDER BY page_index', [id, revision]);
    const tasks = await this.db.all<Row>('SELECT * FROM tasks WHERE document_id = ? AND revision = ? ORDER BY position', [id, revision]);
    return {
      status: 'done',
      id,
      source: parseJson<DocumentResult['source']>(rev.source, { path: summary.source.path, bytes: 0, pages: 0, kind: 'scanned' }),
      metadata: parseJson<Metadata>(rev.metadata, summary.metadata),
      pages: pages.map((p) => ({
        index: Number(p.page_index),
        source: p.source as 'ocr' | 'text-layer',
        dpi: num(p.dpi),
        skewDeg: num(p.skew_deg),
        meanConfidence: num(p.mean_confidence),
        text: String(p.text),
      })),
      text: String(rev.text),
      tasks: tasks.map((t) => {
        const { documentId: _documentId, ...task } = rowToTask(t);
        return task;
      }),
      warnings: parseJson<string[]>(rev.warnings, []),
      pipelineVersion: String(rev.pipeline_version),
      ...stored,
      revision,
    };
  }

  async hasDocument(id: string, pipelineVersion?: string): Promise<boolean> {
    const rows =
      pipelineVersion === undefined
        ? await this.db.all<Row>("SELECT 1 AS found FROM documents WHERE id = ? AND status = 'done'", [id])
        : await this.db.all<Row>("SELECT 1 AS found FROM documents WHERE id = ? AND status = 'done' AND pipeline_version = ?", [id, pipelineVersion]);
    return rows.length > 0;
  }

  async listDocuments(options: ListDocumentsOptions = {}): Promise<Page<DocumentSummary>> {
    const opts = parseWith(ListDocumentsSchema, options, 'listDocuments');
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (opts.status) {
      where.push('status = ?');
      params.push(opts.status);
    }
    const [{ n }] = await this.db.all<{ n: number }>(`SELECT count(*) AS n FROM documents${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params);
    if (opts.cursor) {
      where.push('id > ?');
      params.push(decodeCursor(opts.cursor, 'string'));
    }
    const rows = await this.db.all<Row>(
      `SELECT id, status, source_path, source_bytes, source_pages, kind, number, issuer, doc_date, place, title, signer,
         pipeline_version, revision, task_count, error, created_at, updated_at
       FROM documents${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`,
      [...params, opts.limit + 1],
    );
    const more = rows.length > opts.limit;
    const items = rows.slice(0, opts.limit).map(rowToSummary);
    return { items, total: Number(n), nextCursor: more ? encodeCursor(items[items.length - 1].id) : null };
  }

  async deleteDocument(id: string): Promise<boolean> {
    try {
      return await this.db.transaction(async (tx) => {
        await this.lockDocument(tx, id);
        const [existing] = await tx.all<Row>('SELECT revision FROM documents WHERE id = ?', [id]);
        if (!existing) return false;
        // task_units go with their tasks (ON DELETE CASCADE), which go with the document.
        await tx.run('DELETE FROM documents WHERE id = ?', [id]);
        await this.appendChange(tx, id, 'delete', Number(existing.revision));
        return true;
      });
    } catch (err) {
      throw storeError('could not delete the document', err);
    }
  }

  async listTasks(input: TaskFilterInput = {}): Promise<Page<TaskItem>> {
    const filter = parseWith(TaskFilterSchema, input, 'invalid task filter');
    const where = taskWhere(filter, this.unitKey);
    const after = filter.cursor ? decodeCursor(filter.cursor, 'number') : null;
    const [{ n }] = await this.db.all<{ n: number }>(`SELECT count(*) AS n FROM tasks t WHERE ${where.sql}`, where.params);
    const rows = await this.db.all<Row>(
      `SELECT t.* FROM tasks t WHERE ${where.sql}${after !== null ? ' AND t.id > ?' : ''} ORDER BY t.id LIMIT ?`,
      [...where.params, ...(after !== null ? [after] : []), filter.limit + 1],
    );
    const more = rows.length > filter.limit;
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map(rowToTask),
      total: Number(n),
      nextCursor: more ? encodeCursor(Number(page[page.length - 1].id)) : null,
    };
  }

  async listUnits(): Promise<UnitSummary[]> {
    const counts = await this.db.all<Row>(
      `SELECT u.unit_key, u.role, count(DISTINCT u.task_id) AS n FROM task_units u JOIN tasks t ON t.id = u.task_id
       WHERE t.is_current = 1 GROUP BY u.unit_key, u.role`,
    );
    const names = await this.db.all<Row>(
      `SELECT u.unit_key, u.name, count(*) AS n FROM task_units u JOIN tasks t ON t.id = u.task_id
       WHERE t.is_current = 1 GROUP BY u.unit_key, u.name`,
    );
    const units = new Map<string, UnitSummary & { nameCounts: [string, number][] }>();
    const unit = (key: string) => {
      let u = units.get(key);
      if (!u) units.set(key, (u = { key, name: '', names: [], leadTasks: 0, partnerTasks: 0, nameCounts: [] }));
      return u;
    };
    for (const r of counts) {
      const u = unit(String(r.unit_key));
      if (r.role === 'lead') u.leadTasks = Number(r.n);
      else u.partnerTasks = Number(r.n);
    }
    for (const r of names) unit(String(r.unit_key)).nameCounts.push([String(r.name), Number(r.n)]);
    return [...units.values()]
      .map(({ nameCounts, ...u }) => {
        nameCounts.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        return { ...u, name: nameCounts[0]?.[0] ?? u.key, names: nameCounts.map(([name]) => name) };
      })
      .sort((a, b) => b.leadTasks + b.partnerTasks - (a.leadTasks + a.partnerTasks) || a.key.localeCompare(b.key));
  }

  async changes(since = 0, limit = 100): Promise<ChangeFeed> {
    const args = parseWith(
      z.object({ since: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }),
      { since, limit },
      'changes',
    );
    const rows = await this.db.all<Row>('SELECT seq, document_id, op, revision, at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?', [
      args.since,
      args.limit,
    ]);
    const items: Change[] = rows.map((r) => ({
      seq: Number(r.seq),
      documentId: String(r.document_id),
      op: r.op as Change['op'],
      revision: Number(r.revision),
      at: String(r.at),
    }));
    return { items, next: items.length ? items[items.length - 1].seq : args.since };
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
