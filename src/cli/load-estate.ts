// Loads a snapshot for a command: a SnapshotError becomes a usage error (exit 2) listing every
// problem; warnings go to stderr.
import { existsSync } from 'node:fs';
import { SnapshotError } from '../estate/errors.js';
import { loadSnapshot } from '../estate/load.js';
import type { Estate } from '../estate/model.js';
import { UsageError } from './errors.js';
import { getLogger } from './logger.js';

export async function loadEstateForCli(root: string): Promise<Estate> {
  if (!existsSync(root)) {
    throw new UsageError(
      `${root}: snapshot not found (expected a directory in the snapshot layout, see README "Snapshot layout")`,
    );
  }
  try {
    const estate = await loadSnapshot(root, { onProgress: (msg) => getLogger().debug(msg) });
    const warnings = estate.problems.filter((p) => p.severity === 'warning');
    for (const w of warnings)
      process.stderr.write(`perimeter: warning: ${w.file}: ${w.jsonPath}: ${w.message}\n`);
    return estate;
  } catch (err) {
    if (err instanceof SnapshotError) throw new UsageError(err.message);
    throw err;
  }
}
