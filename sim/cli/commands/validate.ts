// `delegsim validate <scenario>`: parse and check a scenario file, print a one-line summary.

import { loadScenario } from '../../scenario/load.js';

export function validateCommand(ref: string, options: { set: string[] }): void {
  // policyParams must be ones the scenario's own policy takes.
  const { scenario, path } = loadScenario(ref, { overrides: options.set, policies: (s) => [s.policy] });
  const agents = scenario.population.reduce((sum, g) => sum + g.count, 0);
  process.stdout.write(
    `ok: ${path} — scenario '${scenario.name}', ${agents.toLocaleString('en-US')} agents in ${scenario.population.length} groups, ` +
      `${scenario.goals.length} goal templates, policy ${scenario.policy}\n`,
  );
}
