// `delegsim list [scenarios|policies]`.

import { listBuiltinScenarios } from '../../scenario/load.js';
import { policySummaries } from '../../policies/registry.js';
import { UsageError } from '../errors.js';
import { table } from '../format.js';

export function listCommand(what: string | undefined): void {
  const show = what ?? 'all';
  if (!['all', 'scenarios', 'policies'].includes(show)) {
    throw new UsageError(`list: must be 'scenarios' or 'policies', got ${JSON.stringify(what)}`);
  }
  const out: string[] = [];
  if (show !== 'policies') {
    out.push('scenarios:', table(listBuiltinScenarios().map((s) => ['  ' + s.name, s.path])));
  }
  if (show !== 'scenarios') {
    out.push('policies:', table(policySummaries().map((p) => ['  ' + p.name, p.summary])));
  }
  process.stdout.write(out.join('\n') + '\n');
}
