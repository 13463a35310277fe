#!/usr/bin/env node
// The delegsim command (DESIGN.md "CLI"): a thin shell over the library.
// Exit codes: 0 ok, 1 run failed, 2 bad usage or invalid input — with one
// line on stderr and nothing written to stdout or disk.

import { Command, CommanderError } from 'commander';
import { describeError, exitCodeFor } from './errors.js';
import { collect } from './options.js';
import { registerAuditCommand } from './commands/audit.js';

// Commands load their modules when they run: the experiment commands pull in
// worker pools and arquero, which `run` and `validate` must not pay for at start-up.
const runCommand = async (...args: Parameters<typeof import('./commands/run.js').runCommand>) =>
  (await import('./commands/run.js')).runCommand(...args);
const validateCommand = async (...args: Parameters<typeof import('./commands/validate.js').validateCommand>) =>
  (await import('./commands/validate.js')).validateCommand(...args);
const listCommand = async (...args: Parameters<typeof import('./commands/list.js').listCommand>) =>
  (await import('./commands/list.js')).listCommand(...args);
const compareCommand = async (...args: Parameters<typeof import('./commands/compare.js').compareCommand>) =>
  (await import('./commands/compare.js')).compareCommand(...args);
const sweepCommand = async (...args: Parameters<typeof import('./commands/sweep.js').sweepCommand>) =>
  (await import('./commands/sweep.js')).sweepCommand(...args);
const mergeCommand = async (...args: Parameters<typeof import('./commands/merge.js').mergeCommand>) =>
  (await import('./commands/merge.js')).mergeCommand(...args);
const workerCommand = async (...args: Parameters<typeof import('./commands/worker.js').workerCommand>) =>
  (await import('./commands/worker.js')).workerCommand(...args);
const reproduceCommand = async (...args: Parameters<typeof import('./commands/reproduce.js').reproduceCommand>) =>
  (await import('./commands/reproduce.js')).reproduceCommand(...args);

const DEFAULT_SCENARIO = 'enterprise';

