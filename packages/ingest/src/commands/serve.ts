import { intOption } from '../cli-args.js';
import { loadStoreModule } from '../modules.js';
import { openStoreFor } from '../open-store.js';
import type { CommandArgs } from './command-args.js';

export async function run({ values }: CommandArgs): Promise<number> {
  const store = await openStoreFor(typeof values.db === 'string' ? values.db : undefined);
  const { createApiServer } = await loadStoreModule();
  const server = await createApiServer(store, { token: process.env.SOHOA_API_TOKEN || undefined });
  const address = await server.listen({ port: intOption(values, 'port') ?? 8080, host: String(values.host) });
  process.stderr.write(`sohoa serve: listening on ${address}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await store.close();
  return 0;
}
