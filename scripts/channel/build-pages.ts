import type { PageSpec } from './render-pages.js';
import { wrapParagraph } from './corpus-sample.js';
import type { ScanDegradation } from './degrade-page.js';

export interface PagePlan extends PageSpec {
  degradation: ScanDegradation | null;
}

function isMostlyUpper(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length > 0 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.6;
}

/**
 * Lays paragraphs out on pages: a font size per page (12 or 13 pt), wrapped to the width that size
 * fits on A4, and a scan degradation drawn per page so the channel sees both clean prints and the
 * blurred, noisy, sometimes binarised copies archives hold.
 */
export type DegradationProfile = 'archive' | 'harsh';

function drawDegradation(profile: DegradationProfile, random: () => number): ScanDegradation {
  if (profile === 'harsh') {
    // Worn photocopies scanned at ~76-100 dpi: where even the vie model slips on tone marks.
    return {
      scale: 0.38 + random() * 0.12,
      blurSigma: 0.5 + random() * 0.6,
      noiseSigma: 10 + random() * 15,
      paper: 215 + Math.round(random() * 30),
      threshold: random() < 0.5 ? 140 + Math.round(random() * 40) : null,
    };
  }
  return {
    scale: 0.5 + random() * 0.3,
    blurSigma: random() * 0.9,
    noiseSigma: 4 + random() * 14,
    paper: 225 + Math.round(random() * 30),
    threshold: random() < 0.4 ? 130 + Math.round(random() * 50) : null,
  };
}

export function buildPages(
  paragraphs: string[],
  pageCount: number,
  prefix: string,
  random: () => number,
  cleanShare: number,
  profile: DegradationProfile = 'archive',
): PagePlan[] {
  const pages: PagePlan[] = [];
  let p = 0;
  for (let n = 0; n < pageCount && p < paragraphs.length; n++) {
    const fontPt = random() < 0.5 ? 12 : 13;
    const capacity = fontPt === 12 ? 35 : 32;
    const width = fontPt === 12 ? 82 : 76;
    const lines: string[] = [];
    const starts: boolean[] = [];
    while (p < paragraphs.length && lines.length < capacity) {
      const para = paragraphs[p];
      // Capitals are wider; wrap them shorter so no line overflows the printable width.
      const wrapped = wrapParagraph(para, isMostlyUpper(para) ? Math.round(width * 0.62) : width);
      const room = capacity - lines.length;
      if (wrapped.length > room && lines.length > 0 && room < 4) break;
      wrapped.slice(0, room).forEach((line, i) => {
        lines.push(line);
        starts.push(i === 0);
      });
      p++;
    }
    const clean = random() < cleanShare;
    const degradation: ScanDegradation | null = clean ? null : drawDegradation(profile, random);
    pages.push({ id: `${prefix}-${String(n).padStart(3, '0')}`, lines, paragraphStarts: starts, fontPt, degradation });
  }
  return pages;
}
