// The Node entry of a pool worker (worker_threads): exposes the worker API
// over comlink's node adapter. Runs as compiled JS from dist/ (a .ts worker
// entry does not start on Node 20).
//
// Test hook (fault injection, never set in normal use):
//   DELEGSIM_FAULT_SEED=<n>      a run with master seed n fails inside the worker;
//   DELEGSIM_FAULT_MODE=throw    … by throwing an error (the default), or
//   DELEGSIM_FAULT_MODE=exit     … by ending the worker thread abruptly, or
//   DELEGSIM_FAULT_MODE=hang     … by never returning (a busy loop, as a runaway model would).
// Only this file reads them, so only pool workers can be made to fail.

import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { loadScenario } from '../scenario/load.js';
import { createWorkerApi } from './workerApi.js';
import type { RunSpec } from './runSpec.js';

function faultHook(env: NodeJS.ProcessEnv): ((spec: RunSpec) => void) | undefined {
  const text = env.DELEGSIM_FAULT_SEED;
  if (text === undefined || text === '') return undefined;
  const seed = Number(text);
  const mode = env.DELEGSIM_FAULT_MODE ?? 'throw';
  return (spec) => {
    if (spec.seed !== seed) return;
    if (mode === 'exit') process.exit(70); // in a worker thread, ends only the thread
    if (mode === 'hang') for (;;); // only terminate() stops it
    throw new Error(`injected fault (DELEGSIM_FAULT_SEED=${seed})`);
  };
}

if (parentPort === null) throw new Error('nodeWorker.js must run in a worker thread');

const api = createWorkerApi({
  resolve: (ref, overrides) => loadScenario(ref, { overrides }).scenario,
  beforeRun: faultHook(process.env),
});
Comlink.expose(api, nodeEndpoint(parentPort));
