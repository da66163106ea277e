import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (*.test.ts). Tests that need a real Redis or PostgreSQL are named
// *.redis.test.ts / *.pg.test.ts; they start their own servers on loopback (see test-support helpers).
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.redis.test.ts', '**/*.pg.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'services',
          include: ['packages/*/test/**/*.redis.test.ts', 'packages/*/test/**/*.pg.test.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
