import { SohoaError } from '@sohoa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.js';
import { makeDocument, manyTasks, planTasks, sha256, task } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** The behaviour both engines must share; run by store.sqlite.test.ts and store.pg.test.ts. */
export function storeContract(harness: () => StoreHarness): void {
  let url: string;
  let store: Store;

  beforeEach(async () => {
    url = await harness().freshUrl();
    store = await openStore(url);
  });
  afterEach(async () => {
    await store.close();
  });

  const ids = async (filter: Parameters<Store['listTasks']>[0]) =>
    (await store.listTasks(filter)).items.map((t) => `${t.group.code}.${t.code}`);

  describe('writes', () => {
    it('round-trips a document exactly', async () => {
      const doc = makeDocument('plan-1125');
      expect(await store.saveDocument(doc)).toEqual({ status: 'done', revision: 1 });
      const stored = await store.getDocument(doc.id);
      expect(stored).toMatchObject({ status: 'done', revision: 1, error: null });
      if (stored?.status !== 'done') throw new Error('not done');
      const { status, revision, error, createdAt, updatedAt, ...result } = stored;
      expect(result).toEqual(doc);
      expect(Date.parse(createdAt)).toBeGreaterThan(0);
      expect(await store.hasDocument(doc.id)).toBe(true);
      expect(await store.hasDocument(doc.id, '0.1.0')).toBe(true);
      expect(await store.hasDocument(doc.id, '9.9.9')).toBe(false);
      expect(await store.hasDocument(sha256('other'))).toBe(false);
      expect(await store.getDocument(sha256('other'))).toBeNull();
    });

    it('stores nothing for a duplicate (same id, same pipeline version)', async () => {
      const doc = makeDocument('plan-dup');
      await store.saveDocument(doc);
      const before = await store.changes(0);
      expect(await store.saveDocument({ ...doc, tasks: [] })).toEqual({ status: 'duplicate', revision: 1 });
      expect((await store.listTasks({ document: doc.id })).total).toBe(4);
      expect((await store.changes(0)).items).toEqual(before.items);
    });

    it('lets only one of several concurrent saves of one document write it', async () => {
      const doc = makeDocument('plan-race');
      const results = await Promise.all(Array.from({ length: 5 }, () => store.saveDocument(doc)));
      expect(results.filter((r) => r.status === 'done')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(4);
      expect((await store.listTasks({ document: doc.id })).total).toBe(4);
    });

    it('re-processing replaces the current rows and keeps the previous revision', async () => {
      const v1 = makeDocument('plan-re');
      await store.saveDocument(v1);
      const v2 = makeDocument('plan-re', [task({ code: '1', title: 'Nhiệm vụ mới sau khi xử lý lại', leads: ['Sở Tài chính'] })], '0.2.0');
      v2.metadata.signer = 'Người ký mới';
      expect(await store.saveDocument(v2)).toEqual({ status: 'done', revision: 2 });

      const current = await store.listTasks({ document: v1.id });
      expect(current.items.map((t) => t.title)).toEqual(['Nhiệm vụ mới sau khi xử lý lại']);
      expect((await store.listTasks({ lead: 'Sở KH&CN' })).total).toBe(0);

      const old = await store.listTasks({ document: v1.id, revision: 1 });
      expect(old.items.map((t) => t.title)).toEqual(v1.tasks.map((t) => t.title));
      const oldDoc = await store.getDocument(v1.id, { revision: 1 });
      expect(oldDoc).toMatchObject({ status: 'done', revision: 1, pipelineVersion: '0.1.0', metadata: { signer: 'Hoàng Nam' } });
      if (oldDoc?.status === 'done') expect(oldDoc.tasks).toEqual(v1.tasks);
      expect(await store.getDocument(v1.id)).toMatchObject({ revision: 2, pipelineVersion: '0.2.0', metadata: { signer: 'Người ký mới' } });
      expect(await store.getDocument(v1.id, { revision: 7 })).toBeNull();

      expect((await store.changes(0)).items.map((c) => [c.op, c.revision])).toEqual([
        ['upsert', 1],
        ['upsert', 2],
      ]);
      expect(await store.saveDocument(v2)).toEqual({ status: 'duplicate', revision: 2 });
    });

    it('records failures without losing a stored result', async () => {
      const id = sha256('broken.pdf');
      const error = { code: 'ENCRYPTED_FILE' as const, stage: 'ocr' as const, file: 'inbox/broken.pdf', reason: 'the PDF is encrypted (password-protected)', permanent: true };
      expect(await store.recordFailure({ id, path: 'inbox/broken.pdf', error })).toEqual({ status: 'failed', revision: 0 });
      expect(await store.getDocument(id)).toMatchObject({ status: 'failed', id, source: { path: 'inbox/broken.pdf' }, error });
      expect(await store.hasDocument(id)).toBe(false);
      const failedDocs = await store.listDocuments({ status: 'failed' });
      expect(failedDocs.items.map((d) => [d.id, d.status, d.error?.code])).toEqual([[id, 'failed', 'ENCRYPTED_FILE']]);

      // It can be processed later (fixed input, new pipeline): the failed row becomes a result.
      const doc = { ...makeDocument('broken'), id };
      expect(await store.saveDocument(doc)).toEqual({ status: 'done', revision: 1 });
      expect(await store.getDocument(id)).toMatchObject({ status: 'done', error: null });

      // A failed re-processing keeps the stored tasks.
      const ocrError = { ...error, code: 'OCR_FAILED' as const, reason: 'tesseract crashed', permanent: false };
      expect(await store.recordFailure({ id, path: 'inbox/broken.pdf', error: ocrError })).toEqual({ status: 'kept', revision: 1 });
      expect(await store.getDocument(id)).toMatchObject({ status: 'done', revision: 1, error: { code: 'OCR_FAILED' } });
      expect((await store.listTasks({ document: id })).total).toBe(4);
      expect((await store.changes(0)).items.map((c) => c.op)).toEqual(['fail', 'upsert', 'fail']);
    });

    it('rejects a malformed document with a reason', async () => {
      const bad = { ...makeDocument('bad'), id: 'not-a-hash' };
      await expect(store.saveDocument(bad)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('id') });
    });

    it('deletes a document and reports it in the change feed', async () => {
      const doc = makeDocument('plan-del');
      await store.saveDocument(doc);
      expect(await store.deleteDocument(doc.id)).toBe(true);
      expect(await store.deleteDocument(doc.id)).toBe(false);
      expect(await store.getDocument(doc.id)).toBeNull();
      expect((await store.listTasks({})).total).toBe(0);
      expect(await store.listUnits()).toEqual([]);
      expect((await store.changes(0)).items.map((c) => c.op)).toEqual(['upsert', 'delete']);
    });

    it('migrates once: reopening an existing database applies nothing twice', async () => {
      await store.saveDocument(makeDocument('plan-reopen'));
      await store.close();
      store = await openStore(url);
      expect((await store.listTasks({})).total).toBe(4);
      const versions = await harness().query(url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.map((r) => Number(r.version))).toEqual([1, 2, 3]);
    });

    it('folds stored unit keys again when an alias is added to unit_aliases', async () => {
      await store.saveDocument(makeDocument('plan-alias', [task({ code: '1', title: 'Y tế số', leads: ['Sở YT'] }), task({ code: '2', title: 'Hồ sơ sức khỏe', leads: ['Sở Y tế'] })]));
      expect((await store.listTasks({ lead: 'Sở Y tế' })).total).toBe(1);
      await store.close();
      await harness().query(url, "INSERT INTO unit_aliases (alias, expansion, case_sensitive) VALUES ('YT', 'Y tế', 1)");
      store = await openStore(url);
      expect((await store.listTasks({ lead: 'Sở Y tế' })).items.map((t) => t.code)).toEqual(['1', '2']);
      expect((await store.listTasks({ lead: 'SỞ YT' })).total).toBe(2);
      expect((await store.listUnits()).find((u) => u.key === 'so y te')).toMatchObject({ leadTasks: 2 });
    });

    it('exposes tasks with document metadata in task_view', async () => {
      const doc = makeDocument('plan-view');
      await store.saveDocument(doc);
      await store.saveDocument({ ...doc, pipelineVersion: '0.2.0' });
      const rows = await harness().query(url, 'SELECT document_number, document_date, code, title, revision FROM task_view ORDER BY task_id');
      expect(rows).toHaveLength(4);
      expect(rows[0]).toMatchObject({ document_number: '1125/KH-UBND', document_date: '2025-09-25', code: '1' });
      expect(rows.every((r) => Number(r.revision) === 2)).toBe(true);
    });
  });

  describe('filters', () => {
    beforeEach(async () => {
      await store.saveDocument(makeDocument('plan-a'));
    });

    it('lead, partner and unit match accents, case and abbreviations alike', async () => {
      expect(await ids({ lead: 'Sở KH&CN' })).toEqual(['I.2', 'II.1', 'III.1']);
      expect(await ids({ lead: 'so khoa hoc va cong nghe' })).toEqual(['I.2', 'II.1', 'III.1']);
      expect(await ids({ lead: 'SỞ KHCN' })).toEqual(['I.2', 'II.1', 'III.1']);
      expect(await ids({ lead: 'Sở GD&ĐT' })).toEqual(['III.1']);
      expect(await ids({ partner: 'Sở Giáo dục và Đào tạo' })).toEqual(['II.1']);
      expect(await ids({ partner: 'Văn phòng Ủy ban nhân dân tỉnh' })).toEqual(['I.2']);
      expect(await ids({ partner: 'cong an tinh' })).toEqual(['I.2']);
      expect(await ids({ unit: 'Sở GD&ĐT' })).toEqual(['II.1', 'III.1']);
      expect(await ids({ unit: 'trung tam dieu hanh thong tin tinh' })).toEqual(['I.1']);
      // A key, or its start at a word boundary: "UBND" finds "UBND các xã, phường"; "tâm" finds nothing.
      expect(await ids({ partner: 'UBND' })).toEqual(['II.1']);
      expect(await ids({ lead: 'Trung tâm' })).toEqual(['I.1']);
      expect(await ids({ lead: 'tâm' })).toEqual([]);
      expect(await ids({ lead: 'Trung tâm Điều' })).toEqual(['I.1']);
      expect(await ids({ lead: 'Trung tâm Điề' })).toEqual([]);
      expect(await ids({ lead: 'Sở Tài chính' })).toEqual([]);
    });

    it('group by code or by the words of its title', async () => {
      expect(await ids({ group: 'II' })).toEqual(['II.1']);
      expect(await ids({ group: 'ii.' })).toEqual(['II.1']);
      expect(await ids({ group: 'chinh quyen so' })).toEqual(['II.1']);
      expect(await ids({ group: 'Nhóm 2: Chính quyền số' })).toEqual(['II.1']);
      expect(await ids({ group: 'Hạ tầng số' })).toEqual(['I.1', 'I.2']);
    });

    it('year: the period covers it, recurring tasks match every year', async () => {
      expect(await ids({ year: 2025 })).toEqual(['I.1', 'I.2', 'III.1']);
      expect(await ids({ year: 2027 })).toEqual(['I.1', 'II.1', 'III.1']);
      expect(await ids({ year: 2031 })).toEqual(['III.1']);
      const open = makeDocument('plan-open-periods', [
        task({ code: '1', title: 'Từ năm 2026', period: { text: 'Từ năm 2026', from: 2026, to: null, recurring: false } }),
        task({ code: '2', title: 'Đến năm 2030', period: { text: 'Đến năm 2030', from: null, to: 2030, recurring: false } }),
        task({ code: '3', title: 'Chưa rõ', period: { text: 'Theo tiến độ', from: null, to: null, recurring: false } }),
      ]);
      await store.saveDocument(open);
      const years = async (year: number) => (await store.listTasks({ document: open.id, year })).items.map((t) => t.code);
      expect(await years(2024)).toEqual(['2']);
      expect(await years(2028)).toEqual(['1', '2']);
      expect(await years(2035)).toEqual(['1']);
    });

    it('q searches title and content without accents, each word at a word start', async () => {
      expect(await ids({ q: 'an ninh mang' })).toEqual(['I.2']);
      expect(await ids({ q: 'AN NINH MẠNG' })).toEqual(['I.2']);
      expect(await ids({ q: 'csdl' })).toEqual(['II.1']);
      expect(await ids({ q: 'ky nang so' })).toEqual(['III.1']);
      expect(await ids({ q: '"dien tap" su co' })).toEqual(['I.2']);
      expect(await ids({ q: 'nang' })).toEqual(['I.1', 'II.1', 'III.1']);
      expect(await ids({ q: 'inh' })).toEqual([]);
    });

    it('document, combined filters and the total', async () => {
      await store.saveDocument(makeDocument('plan-b'));
      const a = sha256('plan-a');
      expect((await store.listTasks({})).total).toBe(8);
      const page = await store.listTasks({ document: a, lead: 'Sở KH&CN', year: 2026 });
      expect(page.items.map((t) => [t.documentId, t.code])).toEqual([
        [a, '2'],
        [a, '1'],
      ]);
      expect(page.total).toBe(2);
      expect((await store.listTasks({ lead: 'Sở KH&CN', q: 'an ninh', group: 'I' })).total).toBe(2);
    });

    it('refuses bad filters with INVALID_INPUT, never by accident', async () => {
      const bad = [{ limit: 501 }, { limit: 0 }, { cursor: 'bm90LWEtY3Vyc29y' }, { cursor: '!!' }, { q: "x' OR 1=1 --" }, { q: '%' }, { q: 'a_b' }, { year: 1.5 }, { document: 'abc' }, { colour: 'red' }];
      for (const filter of bad) {
        const err = await store.listTasks(filter as never).catch((e: unknown) => e);
        expect(err, JSON.stringify(filter)).toBeInstanceOf(SohoaError);
        expect((err as SohoaError).code).toBe('INVALID_INPUT');
      }
    });
  });

  describe('pagination', () => {
    it('keyset pages are complete, ordered and stable while documents arrive', async () => {
      await store.saveDocument(makeDocument('bulk-1', manyTasks(120, 1)));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listTasks({ limit: 50, cursor });
        expect(page.total).toBe(pages === 0 ? 120 : 150);
        seen.push(...page.items.map((t) => t.title));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
        // A document saved mid-way appears after what was already listed, never shifting a page.
        if (pages === 1) await store.saveDocument(makeDocument('bulk-2', manyTasks(30, 2)));
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(150);
      expect(seen.slice(0, 120)).toEqual(manyTasks(120, 1).map((t) => t.title));

      const filtered = await store.listTasks({ limit: 7, lead: 'Sở KH&CN' });
      expect(filtered.total).toBe(25);
      const second = await store.listTasks({ limit: 7, lead: 'Sở KH&CN', cursor: filtered.nextCursor! });
      expect(second.items.filter((t) => filtered.items.some((f) => f.title === t.title))).toEqual([]);
      expect((await store.listTasks({})).items).toHaveLength(50);
    });

    it('pages documents too', async () => {
      for (const name of ['d1', 'd2', 'd3']) await store.saveDocument(makeDocument(name, []));
      const first = await store.listDocuments({ limit: 2 });
      const second = await store.listDocuments({ limit: 2, cursor: first.nextCursor! });
      expect(first.total).toBe(3);
      expect([...first.items, ...second.items].map((d) => d.id).sort()).toEqual(['d1', 'd2', 'd3'].map(sha256).sort());
      expect(second.nextCursor).toBeNull();
      expect(first.items[0]).toMatchObject({ status: 'done', taskCount: 0, metadata: { number: '1125/KH-UBND' }, source: { kind: 'scanned', pages: 3 } });
    });
  });

  describe('units and changes', () => {
    it('lists units once per key with task counts per role', async () => {
      await store.saveDocument(makeDocument('plan-u', planTasks()));
      const units = await store.listUnits();
      const kh = units.find((u) => u.key === 'so khoa hoc va cong nghe');
      expect(kh).toMatchObject({ leadTasks: 3, partnerTasks: 0 });
      expect(kh?.names.sort()).toEqual(['SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Sở KH&CN', 'Sở Khoa học và Công nghệ'].sort());
      expect(units.find((u) => u.key === 'so giao duc va dao tao')).toMatchObject({ leadTasks: 1, partnerTasks: 1 });
      expect(units[0].key).toBe('so khoa hoc va cong nghe');
      expect(new Set(units.map((u) => u.key)).size).toBe(units.length);
    });

    it('feeds changes incrementally', async () => {
      const a = makeDocument('feed-a');
      const b = makeDocument('feed-b');
      await store.saveDocument(a);
      const first = await store.changes(0);
      expect(first.items).toMatchObject([{ documentId: a.id, op: 'upsert', revision: 1 }]);
      await store.saveDocument(b);
      await store.saveDocument({ ...a, pipelineVersion: '0.2.0' });
      const next = await store.changes(first.next);
      expect(next.items.map((c) => [c.documentId, c.revision])).toEqual([
        [b.id, 1],
        [a.id, 2],
      ]);
      expect(next.items[0].seq).toBeGreaterThan(first.next);
      expect((await store.changes(next.next)).items).toEqual([]);
      expect((await store.changes(0, 1)).items).toHaveLength(1);
      await expect(store.changes(-1)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });
  });
}
