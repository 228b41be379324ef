// Locations the CLI needs: the package root (to find the bundled demo estate from src/ or dist/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
        if (name === 'perimeter') return (cachedRoot = dir);
      } catch {
        // not our package.json; keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the perimeter package root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The bundled demo estate, used when a command gets no SNAPSHOT argument. */
export function demoSnapshotPath(): string {
  return join(packageRoot(), 'examples', 'demo');
}

export function resolveSnapshotArg(arg: string | undefined): string {
  return arg === undefined ? demoSnapshotPath() : resolve(arg);
}
