// perimeter scope [SNAPSHOT] SCOPE.json — Network Access Analyzer access scope in, AnalysisFindings out.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { runAccessScope, ScopeError } from '../../reach/scope.js';
import { UsageError } from '../errors.js';
import { loadEstateForCli } from '../load-estate.js';
import { writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';

export function register(program: Command): void {
  program
    .command('scope')
    .description('evaluate a Network Access Analyzer access scope (JSON) and print NAA-shaped findings')
    // [SNAPSHOT] SCOPE.json: commander cannot put an optional argument before a required one, so the
    // first argument is the scope when it is the only one.
    .argument(
      '<snapshot-or-scope>',
      'snapshot directory (default: the bundled demo estate), or the scope file',
    )
    .argument('[scope]', 'access scope JSON file (MatchPaths / ExcludePaths; see docs/scope-extension.md)')
    .action(async (a: string | undefined, b: string | undefined) => {
      // One argument: the scope (demo estate); two: snapshot then scope.
      const [snapshot, scopeFile] = b === undefined ? [undefined, a] : [a, b];
      if (!scopeFile)
        throw new UsageError('missing SCOPE.json (expected: perimeter scope [SNAPSHOT] SCOPE.json)');
      let scope: unknown;
      try {
        scope = JSON.parse(readFileSync(scopeFile, 'utf8')) as unknown;
      } catch (e) {
        throw new UsageError(
          `${scopeFile}: cannot read the access scope (${e instanceof Error ? e.message : String(e)}; expected a JSON file)`,
        );
      }
      const estate = await loadEstateForCli(resolveSnapshotArg(snapshot));
      try {
        writeOut(JSON.stringify(runAccessScope(estate, scope), null, 2) + '\n');
      } catch (e) {
        if (e instanceof ScopeError) throw new UsageError(`${scopeFile}: ${e.message}`);
        throw e;
      }
    });
}
