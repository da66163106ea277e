import os from 'node:os';

/** One line naming the machine a measurement came from, for BENCHMARKS.md and eval reports. */
export function describeMachine(): string {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.type()} ${os.release()}, ${os.availableParallelism()} cores (${cpu}), ${mem} GiB RAM, Node ${process.version}`;
}
