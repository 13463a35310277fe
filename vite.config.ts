// Vite builds the dashboard in viz/; Web Workers are emitted as ES modules so
// the simulation library runs in them unchanged.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'viz',
  base: './',
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
