// runs.csv and runs.arrow of a sweep whose points set different parameters:
// every cell holds the value the run had, and a numeric parameter stays a
// Float64 column in Arrow.

import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { findPackageRoot } from '../scenario/load.js';
import { baseParameterValues, type ExperimentPlan } from './plan.js';
import { loadTableLibraries, runsArrow, runsCsv, runsTable } from './resultsFiles.js';
import type { RunRecord } from './runRecord.js';

const plan: ExperimentPlan = {
  kind: 'sweep',
  name: 'uneven',
  scenario: 'mmc',
  set: ['horizon.goals=300'],
  points: [{ params: [['arrivals.rate', 6]] }, { params: [['population.0.count', 12]] }],
  policies: ['fifo'],
  replications: 1,
  seed: 1,
};
const mmc = readFileSync(join(findPackageRoot(), 'scenarios', 'validation', 'mmc.json'), 'utf8');
const record = (index: number): RunRecord => ({
  index, policy: 'fifo', seed: 1, scenarioName: 'mmc', stopCause: 'horizon', names: ['meanWait'], values: Float64Array.of(0.5), hash: '0', wallSeconds: 0,
});

describe('runsTable', () => {
  beforeAll(loadTableLibraries);

  it('a parameter only some points set shows the base value at the others, as a number (CSV and Float64 Arrow)', () => {
    const table = runsTable(plan, [record(0), record(1)], ['meanWait'], baseParameterValues(plan, mmc));
    expect(runsCsv(table).split('\n').slice(0, 3)).toEqual([
      'index,scenario,horizon.goals,arrivals.rate,population.0.count,policy,replication,seed,stopCause,meanWait',
      '0,mmc,300,6,10,fifo,0,1,horizon,0.5',
      '1,mmc,300,9,12,fifo,0,1,horizon,0.5',
    ]);
    const arrow = tableFromIPC(runsArrow(table));
    const type = (name: string) => String(arrow.schema.fields.find((f) => f.name === name)!.type.typeId);
    expect([type('arrivals.rate'), type('population.0.count')]).toEqual([type('meanWait'), type('meanWait')]);
  });
});
