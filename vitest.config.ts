import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['sim/**/*.test.ts', 'bench/**/*.test.ts', 'e2e/**/*.test.ts', 'viz/**/*.test.ts'],
    globalSetup: ['./vitest.setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
