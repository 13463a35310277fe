// The worker API over a real comlink channel (a MessageChannel in this
// thread): what crosses the boundary, and how.

import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerApi, type WorkerApi } from './workerApi.js';
import { loadScenario } from '../scenario/load.js';
import { simulate } from './simulate.js';

const spec = { index: 3, scenario: 'mmc', overrides: ['horizon.goals=300', 'horizon.warmupGoals=30'], policy: 'fifo', seed: 7 };

describe('createWorkerApi', () => {
  it('sends results as copies: the worker detaches no buffer (a detached buffer slows its later runs)', async () => {
    const { port1, port2 } = new MessageChannel();
    const transferred: unknown[] = [];
    const post = port1.postMessage.bind(port1);
    port1.postMessage = (message: unknown, transfer?: readonly unknown[]) => {
      transferred.push(...(transfer ?? []));
      post(message, transfer as Parameters<typeof post>[1]);
    };
    Comlink.expose(createWorkerApi({ resolve: (ref, overrides) => loadScenario(ref, { overrides }).scenario }), nodeEndpoint(port1));
    const api = Comlink.wrap<WorkerApi>(nodeEndpoint(port2));
    try {
      const out = await api.run(spec);
      const direct = simulate(loadScenario('mmc', { overrides: spec.overrides }).scenario, { seed: 7, policy: 'fifo' });
      expect(out.index).toBe(3);
      expect(out.names).toEqual(Object.keys(direct.metrics).filter((name) => name !== 'wallSeconds'));
      expect(Array.from(out.values)).toEqual(out.names!.map((name) => direct.metrics[name]));
      expect(transferred).toEqual([]);
      // The names travel once per worker, not with every result.
      expect((await api.run({ ...spec, index: 4 })).names).toBeUndefined();
    } finally {
      api[Comlink.releaseProxy]();
      port1.close();
    }
  });
});
