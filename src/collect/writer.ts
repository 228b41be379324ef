// Writes a collection to disk in the snapshot layout (DESIGN.md): one file per response, keys
// sorted, plus collection.json at the root. The snapshot is built in a sibling temporary folder and
// moved into place, so a failed run never leaves half a snapshot; an existing snapshot (a folder
// with collection.json) is replaced, any other non-empty folder is refused.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { CollectionManifest } from '../estate/model.js';
import type { SnapshotDocument } from './collect.js';
import { stableJson } from './to-json.js';

export const MANIFEST_FILE = 'collection.json';

export class OutputDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

/** Throws OutputDirError when `out` is a non-empty folder that is not a perimeter snapshot. */
export async function checkOutputDir(out: string): Promise<void> {
  const abs = resolve(out);
  if (!existsSync(abs)) return;
  let entries: string[];
  try {
    entries = await readdir(abs);
  } catch {
    throw new OutputDirError(
      `--out ${out}: exists and is not a directory (expected a new or empty directory, or a previous snapshot)`,
    );
  }
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new OutputDirError(
      `--out ${out}: directory is not empty and holds no ${MANIFEST_FILE} (expected a new or empty directory, or a previous snapshot to replace)`,
    );
  }
}

export async function writeSnapshot(
  out: string,
  documents: readonly SnapshotDocument[],
  manifest: CollectionManifest,
): Promise<void> {
  await checkOutputDir(out);
  const abs = resolve(out);
  const tmp = `${abs}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    await writeTree(tmp, documents, manifest);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  await mkdir(dirname(abs), { recursive: true });
  if (existsSync(abs)) {
    const old = `${abs}.old-${process.pid}`;
    await rename(abs, old);
    await rename(tmp, abs);
    await rm(old, { recursive: true, force: true });
  } else {
    await rename(tmp, abs);
  }
}

async function writeTree(
  tmp: string,
  documents: readonly SnapshotDocument[],
  manifest: CollectionManifest,
): Promise<void> {
  const seen = new Set<string>();
  for (const d of documents) {
    if (seen.has(d.path) || d.path === MANIFEST_FILE) {
      throw new Error(`two documents would be written to ${d.path} (expected one response per file)`);
    }
    if (d.path.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(
        `document path ${JSON.stringify(d.path)} leaves the snapshot (expected a relative path)`,
      );
    }
    seen.add(d.path);
    const file = join(tmp, ...d.path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, stableJson(d.data));
  }
  await mkdir(tmp, { recursive: true });
  await writeFile(join(tmp, MANIFEST_FILE), stableJson(manifest));
}
