import { inkMask, maskToGray, otsuThreshold, sauvolaMask, type InkMask } from './binarize.js';
import { median3, paperNoise } from './denoise.js';
import { estimateOrientation, turnGray, type QuarterTurn } from './orientation.js';
import { contentBox, type Box } from './content-box.js';
import { downsampleMin2 } from './downsample.js';
import { normalizeContrast } from './normalize.js';
import type { GrayImage, PageImage } from './page-image.js';
import { rotateGray } from './rotate-image.js';
import { detectRulings, scaleRulings, type Rulings } from './rulings.js';
import { estimateSkew } from './skew.js';

export interface PreprocessOptions {
  /** Contrast stretch (default on). */
  normalize?: boolean;
  /** 3x3 median against grain and dust; 'auto' (default) only on grainy scans. */
  denoise?: boolean | 'auto';
  /** Turn a page whose text runs sideways or upside down upright, by quarter turns (default on). */
  orient?: boolean;
  /** Estimate skew over ±3° and rotate it away (default on). */
  deskew?: boolean;
  /** Hand tesseract a binarised page instead of gray (default off: tesseract binarises itself). */
  binarize?: false | 'otsu' | 'sauvola';
  /** Find table ruling lines (default on). */
  rulings?: boolean;
  /**
   * Paint the found ruling lines out before OCR (default off), all of them or only the horizontal ones.
   * It lowers table-page CER a lot (tesseract no longer reads lines as "|" and "_" glued to cell text:
   * horizontal only, 7 table pages went from 4.6-10.9 % to 0.9-2.9 %), but the task table suffers:
   * erasing everything erases parts of the lone STT marks beside the lines ("1." read as "TẾ"), and
   * erasing the horizontal lines lets tesseract run a cell's lines into the next row's. Measured with
   * `scripts/eval-tasks.ts`: mild scans 2/5 and 10/20 tasks (all) or 1/5 and 13/20 (horizontal), 5/5
   * and 20/20 keeping the lines. Worth revisiting with a table builder that reads cells one by one.
   */
  eraseRulings?: boolean | 'horizontal';
  /** Only OCR the inked part of the page (default on). */
  crop?: boolean;
}

export const DEFAULT_PREPROCESS: Required<PreprocessOptions> = {
  normalize: true,
  denoise: 'auto',
  orient: true,
  deskew: true,
  binarize: false,
  rulings: true,
  eraseRulings: false,
  crop: true,
};

export interface PreprocessedPage {
  /** The page as it goes to recognition (the input's size, or its width and height swapped when turned). */
  image: PageImage;
  /** Clockwise quarter turn applied first to make the text upright (0 when upright or not looked for). */
  turnDeg: QuarterTurn;
  /** Skew found (degrees, clockwise positive) and corrected; null when not looked for. */
  skewDeg: number | null;
  rulings: Rulings | undefined;
  /** Where the ink is; null for a blank page. */
  content: Box | null;
}

/**
 * Paper grain (mean neighbour difference) above which the median pays: the fixture scans measure 2-3.5
 * (mild) and 7.7-8.4 (hard); on hard pages the median cut CER from 2.45 % to 1.76 % (4 pages), on mild
 * ones it raised it (0.39 -> 0.44 %, 0.78 -> 1.15 %).
 */
const NOISY_PAPER = 6;

/** Below this the rotation would cost more than the skew costs tesseract. */
const MIN_CORRECTED_SKEW_DEG = 0.15;

/** The page contrast-stretched and, when its paper is grainy, smoothed: what every later step reads. */
export function cleanPage(page: GrayImage, options: Pick<PreprocessOptions, 'normalize' | 'denoise'> = DEFAULT_PREPROCESS): GrayImage {
  const gray = options.normalize === false ? page : normalizeContrast(page);
  const denoise = options.denoise ?? DEFAULT_PREPROCESS.denoise;
  return denoise === true || (denoise === 'auto' && paperNoise(gray, otsuThreshold(gray)) > NOISY_PAPER) ? median3(gray) : gray;
}

