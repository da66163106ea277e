import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, chromiumPrintToPdfArgs } from '../lib/chromium.js';

/** One printed page: its lines exactly as they must come out of the OCR engine. */
export interface PageSpec {
  id: string;
  lines: string[];
  /** paragraph starts get a first-line indent and a little space above, like a plan's body text */
  paragraphStarts: boolean[];
  fontPt: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * One HTML document, one A4 sheet per PageSpec. Every truth line is its own non-wrapping block so the
 * printed line breaks are the truth's line breaks, which makes line-level alignment nearly trivial.
 */
export function pagesToHtml(pages: PageSpec[]): string {
  const sheets = pages.map((page) => {
    const lines = page.lines
      .map((line, i) => `<div class="l${page.paragraphStarts[i] ? ' p' : ''}">${escapeHtml(line)}</div>`)
      .join('\n');
    return `<section style="font-size:${page.fontPt}pt">\n${lines}\n</section>`;
  });
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm 20mm 20mm 25mm; }
body { margin: 0; font-family: 'Liberation Serif'; color: #000; }
section { break-after: page; line-height: 1.42; }
.l { white-space: pre; }
.p { margin-top: 0.45em; text-indent: 1.2em; }
</style></head><body>
${sheets.join('\n')}
</body></html>`;
}

/**
 * HTML -> PDF with headless Chromium (fresh profile, no network features), then PDF -> 8-bit gray
 * PGM pages with pdftoppm. Returns the page image paths in order.
 */
export function renderPages(pages: PageSpec[], outDir: string, dpi: number): string[] {
  const work = mkdtempSync(path.join(os.tmpdir(), 'sohoa-channel-'));
  try {
    const htmlPath = path.join(work, 'pages.html');
    const pdfPath = path.join(work, 'pages.pdf');
    writeFileSync(htmlPath, pagesToHtml(pages));
    execFileSync(
      CHROMIUM,
      chromiumPrintToPdfArgs(htmlPath, pdfPath, path.join(work, 'profile')),
      { stdio: ['ignore', 'ignore', 'ignore'], timeout: 120_000 },
    );
    const prefix = path.join(outDir, 'page');
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', pdfPath, prefix], { stdio: 'ignore' });
    const images = readdirSync(outDir)
      .filter((f) => f.startsWith('page') && f.endsWith('.pgm'))
      .sort()
      .map((f) => path.join(outDir, f));
    if (images.length !== pages.length) {
      throw new Error(`rendered ${images.length} page images for ${pages.length} pages (a sheet overflowed?)`);
    }
    return images;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
