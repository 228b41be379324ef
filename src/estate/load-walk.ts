// Finds the snapshot's JSON files and what their path says (account, region) — DESIGN.md
// "Snapshot layout", plus Batfish's accounts/<id>/<region>/ and CloudMapper's per-call folders.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRegionName } from './locate.js';

export interface SnapshotFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the snapshot root as given (with `/`), for messages. */
  readonly rel: string;
  readonly accountId?: string;
  readonly region?: string;
}

export interface WalkResult {
  readonly files: SnapshotFile[];
  /** Files and folders that are not part of the layout (one summary warning, not one each). */
  readonly skipped: string[];
}

interface Dirent {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

async function entries(dir: string): Promise<Dirent[]> {
  const list = await readdir(dir, { withFileTypes: true });
  return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const IGNORED_FILES = new Set(['perimeter.yaml', 'perimeter.yml', 'README.md', 'LICENSE', '.DS_Store']);

/**
 * `root` is the snapshot directory; when it holds `aws_configs/` (Batfish), that is the data root.
 */
export async function walkSnapshot(root: string): Promise<WalkResult> {
  const files: SnapshotFile[] = [];
  const skipped: string[] = [];
  const top = await entries(root);
  const batfish = top.find((e) => e.isDirectory() && e.name === 'aws_configs');
  const dataRoot = batfish ? join(root, 'aws_configs') : root;
  const relBase = batfish ? 'aws_configs/' : '';

  /** JSON files directly in `dir`; sub-folders are reported as skipped. */
  const jsonIn = async (dir: string, rel: string, accountId?: string, region?: string) => {
    for (const e of await entries(dir)) {
      const r = `${rel}${e.name}`;
      if (e.isFile() && e.name.toLowerCase().endsWith('.json'))
        files.push({ path: join(dir, e.name), rel: r, accountId, region });
      else if (e.isFile() && IGNORED_FILES.has(e.name)) continue;
      else skipped.push(e.isDirectory() ? `${r}/` : r);
    }
  };

  for (const e of batfish ? await entries(dataRoot) : top) {
    const abs = join(dataRoot, e.name);
    const rel = `${relBase}${e.name}`;
    if (e.isFile()) {
      if (e.name.toLowerCase().endsWith('.json')) files.push({ path: abs, rel });
      else if (!IGNORED_FILES.has(e.name)) skipped.push(rel);
      continue;
    }
    if (!e.isDirectory()) continue;
    if (e.name === 'accounts') {
      for (const acct of await entries(abs)) {
        const accountDir = join(abs, acct.name);
        const accountRel = `${rel}/${acct.name}/`;
        if (!acct.isDirectory()) {
          skipped.push(accountRel.slice(0, -1));
          continue;
        }
        for (const reg of await entries(accountDir)) {
          const regionRel = `${accountRel}${reg.name}`;
          if (reg.isDirectory() && (reg.name === 'global' || isRegionName(reg.name))) {
            await jsonIn(join(accountDir, reg.name), `${regionRel}/`, acct.name, reg.name);
          } else if (reg.isFile() && reg.name.toLowerCase().endsWith('.json')) {
            // accounts/<id>/*.json: account known, region from the data.
            files.push({ path: join(accountDir, reg.name), rel: regionRel, accountId: acct.name });
          } else skipped.push(reg.isDirectory() ? `${regionRel}/` : regionRel);
        }
      }
    } else if (e.name === 'organization') {
      await jsonIn(abs, `${rel}/`, undefined, 'global');
    } else if (e.name === 'global') {
      await jsonIn(abs, `${rel}/`, undefined, 'global');
    } else if (isRegionName(e.name)) {
      await jsonIn(abs, `${rel}/`, undefined, e.name);
    } else {
      skipped.push(`${rel}/`);
    }
  }
  return { files, skipped };
}
