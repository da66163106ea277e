/**
 * Writes the tiny fixtures @sohoa/ocr's unit tests read (committed: CI has neither qpdf nor chromium):
 *   fixtures/bad/   one file per refusal path of inspectInput/ocrPage (empty, encrypted, truncated, ...)
 *   fixtures/unit/  a small born-digital page (chromium) and its scanned twin (rotated, noisy JPEG scan)
 *   npx tsx --conditions=source scripts/make-bad-inputs.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { CHROMIUM, chromiumPrintToPdfArgs } from './lib/chromium.js';
import sharp from 'sharp';
import { writeImagePdf } from './lib/pdf-writer.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures', 'bad');

/** Deterministic pseudo-random bytes (so re-running the script changes nothing). */
function noise(length: number, seed = 12345): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A well-formed PNG (valid CRCs) whose header says 0 x 0 pixels. */
function zeroSizePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(0, 0); // width
  ihdr.writeUInt32BE(0, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(0))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

async function tinyJpeg(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .toColourspace('b-w')
    .jpeg({ quality: 50 })
    .toBuffer();
}

export async function makeBadInputs(dir = outDir): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const put = (name: string, data: Buffer | string): void => {
    writeFileSync(join(dir, name), data);
    written.push(name);
  };

  put('empty.pdf', Buffer.alloc(0));
  put('empty.png', Buffer.alloc(0));
  put('random-bytes.pdf', noise(2048));
  put('not-a-document.bin', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), noise(504, 99)]));
  put('zero-size.png', zeroSizePng());

  const small = writeImagePdf([{ jpeg: await tinyJpeg(64, 64), widthPx: 64, heightPx: 64, dpi: 72 }]);
  put('truncated.pdf', small.subarray(0, Math.floor(small.length * 0.6)));

  // 197 px at 1 dpi = 197 in = 5.0 m wide
  put('huge-page.pdf', writeImagePdf([{ jpeg: await tinyJpeg(197, 8), widthPx: 197, heightPx: 8, dpi: 1 }]));

  const tmp = mkdtempSync(join(tmpdir(), 'sohoa-bad-'));
  try {
    const plain = join(tmp, 'plain.pdf');
    const locked = join(tmp, 'locked.pdf');
    writeFileSync(plain, small);
    // a user password is required to open it: that is what "password-protected" means to a reader
    execFileSync('qpdf', ['--encrypt', 'user-secret', 'owner-secret', '256', '--', plain, locked]);
    put('encrypted.pdf', readFileSync(locked));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return written;
}

const UNIT_TRUTH = [
  'KẾ HOẠCH',
  'Chuyển đổi số tỉnh Quảng Trị năm 2025',
  'Ủy ban nhân dân tỉnh giao các sở, ban, ngành triển khai thực hiện',
  'các nhiệm vụ sau đây đúng tiến độ và hiệu quả.',
];
const UNIT_TABLE = [
  ['STT', 'Nhiệm vụ', 'Đơn vị chủ trì'],
  ['1', 'Xây dựng hạ tầng số', 'Sở Khoa học và Công nghệ'],
  ['2', 'Đào tạo kỹ năng số', 'Sở Nội vụ'],
];

function unitHtml(): string {
  const rows = UNIT_TABLE.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page { size: 130mm 95mm; margin: 8mm; }
body { font-family: 'Liberation Serif', serif; font-size: 12pt; margin: 0; }
h1 { font-size: 13pt; text-align: center; margin: 0 0 2mm; }
p { margin: 0 0 1mm; }
table { border-collapse: collapse; margin-top: 3mm; width: 100%; }
td { border: 1px solid #000; padding: 1mm 2mm; }
</style></head><body><h1>${UNIT_TRUTH[0]}</h1><p><b>${UNIT_TRUTH[1]}</b></p><p>${UNIT_TRUTH[2]} ${UNIT_TRUTH[3]}</p>
<table>${rows}</table></body></html>`;
}

function chromiumPdf(html: string, dir: string): Buffer {
  const htmlPath = join(dir, 'page.html');
  const pdfPath = join(dir, 'page.pdf');
  writeFileSync(htmlPath, html);
  execFileSync(
    CHROMIUM,
    chromiumPrintToPdfArgs(htmlPath, pdfPath, join(dir, 'profile')),
    { stdio: 'ignore', timeout: 120_000 },
  );
  return readFileSync(pdfPath);
}

/** Grain of a cheap scanner: deterministic gaussian-ish noise added to the gray pixels. */
function addNoise(gray: Buffer, amplitude: number): Buffer {
  const out = Buffer.from(gray);
  const rnd = noise(out.length * 2, 777);
  for (let i = 0; i < out.length; i++) {
    const n = ((rnd[2 * i] + rnd[2 * i + 1]) / 2 - 127.5) / 127.5; // triangular, -1..1
    out[i] = Math.max(0, Math.min(255, out[i] + Math.round(n * amplitude)));
  }
  return out;
}

export async function makeUnitFixtures(dir = join(root, 'fixtures', 'unit')): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'sohoa-unit-'));
  try {
    const born = chromiumPdf(unitHtml(), tmp);
    writeFileSync(join(dir, 'born-digital.pdf'), born);
    // the scan: the page printed at 300 dpi, set 1.5 degrees askew, a little gray and grainy
    execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', '-singlefile', join(tmp, 'page.pdf'), join(tmp, 'scan')]);
    const rotated = await sharp(join(tmp, 'scan.png'))
      .rotate(1.5, { background: '#ffffff' })
      .linear(0.8, 30)
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const grainy = addNoise(rotated.data, 10);
    const { width, height } = rotated.info;
    const jpeg = await sharp(grainy, { raw: { width, height, channels: 1 } }).jpeg({ quality: 60 }).withMetadata({ density: 300 }).toBuffer();
    writeFileSync(join(dir, 'scanned.pdf'), writeImagePdf([{ jpeg, widthPx: width, heightPx: height, dpi: 300 }]));
    writeFileSync(join(dir, 'scanned.jpg'), jpeg);
    // a mixed document: page 1 born-digital, page 2 the scan of it
    execFileSync('qpdf', ['--empty', '--pages', join(dir, 'born-digital.pdf'), join(dir, 'scanned.pdf'), '--', join(dir, 'mixed.pdf')]);
    const truth = [...UNIT_TRUTH, ...UNIT_TABLE.map((r) => r.join(' '))].join('\n') + '\n';
    writeFileSync(join(dir, 'page.truth.txt'), truth);
    return ['born-digital.pdf', 'scanned.pdf', 'scanned.jpg', 'mixed.pdf', 'page.truth.txt'];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = await makeBadInputs();
  console.log(`wrote ${names.length} files to fixtures/bad: ${names.join(', ')}`);
  const unit = await makeUnitFixtures();
  console.log(`wrote ${unit.length} files to fixtures/unit: ${unit.join(', ')}`);
}
