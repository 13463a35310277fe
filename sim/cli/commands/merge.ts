// `delegsim merge <DIR>... [--out DIR]`: joins the results directories of one
// experiment — the shards of `delegsim sweep --shard i/N`, run on several
// machines, or partial runs — into one (runner/merge.ts). Exit 0 when the
// merged results are complete, 1 when runs are still missing or failed
// (with the command that finishes them: the experiment's own compare or
// sweep command with --resume), 2 on bad input (nothing written).

import { mergeResults, readManifest, resumeCommand } from '../../runner/merge.js';
import { asUsageError, shownMetrics, parseMetrics } from './compare.js';
import { sweepTable } from './sweep.js';
import { checkOutPath } from '../outputPaths.js';
import { join } from 'node:path';

export interface MergeCliOptions {
  out?: string;
  force?: boolean;
  metrics?: string;
}

export async function mergeCommand(dirs: string[], options: MergeCliOptions): Promise<void> {
  const metrics = parseMetrics(options.metrics);
  let outcome;
  let out = options.out;
  try {
    // Default: results/<experiment name>, where an unsharded sweep would have written.
    out ??= join('results', readManifest(dirs[0]!).experiment.name);
    checkOutPath(out); // as compare and sweep do: the same mistake, the same words
    outcome = await mergeResults(dirs, out, { force: options.force });
  } catch (error) {
    throw asUsageError(error);
  }
  const err = (line: string): boolean => process.stderr.write(line + '\n');
  for (const s of outcome.sources) {
    err(`merge: ${s.dir}: ${s.runs} runs${s.dropped > 0 ? `, ${s.dropped} torn, damaged or foreign line(s) of runs.log skipped` : ''}`);
  }
  const { prepared, records, failures } = outcome;
  const missing = prepared.total - records.length;
  process.stdout.write(
    `${prepared.plan.name}: merged ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} into ${out} · ` +
      `${records.length} of ${prepared.total} runs${outcome.duplicates > 0 ? ` (${outcome.duplicates} found twice, identical)` : ''}\n\n` +
      sweepTable(outcome.summary, shownMetrics(outcome.summary, metrics)) +
      '\n',
  );
  if (missing > 0) {
    err(
      `merge: ${missing} of ${prepared.total} runs are missing${failures.length > 0 ? ` (${failures.length} failed)` : ''}; ` +
        `finish them with:\n  ${resumeCommand(prepared, out)}`,
    );
    process.exitCode = 1;
  }
}
