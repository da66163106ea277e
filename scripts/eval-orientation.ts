/**
 * Page orientation on the fixture scans: every scanned page rasterised at 200 dpi (the default) and at
 * 300 (analysed at half size, as preprocessing does from 300 dpi up), turned by 0, 90, 180 and 270
 * degrees, and whether preprocessing's orientation step (`estimateOrientation`, on the ink mask the
 * pipeline builds with `cleanPage`, `analysisFactor` and `analysisMask`) finds the turn that puts it right. No OCR: a
 * page read the wrong way up is garbage whatever the engine, so the count is the measure. Also the
 * evidence's margins, for tuning on new scans.
 *   npx tsx --conditions=source scripts/eval-orientation.ts     (or: npm run eval -- orientation)
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openInput } from '../packages/ocr/src/open-input.js';
import { orientationEvidence, orientationFrom, turnGray, type QuarterTurn } from '../packages/ocr/src/orientation.js';
import { getPdfPage } from '../packages/ocr/src/pdf-document.js';
import { analysisFactor, analysisMask, cleanPage } from '../packages/ocr/src/preprocess.js';
import { rasterizePdfPage } from '../packages/ocr/src/rasterize-page.js';
import { discoverFixtures } from './bench-ocr.js';

const TURNS: QuarterTurn[] = [0, 90, 180, 270];
const DPIS = [200, 300];

export async function run(): Promise<object> {
  const scans = (await discoverFixtures()).filter((f) => f.kind === 'scanned');
  const right = new Map<string, number>();
  const wrong: string[] = [];
  const span = (xs: number[]): string => (xs.length ? `${Math.min(...xs).toFixed(2)} to ${Math.max(...xs).toFixed(2)}` : 'n/a');
  const gaps = { level: [] as number[], sideways: [] as number[] };
  const marks = { up: [] as number[], down: [] as number[] };
  let pages = 0;
  for (const f of scans) {
    const input = await openInput(f.path);
    try {
      if (input.format !== 'pdf') continue;
      for (let i = 0; i < input.pageCount; i++) {
        pages++;
        for (const dpi of DPIS) {
          // as preprocessPage sees the page before its orientation step
          const raster = await rasterizePdfPage(await getPdfPage(input.doc, i, f.path), dpi, f.path);
          const gray = cleanPage(raster);
          const factor = analysisFactor(raster);
          for (const t of TURNS) {
            const e = orientationEvidence(analysisMask(turnGray(gray, t), factor), dpi / factor);
            const want = ((360 - t) % 360) as QuarterTurn;
            const got = orientationFrom(e);
            const key = `${dpi}/${t}`;
            if (got === want) right.set(key, (right.get(key) ?? 0) + 1);
            else wrong.push(`${f.path.split('/').at(-1)} page ${i + 1} at ${dpi} dpi turned ${t}: ${got} instead of ${want}`);
            if (!e) continue;
            (t % 180 === 0 ? gaps.level : gaps.sideways).push(e.columnGaps - e.rowGaps);
            if (t === 0) marks.up.push(e.rows.ratio);
            if (t === 180) marks.down.push(e.rows.ratio);
          }
        }
      }
    } finally {
      await input.close();
    }
  }
  const cases = pages * TURNS.length * DPIS.length;
  const total = [...right.values()].reduce((a, b) => a + b, 0);
  const md = [
    `${pages} scanned fixture pages at ${DPIS.join(' and ')} dpi, each turned four ways: **${total}/${cases}** put right (no OCR; target: all, and never an upright page turned).`,
    '',
    `| page turned by | ${DPIS.map((d) => `put right at ${d} dpi`).join(' | ')} |`,
    `|---|${DPIS.map(() => '---:').join('|')}|`,
    ...TURNS.map((t) => `| ${t} | ${DPIS.map((d) => `${right.get(`${d}/${t}`) ?? 0}/${pages}`).join(' | ')} |`),
    '',
    `Evidence: blank share of columns minus rows, level pages ${span(gaps.level)}, sideways ${span(gaps.sideways)} (sideways above 0.05; between -0.05 and 0.05 the axis with more text lines decides); mark ratio above/below the x-height band, upright ${span(marks.up)}, upside down ${span(marks.down)} (upside down below 0.67).`,
    ...(wrong.length ? ['', 'Wrong:', ...wrong.map((w) => `- ${w}`)] : []),
  ].join('\n');
  return { markdown: md, pages, cases, right: Object.fromEntries(right), wrong };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(((await run()) as { markdown: string }).markdown);
}
