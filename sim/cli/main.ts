#!/usr/bin/env node
// The delegsim command (DESIGN.md "CLI"): a thin shell over the library.
// Exit codes: 0 ok, 1 run failed, 2 bad usage or invalid input — with one
// line on stderr and nothing written to stdout or disk.

import { Command, CommanderError } from 'commander';
import { describeError, exitCodeFor } from './errors.js';
import { collect } from './options.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { listCommand } from './commands/list.js';
import { scenarioJsonSchema } from '../scenario/jsonSchema.js';

const DEFAULT_SCENARIO = 'enterprise';

function buildProgram(): Command {
  const program = new Command('delegsim')
    .description('Discrete-event simulation testbed for intelligent AI delegation')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  program
    .command('run')
    .description('run one scenario and print its metrics')
    .argument('[scenario]', 'built-in scenario name or path to a scenario JSON file', DEFAULT_SCENARIO)
    .option('--policy <name>', 'delegation policy (default: the scenario\'s)')
    .option('--seed <n>', 'master seed (default: the scenario\'s)')
    .option('--set <path=value>', 'override a scenario field by dotted path (repeatable)', collect, [])
    .option('--json', 'print exactly one JSON object on stdout')
    .action(runCommand);

  program
    .command('validate')
    .description('check a scenario file and print a summary')
    .argument('<scenario>', 'built-in scenario name or path')
    .option('--set <path=value>', 'override a scenario field before validation (repeatable)', collect, [])
    .action(validateCommand);

  program
    .command('schema')
    .description('print the JSON Schema of scenario files')
    .action(() => {
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
    });

  program
    .command('list')
    .description('list built-in scenarios and policies')
    .argument('[what]', 'scenarios or policies')
    .action(listCommand);

  return program;
}

function main(argv: string[]): void {
  try {
    buildProgram().parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) process.exit(0); // --help, --version
      process.stderr.write(describeError(error).replace(/^error: /, '') + '\n');
      process.exit(2);
    }
    if (process.env.DELEGSIM_DEBUG) console.error(error);
    else process.stderr.write(describeError(error) + '\n');
    process.exit(exitCodeFor(error));
  }
}

main(process.argv);
