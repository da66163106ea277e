/**
 * `read(index)` for every page 0..count-1, at most `lanes` at once, started in page order; results in
 * page order. Every reader of a document's pages (the OCR stage, ingest's loader, the benchmark) shares
 * this so they fail alike: the first failure stops new pages from starting, the pages already running
 * are let finish (a worker is never abandoned mid-page), and the error of the lowest failing page is
 * thrown, as a one-by-one read would have reported it.
 */
export async function mapPages<T>(
  count: number,
  lanes: number,
  read: (index: number) => Promise<T>,
  onPage?: (result: T, index: number) => void,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const failures: { index: number; error: unknown }[] = [];
  const lane = async () => {
    while (failures.length === 0 && next < count) {
      const index = next++;
      try {
        results[index] = await read(index);
        onPage?.(results[index], index);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, count)) }, lane));
  if (failures.length) throw failures.reduce((a, b) => (b.index < a.index ? b : a)).error;
  return results;
}
