/**
 * A small born-digital PDF (Helvetica text layer, one text line per entry) written by hand, so queue
 * tests get many-page documents whose pages cost a text-layer read instead of OCR.
 */
export function makeTextPdf(pages: string[][]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // 1-based object number
  const catalog = add('<< /Type /Catalog /Pages 2 0 R >>');
  const pagesObj = add(''); // filled below
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const lines of pages) {
    const text = lines.map((l, i) => `${i === 0 ? '' : 'T* '}(${escape(l)}) Tj`).join('\n');
    const stream = `BT /F1 11 Tf 14 TL 56 790 Td\n${text}\nET`;
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function escape(line: string): string {
  // Helvetica/WinAnsi: keep Latin-1, drop what it cannot show.
  const latin = line.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'));
  return latin.replace(/[^\x20-\xff]/g, '?').replace(/[()\\]/g, (c) => `\\${c}`);
}

/** n pages of plan-like text, each page saying which page it is. */
export function planPages(n: number): string[][] {
  return Array.from({ length: n }, (_, p) => [
    `KE HOACH so ${100 + p}/KH-UBND - trang ${p + 1}`,
    ...Array.from({ length: 24 }, (_, l) => `Trang ${p + 1} dong ${l + 1}: trien khai chuyen doi so tren dia ban tinh, giai doan 2025-2030.`),
  ]);
}

/** n pages of document codes and dates only: a text layer with no words to restore, so assembling is cheap. */
export function codePages(n: number): string[][] {
  return Array.from({ length: n }, (_, p) =>
    Array.from({ length: 30 }, (_, l) => `${p + 1}.${l + 1} ${100 + p}/KH-UBND ${l + 1}/${(p % 12) + 1}/2025 2025-2030 57-NQ/TW`),
  );
}
