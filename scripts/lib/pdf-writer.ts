/**
 * A tiny image-only PDF writer: each page is one JPEG drawn full-page (DCTDecode, no re-encoding), the
 * page size in points follows from the pixel size and the dpi. That is exactly what a scanner produces,
 * so fixtures made with it look like real scans to the pipeline (no text layer).
 */
export interface ImagePdfPage {
  jpeg: Buffer;
  widthPx: number;
  heightPx: number;
  dpi: number;
}

interface JpegFrame {
  width: number;
  height: number;
  components: number;
}

/** Reads the first SOF marker to learn the JPEG's size and colour components. */
export function readJpegFrame(jpeg: Buffer): JpegFrame {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG (no SOI marker)');
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new Error(`JPEG marker expected at byte ${at}`);
    const marker = jpeg[at + 1];
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = jpeg.readUInt16BE(at + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7), components: jpeg[at + 9] };
    }
    at += 2 + length;
  }
  throw new Error('JPEG has no frame header (SOF)');
}

const COLOR_SPACES: Record<number, string> = { 1: '/DeviceGray', 3: '/DeviceRGB', 4: '/DeviceCMYK' };

const points = (px: number, dpi: number): string => ((px * 72) / dpi).toFixed(3).replace(/\.?0+$/, '');

export function writeImagePdf(pages: ImagePdfPage[]): Buffer {
  if (pages.length === 0) throw new Error('a PDF needs at least one page');
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Buffer): void => {
    const buf = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    chunks.push(buf);
    length += buf.length;
  };
  const beginObject = (num: number): void => {
    offsets[num] = length;
    push(`${num} 0 obj\n`);
  };

  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  // objects: 1 catalog, 2 pages, then per page i: page (3+3i), content (4+3i), image (5+3i)
  const pageObj = (i: number): number => 3 + 3 * i;
  beginObject(1);
  push('<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  beginObject(2);
  push(`<< /Type /Pages /Count ${pages.length} /Kids [${pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] >>\nendobj\n`);

  pages.forEach((page, i) => {
    const frame = readJpegFrame(page.jpeg);
    if (frame.width !== page.widthPx || frame.height !== page.heightPx) {
      throw new Error(`page ${i}: JPEG is ${frame.width}x${frame.height}, expected ${page.widthPx}x${page.heightPx}`);
    }
    const colorSpace = COLOR_SPACES[frame.components];
    if (!colorSpace) throw new Error(`page ${i}: unsupported JPEG with ${frame.components} components`);
    if (!(page.dpi > 0)) throw new Error(`page ${i}: dpi must be positive`);
    const w = points(page.widthPx, page.dpi);
    const h = points(page.heightPx, page.dpi);
    const n = pageObj(i);
    beginObject(n);
    push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>\nendobj\n`,
    );
    const content = `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q\n`;
    beginObject(n + 1);
    push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream\nendobj\n`);
    beginObject(n + 2);
    const decode = frame.components === 4 ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
    push(
      `<< /Type /XObject /Subtype /Image /Width ${frame.width} /Height ${frame.height} /ColorSpace ${colorSpace} /BitsPerComponent 8${decode} /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n`,
    );
    push(page.jpeg);
    push('\nendstream\nendobj\n');
  });

  const objectCount = 2 + 3 * pages.length;
  const xrefAt = length;
  push(`xref\n0 ${objectCount + 1}\n0000000000 65535 f \n`);
  for (let num = 1; num <= objectCount; num++) push(`${String(offsets[num]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${objectCount + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(chunks, length);
}
