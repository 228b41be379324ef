#!/usr/bin/env node
// The perimeter command line. Each command lives in src/cli/commands/<name>.ts and exports
// `register(program)`; this file only wires them and maps errors to exit codes (DESIGN.md).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { register as registerCollect } from './commands/collect.js';
import { register as registerEgress } from './commands/egress.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerEvents } from './commands/events.js';
import { register as registerExposure } from './commands/exposure.js';
import { register as registerGenerate } from './commands/generate.js';
import { register as registerInventory } from './commands/inventory.js';
import { register as registerLint } from './commands/lint.js';
import { register as registerRace } from './commands/race.js';
import { register as registerReconcile } from './commands/reconcile.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerScope } from './commands/scope.js';
import { register as registerSimulate } from './commands/simulate.js';
import { register as registerTrace } from './commands/trace.js';
import { exitCodes, UsageError, reportFatal } from './errors.js';
import { toolVersion } from './version.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('perimeter')
    .description(
      'Prove what an AWS estate exposes, generate the guardrails that prevent it, catch what slips through.',
    )
    .version(toolVersion)
    .showHelpAfterError()
    .exitOverride();
  // commands: one register call per file in src/cli/commands/, keep this list sorted
  registerCollect(program);
  registerEgress(program);
  registerEval(program);
  registerEvents(program);
  registerExposure(program);
  registerGenerate(program);
  registerInventory(program);
  registerLint(program);
  registerRace(program);
  registerReconcile(program);
  registerScan(program);
  registerScope(program);
  registerSimulate(program);
  registerTrace(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  process.exitCode = undefined; // commands set it; start clean when called more than once in a process
  if (argv.length === 0) {
    // No command is a usage error: help goes to stderr, exit 2 (`perimeter --help` exits 0).
    process.stderr.write(program.helpInformation());
    return exitCodes.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : exitCodes.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return exitCodes.ok;
      }
      return exitCodes.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`perimeter: ${err.message}\n`);
      return exitCodes.usage;
    }
    return reportFatal(err);
  }
}

// Run when executed as a script (also through the npm bin symlink), not when imported by tests.
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}
if (invokedDirectly() || process.env.PERIMETER_FORCE_MAIN === '1') {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = reportFatal(err);
    },
  );
}
