// runs.csv and runs.arrow of a sweep whose points set different parameters:
// every cell holds the value the run had, and a numeric parameter stays a
// Float64 column in Arrow.

import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import { findPackageRoot } from '../scenario/load.js';
import { baseParameterValues, type ExperimentPlan } from './plan.js';
import { loadTableLibraries, runsArrow, runsCsv, runsTable, sha256, writeRunsCsv, writeSummaryJson } from './resultsFiles.js';
import { summarizeExperiment } from './summary.js';
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

describe('writeRunsCsv', () => {
  beforeAll(loadTableLibraries);
  const sweep: ExperimentPlan = { ...plan, points: [{ params: [['arrivals.rate', 6]] }], policies: ['fifo', 'random'], replications: 4 };
  const rows = (n: number): RunRecord[] =>
    Array.from({ length: n }, (_, index) => ({ ...record(index), policy: index % 2 === 0 ? 'fifo' : 'random', seed: 1 + (index >> 1), values: Float64Array.of(index / 7) }));

  it('writeRunsCsv writes, piece by piece, the bytes runsCsv makes in one string, and returns their SHA-256', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegsim-csv-'));
    try {
      for (const n of [0, 1, 5, 8]) {
        const table = runsTable(sweep, rows(n), ['meanWait']);
        const hash = writeRunsCsv(dir, table, 2); // 2 rows a piece: pieces end mid-file and at its end
        const bytes = readFileSync(join(dir, 'runs.csv'), 'utf8');
        expect(bytes).toBe(runsCsv(table));
        expect(bytes.split('\n')).toHaveLength(n + 2); // header, n rows, and the empty string after the last newline
        expect(hash).toBe(sha256(bytes));
      }
      expect(readdirSync(dir)).toEqual(['runs.csv']); // no temporary file left behind
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writeRunsCsv leaves the previous runs.csv and no temporary file when formatting fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delegsim-csv-'));
    try {
      writeFileSync(join(dir, 'runs.csv'), 'previous\n');
      const table = runsTable(sweep, rows(3), ['meanWait']);
      const broken = Object.assign(Object.create(Object.getPrototypeOf(table) as object) as typeof table, table, {
        numRows: () => {
          throw new Error('formatting failed');
        },
      });
      expect(() => writeRunsCsv(dir, broken, 2)).toThrow('formatting failed');
      expect(readdirSync(dir)).toEqual(['runs.csv']);
      expect(readFileSync(join(dir, 'runs.csv'), 'utf8')).toBe('previous\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('writeSummaryJson', () => {
  it('writeSummaryJson writes, a point at a time, the bytes of JSON.stringify(summary, null, 2) and returns their SHA-256', () => {
    const sweep: ExperimentPlan = { ...plan, points: [6, 7, 8].map((rate) => ({ params: [['arrivals.rate', rate]] })), policies: ['fifo', 'random'], replications: 2 };
    const records: RunRecord[] = Array.from({ length: 12 }, (_, index) => ({
      ...record(index),
      policy: sweep.policies[index % 2]!,
      names: ['meanWait', 'p95Makespan'],
      values: Float64Array.of(index / 3, index === 5 ? NaN : 2 + index),
    }));
    const summary = summarizeExperiment(sweep, records, ['meanWait', 'p95Makespan'], baseParameterValues(sweep, mmc));
    const dir = mkdtempSync(join(tmpdir(), 'delegsim-summary-'));
    try {
      for (const points of [summary.points, summary.points.slice(0, 1), []]) {
        const s = { ...summary, points };
        const hash = writeSummaryJson(dir, s);
        const bytes = readFileSync(join(dir, 'summary.json'), 'utf8');
        expect(bytes).toBe(JSON.stringify(s, null, 2) + '\n');
        expect(hash).toBe(sha256(bytes));
      }
      expect(readdirSync(dir)).toEqual(['summary.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
