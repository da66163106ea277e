import { afterAll, describe } from 'vitest';
import { apiContract } from '../test/api-contract.js';
import { sqliteHarness } from '../test/harness.js';
import { storeContract } from '../test/store-contract.js';

const harness = sqliteHarness();
afterAll(() => harness.dispose());

describe('store on SQLite', () => storeContract(() => harness));
describe('API on SQLite', () => apiContract(() => harness));
