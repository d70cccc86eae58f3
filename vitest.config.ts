import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` needs nothing but Node; `integration` gets one DynamoDB Local (in memory)
 * for the whole run from the global setup, and the local platform where a test starts it.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/domain/test/**/*.test.ts', 'functions/**/*.test.ts', 'infra/test/**/*.test.ts', 'packages/local/test/unit/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/store/test/**/*.test.ts', 'packages/local/test/integration/**/*.test.ts', 'test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
