import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunLogWriter, parseLogLine, readRunLog, logLine } from './runLog.js';
import type { RunRecord } from './runRecord.js';

const names = ['a', 'b', 'c'];
const record = (index: number, values = [index, NaN, Infinity]): RunRecord => ({
  index,
  policy: 'fifo',
  seed: 7 + index,
  scenarioName: 'mmc',
  stopCause: 'drained',
  names,
  values: Float64Array.from(values),
  hash: `h${index}`,
  wallSeconds: 0.5,
});

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'delegsim-log-')), 'runs.log');

describe('RunLogWriter', () => {
  it('RunLogWriter appends records that readRunLog reads back exactly, NaN and Infinity included', () => {
    const path = fresh();
    const log = RunLogWriter.create(path, { plan: 'p1', runs: 10 });
    for (let i = 0; i < 3; i++) log.append(record(i, [i / 3, NaN, -Infinity]));
    log.close();
    const back = readRunLog(path);
    expect(back.header).toEqual({ plan: 'p1', runs: 10 });
    expect(back.dropped).toBe(0);
    expect(back.records.map((r) => Array.from(r.values))).toEqual([0, 1, 2].map((i) => [i / 3, NaN, -Infinity]));
    expect(back.records[1]!.names).toEqual(names);
    // The names line is written once, not per record.
    expect(readFileSync(path, 'utf8').match(/"k":"names"/g)).toHaveLength(1);
  });

  it('RunLogWriter.create carries kept records into a fresh log', () => {
    const path = fresh();
    RunLogWriter.create(path, { plan: 'p', runs: 5 }, [record(3), record(1)]).close();
    expect(readRunLog(path).records.map((r) => r.index)).toEqual([3, 1]);
  });
});

describe('readRunLog', () => {
  it('readRunLog drops a torn last line (cut short, no newline)', () => {
    const path = fresh();
    const log = RunLogWriter.create(path, { plan: 'p', runs: 10 });
    log.append(record(0));
    log.close();
    const line = logLine({ k: 'run', i: 1, policy: 'fifo', seed: 8, scenario: 'mmc', stop: 'drained', n: 0, v: [1, 2, 3], h: 'x', w: 1 });
    appendFileSync(path, line.slice(0, line.length - 20));
    const back = readRunLog(path);
    expect(back.records.map((r) => r.index)).toEqual([0]);
    expect(back.dropped).toBe(1);
  });

  it('readRunLog drops a line whose checksum fails, wherever it is', () => {
    const path = fresh();
    const log = RunLogWriter.create(path, { plan: 'p', runs: 10 });
    for (let i = 0; i < 3; i++) log.append(record(i));
    log.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[3] = lines[3]!.replace('"seed":8', '"seed":9'); // run 1, flipped digit
    writeFileSync(path, lines.join('\n'));
    const back = readRunLog(path);
    expect(back.records.map((r) => r.index)).toEqual([0, 2]);
    expect(back.dropped).toBe(1);
  });

  it('readRunLog keeps the first record of a duplicated run only', () => {
    const path = fresh();
    const log = RunLogWriter.create(path, { plan: 'p', runs: 10 });
    log.append(record(4));
    log.append(record(4, [9, 9, 9]));
    log.close();
    const back = readRunLog(path);
    expect(back.records).toHaveLength(1);
    expect(back.records[0]!.values[0]).toBe(4);
  });

  it('readRunLog reads a missing file as empty', () => {
    expect(readRunLog(join(tmpdir(), 'no-such-delegsim-log'))).toEqual({ header: undefined, records: [], dropped: 0 });
  });
});

describe('parseLogLine', () => {
  it('parseLogLine rejects garbage and accepts its own lines', () => {
    expect(parseLogLine('')).toBeUndefined();
    expect(parseLogLine('{"k":"run"} 0000000000000000')).toBeUndefined();
    expect(parseLogLine(logLine({ k: 'x', y: 1 }).trimEnd())).toEqual({ k: 'x', y: 1 });
  });
});
