// Test helpers: build estates from fixture folders (raw AWS JSON) or in-memory fragments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import type { Estate } from '../../src/estate/model.js';

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : name.endsWith('.json') ? [p] : [];
    });
}

/** Raw documents of a snapshot folder, with account and region taken from the path when present. */
export function fixtureDocs(root: string): RawDocument[] {
  return walk(root).map((file) => {
    const rel = relative(root, file);
    const parts = rel.split('/');
    let accountId: string | undefined;
    let region: string | undefined;
    if (parts[0] === 'accounts' && parts.length >= 4) {
      accountId = parts[1];
      region = parts[2];
    } else if (parts.length >= 2 && REGION.test(parts[0]!)) region = parts[0];
    return { file: rel, accountId, region, data: JSON.parse(readFileSync(file, 'utf8')) as unknown };
  });
}

const cache = new Map<string, Estate>();
export function fixtureEstate(name: string): Estate {
  let e = cache.get(name);
  if (!e) {
    e = buildEstate(fixtureDocs(join('..', 'shared', 'fixtures', 'batfish-aws', name, 'aws_configs')));
    cache.set(name, e);
  }
  return e;
}
