import { ImageKind, OPS, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { rgbaToGray, rgbToGray } from './gray-pixels.js';
import type { GrayImage } from './page-image.js';
import { pdfObjectsOfPage } from './pdf-document.js';
import { contentTokens, isDict, isName, isRef, type PdfDict, type PdfObjects, type PdfValue } from './pdf-objects.js';
import { IDENTITY, multiply, type Matrix } from './pdf-matrix.js';

/** Operators that neither paint nor change where the image lands. */
const NEUTRAL_OPS = new Set<number>([OPS.dependency, OPS.setGState, OPS.beginMarkedContent, OPS.beginMarkedContentProps, OPS.endMarkedContent]);

/** How far (share of the page side) the image may miss the page edges and still be "the page". */
const EDGE_TOLERANCE = 0.01;

/**
 * The page's pixels straight from its scan, when the page is nothing but one upright image covering it
 * (what scanners and image-to-PDF tools write). Drawing such a page through pdfjs costs about a second
 * of CPU on a 200 dpi A4 scan (its JavaScript JPEG decoder, then a canvas round trip), on every page of
 * every scanned archive. Tried in order:
 * 1. the JPEG bytes from the file itself, decoded by libjpeg-turbo (sharp): a few tens of ms;
 * 2. the image pdfjs decoded for the page's operator list, without the canvas;
 * and null for anything else (born-digital content, several images, rotation, masks): the caller draws.
 */
export async function scanImageOfPage(page: PDFPageProxy, width: number, height: number): Promise<GrayImage | null> {
  if (page.rotate % 360 !== 0) return null;
  const raw = await jpegOfScanPage(page, width, height).catch(() => null);
  if (raw) return raw;
  return decodedImageOfPage(page, width, height);
}

/** The JPEG of a page whose content stream is only `q <matrix> cm /Name Do Q`, decoded by sharp. */
async function jpegOfScanPage(page: PDFPageProxy, width: number, height: number): Promise<GrayImage | null> {
  const objects = pdfObjectsOfPage(page);
  const ref = page.ref;
  if (!objects || objects.encrypted || !ref) return null;
  const dict = objects.get(ref);
  if (!isDict(dict) || !isName(dict.get('Type'), 'Page')) return null;
  const contents = objects.resolve(dict.get('Contents'));
  const parts = Array.isArray(contents) ? contents : [dict.get('Contents')];
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    if (!isRef(part)) return null;
    const data = objects.decodedStream(part);
    if (!data) return null;
    chunks.push(data, new Uint8Array([0x0a]));
  }
  const tokens = contentTokens(Buffer.concat(chunks), 64);
  if (!tokens) return null;
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let operands: (number | { name: string })[] = [];
  let paint: { name: string; ctm: Matrix } | null = null;
  for (const t of tokens) {
    if (typeof t !== 'string') {
      operands.push(t);
      continue;
    }
    if (t === 'q' && operands.length === 0) stack.push(ctm);
    else if (t === 'Q' && operands.length === 0) ctm = stack.pop() ?? ctm;
    else if (t === 'cm' && operands.length === 6 && operands.every((o) => typeof o === 'number')) ctm = multiply(ctm, operands as Matrix);
    else if (t === 'Do' && operands.length === 1 && isName(operands[0]) && !paint) paint = { name: operands[0].name, ctm };
    else return null;
    operands = [];
  }
  if (!paint || operands.length || !coversPage(paint.ctm, page.view)) return null;
  const xobjects = objects.resolve(resourcesOf(objects, dict)?.get('XObject'));
  const imageRef = isDict(xobjects) ? xobjects.get(paint.name) : undefined;
  if (!isRef(imageRef)) return null;
  const image = objects.stream(imageRef);
  if (!image || !plainJpegImage(objects, image.dict)) return null;
  const jpeg = image.bytes;
  const meta = await sharp(jpeg).metadata();
  if (meta.format !== 'jpeg' || meta.width !== objects.resolve(image.dict.get('Width')) || meta.height !== objects.resolve(image.dict.get('Height'))) return null;
  if (meta.channels !== 1 && meta.channels !== 3) return null; // CMYK scans have their own inversion rules
  let pipeline = sharp(jpeg).grayscale();
  if (meta.width !== width || meta.height !== height) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'cubic' });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height || info.channels !== 1) return null;
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
}

