// The Node entry of a pool worker (worker_threads): exposes the worker API
// over comlink's node adapter. Runs as compiled JS from dist/ (a .ts worker
// entry does not start on Node 20).
// Before each run it applies the fault-injection test hook (faultHook.ts).

import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadScenario } from '../scenario/load.js';
import { createWorkerApi } from './workerApi.js';
import { faultHook } from './faultHook.js';
import type { RunSpec } from './runSpec.js';

const beforeRun = faultHook(process.env);

if (parentPort === null) throw new Error('nodeWorker.js must run in a worker thread');

const api = createWorkerApi({
  resolve: (ref, overrides) => loadScenario(ref, { overrides }).scenario,
  beforeRun: beforeRun === undefined ? undefined : (spec: RunSpec) => beforeRun(spec.seed),
});
Comlink.expose(api, nodeEndpoint(parentPort));
