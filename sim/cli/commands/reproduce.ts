// `delegsim reproduce <DIR>/manifest.json`: re-runs a results directory's
// runs (all, or `--sample K`) and reports every run or file that differs
// from its manifest (runs.csv and runs.log included), and results that are
// not the whole experiment (failed or missing runs). Exit 0 when everything
// matches and the results are complete; 1 when anything differs or the
// results are incomplete (they are not what the experiment declares, even if
// every stored run reproduces); 2 on bad input; 130 after Ctrl-C.

import { reproduceResults } from '../../runner/reproduce.js';
import { createProgress } from '../../runner/progress.js';
import { UsageError } from '../errors.js';
import { parseSeed } from '../options.js';
import { signalExitCode, stopOnSignals } from '../stopSignals.js';
import { asUsageError, parseWorkers } from './compare.js';

export interface ReproduceCliOptions {
  sample?: string;
  seed?: string;
  workers?: string;
}

export async function reproduceCommand(manifest: string, options: ReproduceCliOptions): Promise<void> {
  const workers = parseWorkers(options.workers);
  let sample: number | undefined;
  if (options.sample !== undefined) {
    sample = Number(options.sample);
    if (!/^\d+$/.test(options.sample.trim()) || sample < 1) {
      throw new UsageError(`--sample: must be a positive whole number, got ${JSON.stringify(options.sample)}`);
    }
  }
  const sampleSeed = options.seed === undefined ? 1 : parseSeed(options.seed);
  // Ctrl-C, SIGTERM or SIGHUP stop the re-runs and report what was checked; a second one quits without
  // the report. reproduce writes nothing either way.
  const stop = stopOnSignals('reproduce', () => process.stderr.write('reproduce: quit at once, without a report\n'));
  let report;
  try {
    report = await reproduceResults(manifest, { workers, sample, sampleSeed, progress: createProgress({ label: 'reproduce' }), signal: stop.signal });
  } catch (error) {
    throw asUsageError(error);
  } finally {
    stop.release();
  }
  for (const note of report.notes) process.stderr.write(`reproduce: note: ${note}\n`);
  const out: string[] = [];
  out.push(`${report.manifest}: re-ran ${report.rerun} of ${report.runs} runs, ${report.matched} matched their output hash`);
  if (report.interrupted) out.push('interrupted: not every chosen run was re-run');
  for (const issue of report.issues) out.push(`DIFFERS ${issue}`);
  for (const line of report.incomplete) out.push(`INCOMPLETE ${line}`);
  if (report.issues.length === 0 && !report.interrupted) {
    out.push(
      report.incomplete.length === 0
        ? 'ok: every file and every re-run run matches the manifest'
        : 'incomplete: the stored runs match the manifest, but the results are not the whole experiment (resume it to finish)',
    );
  }
  process.stdout.write(out.join('\n') + '\n');
  if (report.interrupted) process.exitCode = signalExitCode(stop.stoppedBy() ?? 'SIGINT');
  else if (report.issues.length > 0 || report.incomplete.length > 0) process.exitCode = 1;
}