/** The page's resources, inherited from the page tree when the page has none of its own. */
function resourcesOf(objects: PdfObjects, page: PdfDict): PdfDict | null {
  let node: PdfDict | undefined = page;
  for (let depth = 0; node && depth < 32; depth++) {
    const own = objects.resolve(node.get('Resources'));
    if (isDict(own)) return own;
    const parent: PdfValue | undefined = node.get('Parent');
    const next: PdfValue | null = isRef(parent) ? objects.get(parent) : null;
    node = isDict(next) ? next : undefined;
  }
  return null;
}

/** An 8-bit gray or RGB JPEG painted as it is: no decode inversion, mask or soft mask. */
function plainJpegImage(objects: PdfObjects, image: PdfDict): boolean {
  if (!isName(image.get('Subtype'), 'Image')) return false;
  const filter = objects.resolve(image.get('Filter'));
  const filters = Array.isArray(filter) ? filter : [filter];
  if (filters.length !== 1 || !isName(filters[0], 'DCTDecode')) return false;
  if (image.has('SMask') || image.has('Mask') || image.get('ImageMask') === true) return false;
  if (objects.resolve(image.get('BitsPerComponent')) !== 8) return false;
  const decode = objects.resolve(image.get('Decode'));
  if (decode !== undefined && !(Array.isArray(decode) && decode.every((v, i) => v === i % 2))) return false;
  const space = objects.resolve(image.get('ColorSpace'));
  return isName(space, 'DeviceGray') || isName(space, 'DeviceRGB') || isName(space, 'CalGray') || isName(space, 'CalRGB') || (Array.isArray(space) && isName(space[0], 'ICCBased'));
}

/** The image pdfjs decoded for the page's operator list, without drawing it. */
async function decodedImageOfPage(page: PDFPageProxy, width: number, height: number): Promise<GrayImage | null> {
  const ops = await page.getOperatorList();
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let image: { id: string; ctm: Matrix } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintImageXObject && !image) image = { id: String(args[0]), ctm };
    else if (!NEUTRAL_OPS.has(fn)) return null;
  }
  if (!image || !coversPage(image.ctm, page.view)) return null;
  let obj: { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray } | undefined;
  try {
    obj = (image.id.startsWith('g_') ? page.commonObjs : page.objs).get(image.id) as typeof obj;
  } catch {
    return null; // not resolved: let the renderer deal with it
  }
  if (!obj?.data || !(obj.width > 0 && obj.height > 0)) return null;
  const gray = toGray(obj.data, obj.width, obj.height, obj.kind);
  if (!gray) return null;
  if (gray.width === width && gray.height === height) return gray;
  return resizeGray(gray, width, height);
}

function coversPage(m: Matrix, view: number[]): boolean {
  const [x0, y0, x1, y1] = view;
  const w = x1 - x0;
  const h = y1 - y0;
  // upright and unflipped: the image's first row is the top of the page
  if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6 || m[0] <= 0 || m[3] <= 0) return false;
  const near = (a: number, b: number, side: number): boolean => Math.abs(a - b) <= EDGE_TOLERANCE * side;
  return near(m[4], x0, w) && near(m[5], y0, h) && near(m[4] + m[0], x1, w) && near(m[5] + m[3], y1, h);
}

function toGray(data: Uint8Array | Uint8ClampedArray, width: number, height: number, kind: number | undefined): GrayImage | null {
  const n = width * height;
  if (kind === ImageKind.RGB_24BPP && data.length >= n * 3) return rgbToGray(data, width, height);
  if (kind === ImageKind.RGBA_32BPP && data.length >= n * 4) return rgbaToGray(data, width, height);
  // 1 bit per pixel, rows padded to whole bytes, a set bit is paper
  const rowBytes = (width + 7) >> 3;
  if (kind !== ImageKind.GRAYSCALE_1BPP || data.length < rowBytes * height) return null;
  const out = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    const src = y * rowBytes;
    const dst = y * width;
    for (let x = 0; x < width; x++) out[dst + x] = data[src + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
  }
  return { data: out, width, height };
}

async function resizeGray(image: GrayImage, width: number, height: number): Promise<GrayImage> {
  const out = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .extractChannel(0)
    .raw()
    .toBuffer();
  return { data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), width, height };
}
