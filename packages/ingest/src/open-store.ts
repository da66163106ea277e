import type { Store } from './contracts.js';
import { loadStoreModule } from './modules.js';

/** `--db` wins over SOHOA_DB; the store package applies its own default (./data/sohoa.db). */
export async function openStoreFor(db?: string): Promise<Store> {
  const { openStore } = await loadStoreModule();
  return openStore(db ?? process.env.SOHOA_DB ?? undefined);
}
