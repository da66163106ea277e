import type { DocumentResult, Metadata, SohoaErrorJson, SourceKind, Task } from '@sohoa/core';
import type { Dialect } from './sql-driver.js';
import type { TaskFilterInput } from './task-filter.js';

export type SaveResult = { status: 'done' | 'duplicate'; revision: number };

export interface FailureInput {
  id: string;
  path: string;
  error: SohoaErrorJson;
  bytes?: number;
  pipelineVersion?: string;
}

/**
 * A failure of a document that was never stored leaves a `failed` row (revision 0). A failure while
 * re-processing a stored document keeps the stored result (still `done`, still queryable) and records
 * the error beside it.
 */
export type FailureResult = { status: 'failed' | 'kept'; revision: number };

interface StoredFields {
  revision: number;
  /** The latest failure for this document, if processing it ever failed. */
  error: SohoaErrorJson | null;
  createdAt: string;
  updatedAt: string;
}

export type StoredDocument =
  | (DocumentResult & StoredFields & { status: 'done' })
  | (StoredFields & {
      status: 'failed';
      id: string;
      source: { path: string; bytes: number | null };
      error: SohoaErrorJson;
      pipelineVersion: string | null;
    });

export interface DocumentSummary {
  id: string;
  status: 'done' | 'failed';
  source: { path: string; bytes: number | null; pages: number | null; kind: SourceKind | null };
  metadata: Metadata;
  pipelineVersion: string | null;
  revision: number;
  taskCount: number;
  error: SohoaErrorJson | null;
  createdAt: string;
  updatedAt: string;
}

export type TaskItem = Task & { documentId: string };

export interface Page<T> {
  items: T[];
  total: number;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface UnitSummary {
  /** The folded key every spelling of the unit shares ("so khoa hoc va cong nghe"). */
  key: string;
  /** The spelling printed most often. */
  name: string;
  names: string[];
  leadTasks: number;
  partnerTasks: number;
}

export interface Change {
  seq: number;
  documentId: string;
  op: 'upsert' | 'delete' | 'fail';
  revision: number;
  at: string;
}

export interface ChangeFeed {
  items: Change[];
  /** The `since` to ask with next time (the last seq returned, or the one asked with). */
  next: number;
}

export interface ListDocumentsOptions {
  status?: 'done' | 'failed';
  limit?: number;
  cursor?: string;
}

export interface Store {
  readonly engine: Dialect;
  /** One transaction. The same id and pipeline version already stored -> `duplicate`, nothing written. */
  saveDocument(doc: DocumentResult): Promise<SaveResult>;
  recordFailure(input: FailureInput): Promise<FailureResult>;
  /** The current revision, or an older one by number (older revisions are never deleted). */
  getDocument(id: string, options?: { revision?: number }): Promise<StoredDocument | null>;
  /** True when a processed (`done`) result is stored, with that pipeline version if one is given. */
  hasDocument(id: string, pipelineVersion?: string): Promise<boolean>;
  listDocuments(options?: ListDocumentsOptions): Promise<Page<DocumentSummary>>;
  /** Removes a document with all its revisions; downstream readers see a `delete` change. */
  deleteDocument(id: string): Promise<boolean>;
  listTasks(filter?: TaskFilterInput): Promise<Page<TaskItem>>;
  listUnits(): Promise<UnitSummary[]>;
  changes(since?: number, limit?: number): Promise<ChangeFeed>;
  close(): Promise<void>;
}
