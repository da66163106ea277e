import { availableParallelism } from 'node:os';
import type { OcrPool } from './contracts.js';
import { loadOcrModule } from './modules.js';

/** One OCR pool per process, started only when a page really needs OCR (text layers and .txt do not). */
export class LazyOcrPool {
  private pool: Promise<OcrPool> | undefined;

  /** Tesseract workers the pool will have (default: one per core). */
  readonly size: number;

  constructor(size?: number) {
    this.size = Math.max(1, Math.floor(size ?? availableParallelism()));
  }

  get(): Promise<OcrPool> {
    this.pool ??= loadOcrModule().then((ocr) => ocr.createOcrPool({ size: this.size }));
    return this.pool;
  }

  get started(): boolean {
    return this.pool !== undefined;
  }

  async terminate(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool).terminate();
  }
}
