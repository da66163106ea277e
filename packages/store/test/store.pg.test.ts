import { afterAll, beforeAll, describe } from 'vitest';
import { apiContract } from './api-contract.js';
import { postgresHarness, type StoreHarness } from './harness.js';
import { storeContract } from './store-contract.js';

// One private cluster (Debian's postgresql binaries) for both suites; every test gets a fresh database.
let harness: StoreHarness;
beforeAll(async () => {
  harness = await postgresHarness();
});
afterAll(async () => {
  await harness?.dispose();
});

describe('store on PostgreSQL', () => storeContract(() => harness));
describe('API on PostgreSQL', () => apiContract(() => harness));
