/**
 * Runs async tasks one at a time, in the order they were handed in. Page preparation (raster,
 * preprocessing) is CPU work on the main thread: started together, four pages interleave at every
 * `await` and the first reaches the OCR workers only when all four are nearly done (0.8 s instead of
 * 0.25 s at the start of a batch, with both workers idle meanwhile). In a line, each page goes to OCR as
 * soon as its own preparation ends; the total work is the same.
 *
 * A task that never settles (a PDF that wedges its parser) holds the line for at most `maxWaitMs`; after
 * that the next task starts anyway, so one bad file cannot stall every page behind it.
 */
export class SerialLane {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly maxWaitMs = 120_000) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.maxWaitMs);
      timer.unref();
    });
    const result = Promise.race([this.tail, waited]).then(() => {
      clearTimeout(timer);
      return task();
    });
    // the next task waits for this one to settle, whatever its outcome
    this.tail = result.catch(() => undefined);
    return result;
  }
}