/**
 * Page analysis (orientation, skew, rulings, inked area) runs on a half-size copy from 300 dpi up: a
 * quarter of the work, the same answers (below 150 dpi effective, text strokes start to merge into
 * ruling-like runs).
 */
export function analysisFactor(page: PageImage): 1 | 2 {
  return page.dpi >= 300 && page.width >= 64 && page.height >= 64 ? 2 : 1;
}

/** The ink mask page analysis reads: of the cleaned page, at 1/`factor` of its size (into `buffer` when given). */
export function analysisMask(gray: GrayImage, factor: 1 | 2, buffer?: Uint8Array): InkMask {
  return inkMask(factor === 2 ? downsampleMin2(gray) : gray, undefined, buffer);
}

export async function preprocessPage(page: PageImage, options: PreprocessOptions | boolean = true): Promise<PreprocessedPage> {
  const opts: Required<PreprocessOptions> =
    options === false
      ? { normalize: false, denoise: false, orient: false, deskew: false, binarize: false, rulings: false, eraseRulings: false, crop: false }
      : { ...DEFAULT_PREPROCESS, ...(options === true ? {} : options) };
  let gray = cleanPage(page, opts);
  const factor = analysisFactor(page);
  // the mask before rotation is dead once the skew is known: the one after it reuses its buffer
  let inkBuffer: Uint8Array | undefined;
  const analysed = (g: GrayImage): InkMask => {
    const mask = analysisMask(g, factor, inkBuffer);
    inkBuffer = mask.data;
    return mask;
  };
  let ink = analysed(gray);
  // before the skew search: a sideways page has no rows of text for it to level
  const turnDeg = opts.orient ? estimateOrientation(ink, page.dpi / factor) : 0;
  if (turnDeg) {
    gray = turnGray(gray, turnDeg);
    ink = analysed(gray);
  }
  let skewDeg: number | null = null;
  if (opts.deskew) {
    skewDeg = estimateSkew(ink);
    if (Math.abs(skewDeg) >= MIN_CORRECTED_SKEW_DEG) {
      gray = await rotateGray(gray, -skewDeg);
      ink = analysed(gray);
    }
  }
  const rulings = opts.rulings ? scaleRulings(detectRulings(ink, page.dpi / factor), factor, gray) : undefined;
  // tesseract reads ruling lines as "|" and "_" glued to the cell text: paint them out
  if (opts.eraseRulings && rulings && (rulings.horizontal.length || rulings.vertical.length)) {
    const erased = opts.eraseRulings === 'horizontal' ? { horizontal: rulings.horizontal, vertical: [] } : rulings;
    gray = eraseRulings(gray, erased, page.data, Math.max(1, Math.round(page.dpi / 150)));
  }
  const small = contentBox(ink, page.dpi / factor);
  const content = small && scaleBox(small, factor, gray);
  if (opts.binarize === 'otsu') gray = maskToGray(inkMask(gray));
  else if (opts.binarize === 'sauvola') gray = maskToGray(sauvolaMask(gray, Math.round(page.dpi / 6) | 1));
  return {
    image: { data: gray.data, width: gray.width, height: gray.height, dpi: page.dpi, index: page.index },
    turnDeg,
    skewDeg,
    rulings,
    content: opts.crop || content === null ? content : { left: 0, top: 0, width: gray.width, height: gray.height },
  };
}

function eraseRulings(image: GrayImage, rulings: Rulings, original: Uint8Array, pad: number): GrayImage {
  const data = image.data === original ? new Uint8Array(image.data) : image.data;
  const { width, height } = image;
  for (const [x0, y0, x1, y1] of [...rulings.horizontal, ...rulings.vertical]) {
    const ya = Math.max(0, y0 - pad);
    const yb = Math.min(height, y1 + pad);
    const xa = Math.max(0, x0 - pad);
    const xb = Math.min(width, x1 + pad);
    for (let y = ya; y < yb; y++) data.fill(255, y * width + xa, y * width + xb);
  }
  return { data, width, height };
}

function scaleBox(b: Box, k: number, page: GrayImage): Box {
  const left = b.left * k;
  const top = b.top * k;
  return { left, top, width: Math.min(page.width - left, b.width * k), height: Math.min(page.height - top, b.height * k) };
}
