import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionManifest } from '../../src/estate/model.js';
import { stableJson, toAwsJson } from '../../src/collect/to-json.js';
import { OutputDirError, writeSnapshot } from '../../src/collect/writer.js';

const manifest: CollectionManifest = {
  version: 1,
  collectedAt: '2026-11-23T12:00:00.000Z',
  collectedBy: 'arn:aws:iam::111122223333:user/auditor',
  accounts: ['111122223333'],
  regions: ['us-east-1'],
  calls: [],
  failures: [],
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perimeter-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('toAwsJson', () => {
  it('drops $metadata and undefined members, turns Dates into ISO strings, sorts keys', () => {
    const out = toAwsJson({
      $metadata: { httpStatusCode: 200, requestId: 'r' },
      Vpcs: [
        { VpcId: 'vpc-1', Tags: undefined, CreateTime: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), Arn: 'x' },
      ],
      NextToken: undefined,
    });
    expect(out).toEqual({ Vpcs: [{ Arn: 'x', CreateTime: '2024-01-02T03:04:05.000Z', VpcId: 'vpc-1' }] });
    expect(Object.keys((out as { Vpcs: Record<string, unknown>[] }).Vpcs[0]!)).toEqual([
      'Arn',
      'CreateTime',
      'VpcId',
    ]);
  });

  it('writes the same text whatever the key order of the input', () => {
    expect(stableJson({ b: 1, a: { d: 2, c: 3 } })).toBe(stableJson({ a: { c: 3, d: 2 }, b: 1 }));
    expect(stableJson({ b: 1, a: 2 })).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
  });
});

describe('writeSnapshot', () => {
  it('writes each document at its path and collection.json at the root', async () => {
    const out = join(dir, 'snap');
    await writeSnapshot(
      out,
      [
        { path: 'accounts/111122223333/us-east-1/Vpcs.json', data: { Vpcs: [{ VpcId: 'vpc-1' }] } },
        { path: 'organization/organization.json', data: { Roots: [] } },
      ],
      manifest,
    );
    expect((await readdir(out)).sort()).toEqual(['accounts', 'collection.json', 'organization']);
    expect(await readFile(join(out, 'accounts/111122223333/us-east-1/Vpcs.json'), 'utf8')).toBe(
      '{\n  "Vpcs": [\n    {\n      "VpcId": "vpc-1"\n    }\n  ]\n}\n',
    );
    expect(JSON.parse(await readFile(join(out, 'collection.json'), 'utf8'))).toEqual(manifest);
    expect((await readdir(dir)).sort()).toEqual(['snap']); // no temporary folder left behind
  });

  it('replaces a previous snapshot (a folder with collection.json), dropping its stale files', async () => {
    const out = join(dir, 'snap');
    await writeSnapshot(out, [{ path: 'accounts/1/us-east-1/Old.json', data: { Vpcs: [] } }], manifest);
    await writeSnapshot(out, [{ path: 'accounts/1/us-east-1/Vpcs.json', data: { Vpcs: [] } }], manifest);
    expect(await readdir(join(out, 'accounts/1/us-east-1'))).toEqual(['Vpcs.json']);
  });

  it('refuses a non-empty folder that is not a snapshot, naming it', async () => {
    const out = join(dir, 'home');
    await mkdir(out);
    await writeFile(join(out, 'notes.txt'), 'mine');
    await expect(writeSnapshot(out, [], manifest)).rejects.toThrow(OutputDirError);
    await expect(writeSnapshot(out, [], manifest)).rejects.toThrow(
      `--out ${out}: directory is not empty and holds no collection.json`,
    );
    expect(await readdir(out)).toEqual(['notes.txt']);
  });

  it('refuses a path that leaves the snapshot', async () => {
    await expect(
      writeSnapshot(join(dir, 's'), [{ path: '../evil.json', data: {} }], manifest),
    ).rejects.toThrow('document path "../evil.json" leaves the snapshot');
  });
});
