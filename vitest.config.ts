import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'infra/test/**/*.test.ts'],
    setupFiles: ['test/setup/no-console.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'threads',
  },
});
