// Build of the renderer: one static bundle in dist/renderer with relative asset paths, so the
// same files load from app://workbench in Electron and from the loopback dev host over http.
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(__dirname, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    // The preload polyfill would be inlined by some setups; our CSP forbids inline script.
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
});
