// The .json files below a folder (fixture snapshots, sample policies), in a stable order.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.json` file below `dir`, depth first, names sorted within each folder. */
export function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? jsonFilesUnder(path) : name.endsWith('.json') ? [path] : [];
    });
}