function buildProgram(): Command {
  const program = new Command('delegsim')
    .description('Discrete-event simulation testbed for intelligent AI delegation')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    // Errors are reported by main() in one line; so is a missing command,
    // whose help commander would otherwise print to stderr in full.
    .configureOutput({ outputError: () => {}, writeErr: () => {} });

  program
    .command('run')
    .description('run one scenario and print its metrics')
    .argument('[scenario]', 'built-in scenario name or path to a scenario JSON file', DEFAULT_SCENARIO)
    .option('--policy <name>', 'delegation policy (default: the scenario\'s)')
    .option('--seed <n>', 'master seed (default: the scenario\'s)')
    .option('--set <path=value>', 'override a scenario field by dotted path (repeatable)', collect, [])
    .option('--json', 'print exactly one JSON object on stdout')
    .option(
      '--audit <file>',
      'record every delegation decision in a hash-chained log (check it with `delegsim audit verify`); ' +
        'written only if the run succeeds, and an existing file is replaced only if it is an audit log or empty',
    )
    .action(runCommand);

  program
    .command('validate')
    .description('check a scenario file and print a summary')
    .argument('<scenario>', 'built-in scenario name or path')
    .option('--set <path=value>', 'override a scenario field before validation (repeatable)', collect, [])
    .action(validateCommand);

  program
    .command('compare')
    .description('run every policy on the same seeds and compare them with paired confidence intervals')
    .argument('[scenario]', 'built-in scenario name or path to a scenario JSON file', DEFAULT_SCENARIO)
    .option('--policies <a,b,…>', "policies to compare; the first is the baseline (default: all, the scenario's first)")
    .option('--replications <n>', 'replications per policy (default: 10)')
    .option('--workers <n>', 'worker threads, 1 to 64 (default: the number of cores)')
    .option('--run-timeout <seconds>', 'fail a run that takes longer than this (default: no limit)')
    .option('--seed <n>', "seed of replication 0; replications are counted from 0 (as in runs.csv) and replication r uses seed + r (default: the scenario's)")
    .option('--set <path=value>', 'override a scenario field by dotted path (repeatable)', collect, [])
    .option('--out <dir>', 'write runs.csv, runs.arrow, summary.json and manifest.json here')
    .option('--resume', 'finish the comparison whose runs.log is in --out')
    .option('--force', 'replace the results already in --out')
    .option('--metrics <names>', "metrics to print: 'all' or a comma-separated list (default: a headline set)")
    .option('--json', 'print the summary as one JSON object on stdout')
    .action(compareCommand);

  program
    .command('sweep')
    .description('run the experiment a sweep file declares (scenario × parameter grid × policies × replications)')
    .argument('<sweep>', 'path to a sweep JSON file, or the name of one in scenarios/experiments/')
    .option('--workers <n>', 'worker threads, 1 to 64 (default: the number of cores)')
    .option('--run-timeout <seconds>', 'fail a run that takes longer than this (default: no limit)')
    .option('--out <dir>', 'results directory (default: results/<sweep name>)')
    .option('--resume', 'finish the sweep whose runs.log is in --out, redoing only missing runs')
    .option('--force', 'replace the results already in --out')
    .option('--shard <i/N>', 'run only replications r with r mod N = i − 1 (for several machines; join with `delegsim merge`); default --out: results/<sweep name>.shard-i-of-N')
    .option('--queue <redis://host:port>', 'run on `delegsim worker` processes through this Redis instead of local threads')
    .option('--metrics <names>', "metrics to print: 'all' or a comma-separated list (default: the sweep file's metrics, else a headline set)")
    .action(sweepCommand);

  program
    .command('worker')
    .description('run sweeps queued with `sweep --queue` on this machine, until Ctrl-C')
    .requiredOption('--queue <redis://host:port>', 'the Redis the sweeps queue their runs in')
    .option('--workers <n>', 'runs at once (worker threads), 1 to 64 (default: the number of cores)')
    .option('--run-timeout <seconds>', 'fail a run that takes longer than this (default: no limit)')
    .action(workerCommand);

  program
    .command('merge')
    .description('join results directories of one experiment (e.g. the shards of sweep --shard) into one')
    .argument('<dirs...>', 'results directories (each with manifest.json and runs.log)')
    .option('--out <dir>', 'merged results directory (default: results/<experiment name>)')
    .option('--force', 'replace the results already in --out')
    .option('--metrics <names>', "metrics to print: 'all' or a comma-separated list (default: a headline set)")
    .action(mergeCommand);

  program
    .command('reproduce')
    .description('check a results directory (files, runs.csv, runs.log) against its manifest and re-run its runs; exit 0: all match and the results are complete, 1: something differs or runs are missing or failed, 2: not a manifest')
    .argument('<manifest>', 'path to a manifest.json (or its results directory)')
    .option('--sample <k>', 're-run only k runs chosen at random (plus any whose stored row is suspect)')
    .option('--seed <n>', 'seed of the --sample choice (default: 1)')
    .option('--workers <n>', 'worker threads, 1 to 64 (default: the number of cores)')
    .action(reproduceCommand);

  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(async () => {
      const { scenarioJsonSchema } = await import('../scenario/jsonSchema.js');
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
    });

  program
    .command('list')
    .description('list built-in scenarios and policies')
    .argument('[what]', 'scenarios or policies')
    .action(listCommand);

  registerAuditCommand(program);

  return program;
}

/** The one line for a command group given without its command: `delegsim audit` → `delegsim audit: missing command (verify); …`. */
function missingCommandLine(command: Command): string {
  const path: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) path.unshift(c.name());
  const name = path.join(' ');
  return `${name}: missing command (${command.commands.map((c) => c.name()).join(', ')}); see ${name} --help`;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  // The command group being parsed: commander's "missing command" error does not say which.
  let group: Command = program;
  program.hook('preSubcommand', (_program, sub) => {
    group = sub;
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) process.exit(0); // --help, --version
      if (error.code === 'commander.help') {
        process.stderr.write(missingCommandLine(group) + '\n');
        process.exit(2);
      }
      process.stderr.write(describeError(error).replace(/^error: /, '') + '\n');
      process.exit(2);
    }
    if (process.env.DELEGSIM_DEBUG) console.error(error);
    else process.stderr.write(describeError(error) + '\n');
    process.exit(exitCodeFor(error));
  }
}

void main(process.argv);
