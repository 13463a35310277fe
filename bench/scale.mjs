// Scales a scenario object: every agent group's count and every arrival rate
// by the same factor (so utilisation stays about the same), and the goal
// horizon to a given count; and runs the CLI on a scaled scenario.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function scaleScenario(scenario, { agents, goals }) {
  const s = structuredClone(scenario);
  const total = s.population.reduce((sum, g) => sum + g.count, 0);
  const factor = agents / total;
  let assigned = 0;
  s.population.forEach((g, i) => {
    g.count = i === s.population.length - 1 ? agents - assigned : Math.max(1, Math.round(g.count * factor));
    assigned += g.count;
  });
  if (s.arrivals.process === 'poisson') s.arrivals.rate *= factor;
  else if (s.arrivals.process === 'schedule') for (const seg of s.arrivals.segments) seg.rate *= factor;
  s.horizon = { ...s.horizon, goals, warmupGoals: Math.min(s.horizon.warmupGoals ?? 0, Math.floor(goals / 10)) };
  return s;
}

/**
 * Runs `delegsim run` (the bundled CLI under `root`) once on `scenario`
 * scaled to `size` ({agents, goals}), with seed 1, and returns its `--json`
 * metrics. The scaled scenario is written to a temporary directory, removed
 * afterwards; `nodeArgs(dir)` gives Node options (say, a CPU profile into
 * that directory) and `inspect(dir)` reads what the run left there first.
 *
 * @example
 * const metrics = runScaled(root, enterprise, { agents: 10_000, goals: 200_000 }, 'intelligent');
 */
export function runScaled(root, scenario, size, policy, { nodeArgs = () => [], inspect = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'delegsim-scaled-'));
  try {
    const file = join(dir, 'scaled.json');
    writeFileSync(file, JSON.stringify(scaleScenario(scenario, size)));
    const cli = join(root, 'dist', 'cli', 'main.js');
    const out = spawnSync(process.execPath, [...nodeArgs(dir), cli, 'run', file, '--policy', policy, '--seed', '1', '--json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (out.status !== 0) throw new Error(`delegsim run (${policy}) failed: ${out.stderr}`);
    inspect(dir);
    return JSON.parse(out.stdout).metrics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
