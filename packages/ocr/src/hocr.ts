import type { BBox, OcrPage } from '@sohoa/core';

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const bbox = (b: BBox): string => `bbox ${b.map((v) => Math.round(v)).join(' ')}`;

/** One hOCR 1.2 document (XHTML) for all pages; page numbers follow the array order. */
export function pagesToHocr(pages: OcrPage[]): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">',
    '<head>',
    '<title></title>',
    '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
    '<meta name="ocr-system" content="sohoa"/>',
    '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"/>',
    '</head>',
    '<body>',
  ];
  pages.forEach((page, p) => {
    const n = p + 1;
    const res = page.dpi ? `; scan_res ${Math.round(page.dpi)} ${Math.round(page.dpi)}` : '';
    out.push(`<div class="ocr_page" id="page_${n}" title="${bbox([0, 0, page.width, page.height])}; ppageno ${page.index}${res}">`);
    let line = 0;
    let word = 0;
    page.blocks.forEach((block, b) => {
      out.push(` <div class="ocr_carea" id="block_${n}_${b + 1}" title="${bbox(block.bbox)}">`);
      out.push(`  <p class="ocr_par" id="par_${n}_${b + 1}" title="${bbox(block.bbox)}">`);
      for (const l of block.lines) {
        line++;
        const words = l.words
          .map((w) => `<span class="ocrx_word" id="word_${n}_${++word}" title="${bbox(w.bbox)}; x_wconf ${Math.round(w.confidence)}">${escapeXml(w.text)}</span>`)
          .join(' ');
        out.push(`   <span class="ocr_line" id="line_${n}_${line}" title="${bbox(l.bbox)}">${words}</span>`);
      }
      out.push('  </p>', ' </div>');
    });
    out.push('</div>');
  });
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

/** Plain text of the pages, a form feed between pages. */
export function pagesToText(pages: OcrPage[]): string {
  return pages.map((p) => p.text).join('\f');
}
