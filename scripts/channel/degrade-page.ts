import sharp from 'sharp';

/** An 8-bit grayscale page as raw pixels; PGM in and out, since Leptonica reads PNM without decoding cost. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Buffer;
}

export function parsePgm(buf: Buffer): GrayImage {
  // P5 header: magic, width, height, maxval, each separated by whitespace, then one whitespace byte.
  const fields: string[] = [];
  let pos = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) {
      while (buf[pos] !== 0x0a) pos++;
      continue;
    }
    const start = pos;
    while (!/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    fields.push(buf.toString('latin1', start, pos));
  }
  if (fields[0] !== 'P5' || fields[3] !== '255') throw new Error(`not an 8-bit binary PGM (${fields.join(' ')})`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, pixels: buf.subarray(pos + 1, pos + 1 + width * height) };
}

export function toPgm(img: GrayImage): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1'), img.pixels]);
}

/** How a page is spoiled to look like an archive scan; `null` keeps the clean render. */
export interface ScanDegradation {
  /** resample factor: text is effectively scanned at dpi * scale, then upsampled back */
  scale: number;
  blurSigma: number;
  noiseSigma: number;
  /** paper gray level (255 = white) */
  paper: number;
  /** binarise at this gray level (fax-like archives), or null to keep gray */
  threshold: number | null;
}

export async function degradePage(img: GrayImage, d: ScanDegradation, random: () => number): Promise<GrayImage> {
  const raw = { width: img.width, height: img.height, channels: 1 as const };
  const small = await sharp(img.pixels, { raw })
    .resize(Math.round(img.width * d.scale), Math.round(img.height * d.scale), { kernel: 'linear' })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // sharp promotes one-channel raw input to sRGB; extractChannel(0) keeps every buffer single-channel.
  const back = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: 1 } })
    .resize(img.width, img.height, { kernel: 'linear', fit: 'fill' })
    .blur(d.blurSigma > 0.3 ? d.blurSigma : undefined)
    .extractChannel(0)
    .raw()
    .toBuffer();
  const out = Buffer.alloc(img.width * img.height);
  const ink = d.paper / 255;
  for (let k = 0; k < out.length; k++) {
    // Box-Muller is overkill per pixel; the sum of three uniforms is close enough to Gaussian here.
    const noise = (random() + random() + random() - 1.5) * 2 * d.noiseSigma;
    let v = back[k] * ink + noise;
    if (d.threshold !== null) v = v < d.threshold ? 0 : 255;
    out[k] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width: img.width, height: img.height, pixels: out };
}
