// The worker pool with real worker threads (the compiled nodeWorker.js that
// vitest's global setup builds).

import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createNodePool } from './nodePool.js';
import { WorkerPool, WorkerStartError } from './pool.js';
import type { RunFailure, RunOutput, RunSpec } from './runSpec.js';
import { loadScenario } from '../scenario/load.js';
import { simulate } from './simulate.js';

const overrides = ['horizon.goals=600', 'horizon.warmupGoals=50'];
const specs = (n: number): RunSpec[] =>
  Array.from({ length: n }, (_, index) => ({ index, scenario: 'mmc', overrides, policy: index % 2 ? 'random' : 'fifo', seed: 100 + (index >> 1) }));

async function runAll(pool: WorkerPool, list: RunSpec[], signal?: AbortSignal) {
  const outputs: RunOutput[] = [];
  const failures: RunFailure[] = [];
  const report = await pool.run(list, { onResult: (o) => outputs.push(o), onFailure: (f) => failures.push(f), signal });
  await pool.close();
  return { report, outputs: outputs.sort((a, b) => a.index - b.index), failures };
}

afterEach(() => {
  delete process.env.DELEGSIM_FAULT_SEED;
  delete process.env.DELEGSIM_FAULT_MODE;
});

describe('WorkerPool', () => {
  it('WorkerPool.run gives every run the same metrics as simulate() in-process', async () => {
    const list = specs(6);
    const { report, outputs, failures } = await runAll(createNodePool({ workers: 2 }), list);
    expect(report).toEqual({ finished: 6, failed: 0, aborted: false });
    expect(failures).toEqual([]);
    const { scenario } = loadScenario('mmc', { overrides });
    for (const spec of list) {
      const direct = simulate(scenario, { seed: spec.seed, policy: spec.policy });
      const out = outputs[spec.index]!;
      expect(out.values).toBeInstanceOf(Float64Array);
      expect(out.names).not.toContain('wallSeconds');
      expect(Object.fromEntries(out.names.map((n, i) => [n, out.values[i]]))).toEqual(
        Object.fromEntries(Object.entries(direct.metrics).filter(([n]) => n !== 'wallSeconds')),
      );
    }
  });

  it('WorkerPool.run reports a run that throws, with its seed, and completes the rest', async () => {
    process.env.DELEGSIM_FAULT_SEED = '101';
    const { report, outputs, failures } = await runAll(createNodePool({ workers: 1 }), specs(8));
    expect(report.finished).toBe(6);
    expect(failures.map((f) => [f.spec.index, f.spec.seed])).toEqual(
      expect.arrayContaining([
        [2, 101],
        [3, 101],
      ]),
    );
    expect(failures[0]!.error).toMatch(/injected fault \(DELEGSIM_FAULT_SEED=101\)/);
    expect(outputs.map((o) => o.index)).toEqual([0, 1, 4, 5, 6, 7]);
  });

  it('WorkerPool.run reports a run whose worker dies, replaces the worker and completes the rest', async () => {
    process.env.DELEGSIM_FAULT_SEED = '102';
    process.env.DELEGSIM_FAULT_MODE = 'exit';
    const { report, outputs, failures } = await runAll(createNodePool({ workers: 1 }), specs(8));
    expect(report).toEqual({ finished: 6, failed: 2, aborted: false });
    expect(failures.map((f) => f.spec.seed)).toEqual([102, 102]);
    expect(failures[0]!.error).toMatch(/worker died: exited with code 70/);
    expect(outputs.map((o) => o.index)).toEqual([0, 1, 2, 3, 6, 7]);
  });

  it('WorkerPool.run fails a run past its time limit, stops its worker and completes the rest', async () => {
    process.env.DELEGSIM_FAULT_SEED = '103';
    process.env.DELEGSIM_FAULT_MODE = 'hang';
    const pool = createNodePool({ workers: 1, timeoutMs: 1500 });
    const { report, outputs, failures } = await runAll(pool, specs(8));
    expect(report).toEqual({ finished: 6, failed: 2, aborted: false });
    expect(failures.map((f) => [f.spec.seed, f.error])).toEqual([
      [103, 'timed out after 1.5 s (its worker was stopped)'],
      [103, 'timed out after 1.5 s (its worker was stopped)'],
    ]);
    expect(outputs.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('WorkerPool.run stops promptly when its signal aborts', async () => {
    const controller = new AbortController();
    const pool = createNodePool({ workers: 1 });
    const list = Array.from({ length: 200 }, (_, index) => ({ ...specs(1)[0]!, index, seed: index }));
    let seen = 0;
    const t0 = performance.now();
    const report = await pool.run(list, {
      onResult: () => {
        if (++seen === 3) controller.abort();
      },
      onFailure: () => {},
      signal: controller.signal,
    });
    await pool.close();
    expect(report.aborted).toBe(true);
    expect(report.finished).toBeLessThan(10);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('WorkerPool.run rejects with WorkerStartError when a worker dies before it starts', async () => {
    const pool = new WorkerPool({
      workers: 1,
      spawn: () => {
        const { port1 } = new MessageChannel();
        return {
          endpoint: nodeEndpoint(port1),
          onDeath: (listener) => setTimeout(() => listener('cannot load module'), 10),
          terminate: () => port1.close(),
        };
      },
    });
    await expect(pool.run(specs(2), { onResult: () => {}, onFailure: () => {} })).rejects.toThrow(WorkerStartError);
    await pool.close();
  });
});
