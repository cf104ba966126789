// Test runner configuration: Node environment by default; renderer tests opt into jsdom
// with a `// @vitest-environment jsdom` docblock so the Node services never see a DOM.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers only thrash.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
