// Builds the dashboard into a temporary folder (`vite build`) and serves it
// on a free loopback port with a results directory at /results/, as `npm
// start` does — the same vite.config.ts, so the test sees what users see.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface DashboardServer {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

/** Runs `vite build` into a fresh temporary folder; returns the folder and the build's seconds. */
export function buildDashboard(): { outDir: string; seconds: number } {
  const outDir = mkdtempSync(join(tmpdir(), 'delegsim-viz-'));
  const started = performance.now();
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { outDir, seconds: (performance.now() - started) / 1000 };
}

/** Serves a built dashboard on 127.0.0.1 at a free port, with `results` (a results directory) at /results/. */
export async function serveDashboard(outDir: string, results: string): Promise<DashboardServer> {
  const previous = process.env.DELEGSIM_RESULTS;
  process.env.DELEGSIM_RESULTS = results;
  let server: PreviewServer;
  try {
    server = await preview({
      root: join(ROOT, 'viz'),
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
  } finally {
    if (previous === undefined) delete process.env.DELEGSIM_RESULTS;
    else process.env.DELEGSIM_RESULTS = previous;
  }
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('vite preview did not report a URL');
  return { url, outDir, close: () => server.close() };
}
