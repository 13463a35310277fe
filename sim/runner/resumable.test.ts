import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resumeProblem } from './resumable.js';
import { logLine, RUN_LOG_FORMAT } from './runLog.js';
import { MANIFEST_FORMAT } from './resultsFiles.js';

const tmp = mkdtempSync(join(tmpdir(), 'delegsim-resumable-'));
let made = 0;
/** A fresh directory holding `files` (name → contents). */
const directory = (files: Record<string, string>): string => {
  const dir = join(tmp, `d${made++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
const header = logLine({ k: 'header', format: RUN_LOG_FORMAT, version: 1, plan: 'x', runs: 1 });

describe('resumeProblem', () => {
  it.each([
    ['a runs.log with a delegsim header', { 'runs.log': header }],
    ['a runs.log and a delegsim manifest', { 'runs.log': header, 'manifest.json': JSON.stringify({ format: MANIFEST_FORMAT }) }],
    ['a manifest whose runs.log was deleted', { 'manifest.json': JSON.stringify({ format: MANIFEST_FORMAT }) }],
    ['only the lock of a run killed at start-up', { 'runs.lock': '1' }],
    ['only the lock and the temporary log of a run killed at start-up', { 'runs.lock': '1', '.runs.log.tmp': '' }],
  ])('resumeProblem accepts %s', (_label, files) => {
    expect(resumeProblem(directory(files))).toBeUndefined();
  });

  it.each([
    ['an empty directory', {}, 'it is empty; drop --resume to start'],
    ['a directory of other files', { 'keep.txt': 'x\n' }, 'it holds no runs.log'],
    ['a garbage runs.log', { 'runs.log': 'not a log\n' }, 'its runs.log is not a delegsim run log'],
    ['a runs.log without a whole line', { 'runs.log': '' }, 'its runs.log is not a delegsim run log'],
    ['a garbage manifest.json', { 'runs.log': header, 'manifest.json': '{"format":"other"}' }, 'its manifest.json is not a delegsim manifest'],
  ])('resumeProblem refuses %s', (_label, files, why) => {
    expect(resumeProblem(directory(files))).toBe(why);
  });

  it('resumeProblem refuses a path that does not exist or is a file', () => {
    expect(resumeProblem(join(tmp, 'nowhere'))).toBe('it does not exist; drop --resume to start');
    writeFileSync(join(tmp, 'afile'), 'x');
    expect(resumeProblem(join(tmp, 'afile'))).toBe('it is not a directory');
  });
});
