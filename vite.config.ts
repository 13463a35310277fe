// Vite builds the dashboard in viz/; Web Workers are emitted as ES modules so
// the simulation library runs in them unchanged. The dev and preview servers
// also serve a results directory at /results/ (DELEGSIM_RESULTS, default
// results/enterprise — what `npm start` writes), which the page loads at start.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';

/** The files of a results directory the page may fetch, with their types. */
const RESULT_TYPES: Record<string, string> = {
  'manifest.json': 'application/json',
  'summary.json': 'application/json',
  'runs.arrow': 'application/vnd.apache.arrow.file',
  'runs.csv': 'text/csv',
};

/**
 * Serves `<dir>/<file>` at /results/<file> for the files above, and
 * /results/index.json listing those present; 404 for anything else under /results/.
 */
export function resultsRoute(dir: string) {
  const root = resolve(dir);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = (req.url ?? '').split('?')[0]!;
    const at = url.indexOf('/results/');
    if (at < 0) return next();
    const name = decodeURIComponent(url.slice(at + '/results/'.length));
    if (name === 'index.json') {
      // Which results files exist, so the page asks only for those (a 404 would be a console error).
      const files = Object.keys(RESULT_TYPES).filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile());
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify({ dir: root, files }));
      return;
    }
    const type = RESULT_TYPES[name];
    const path = join(root, name);
    if (type === undefined || !existsSync(path) || !statSync(path).isFile()) {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain');
      res.end(`no ${name} in ${root}\n`);
      return;
    }
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'no-store');
    createReadStream(path).pipe(res);
  };
}

function serveResults(): Plugin {
  const dir = process.env.DELEGSIM_RESULTS ?? 'results/enterprise';
  return {
    name: 'delegsim-results',
    configureServer(server) {
      server.middlewares.use(resultsRoute(dir));
    },
    configurePreviewServer(server) {
      server.middlewares.use(resultsRoute(dir));
    },
  };
}

export default defineConfig({
  root: 'viz',
  base: './',
  plugins: [serveResults()],
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
