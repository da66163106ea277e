import type { OcrPool } from './contracts.js';
import { loadOcrModule } from './modules.js';

/** One OCR pool per process, started only when a page really needs OCR (text layers and .txt do not). */
export class LazyOcrPool {
  private pool: Promise<OcrPool> | undefined;

  constructor(private readonly size?: number) {}

  get(): Promise<OcrPool> {
    this.pool ??= loadOcrModule().then((ocr) => ocr.createOcrPool(this.size ? { size: this.size } : {}));
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
