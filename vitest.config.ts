import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/temp-dir-cleanup.ts'],
          include: [
            'tests/unit/**/*.test.ts',
            'tests/adapters/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/security/**/*.test.ts',
          ],
          testTimeout: 30_000,
          // Stopping a server or Redis can take a while on a loaded 2-core machine.
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/temp-dir-cleanup.ts'],
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
