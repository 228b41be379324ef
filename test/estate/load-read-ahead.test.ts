// The background reader gives the loader exactly what readFileSync would, in order, and the
// loader builds the same Estate (and the same errors) with and without it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SnapshotError } from '../../src/estate/errors.js';
import { loadSnapshot } from '../../src/estate/load.js';
import { readInline, startReadAhead } from '../../src/estate/load-read-ahead.js';
import { jsonFilesUnder } from '../support/json-files.js';
import { snapshotDirs } from '../support/temp-dir.js';

const tree = snapshotDirs('read-ahead');

describe('startReadAhead', () => {
  it('returns every file as readFileSync(utf8) does, in order, through a ring smaller than the list', () => {
    const files = jsonFilesUnder('examples/demo');
    expect(files.length).toBeGreaterThan(20);
    const reader = startReadAhead(files, { slots: 2, slotSize: 1 << 16 });
    try {
      for (const f of files) expect(reader.next(f)).toBe(readFileSync(f, 'utf8'));
    } finally {
      reader.close();
    }
  });

  it('hands files larger than a slot, exactly slot-sized files, non-ASCII and a BOM to the caller intact', () => {
    const big = `{"Vpcs": [${Array.from({ length: 200 }, (_, i) => `{"VpcId": "vpc-${i}"}`).join(',')}]}`;
    const exact = 'x'.repeat(64);
    const root = tree({
      'a.json': big,
      'b.json': exact,
      'c.json': '{"Tags": [{"Key": "Name", "Value": "café ☕ 東京"}]}',
      'd.json': '\ufeff{"Vpcs": []}',
      'e.json': '',
    });
    const files = ['a.json', 'b.json', 'c.json', 'd.json', 'e.json'].map((f) => join(root, f));
    const reader = startReadAhead(files, { slots: 2, slotSize: 64 });
    try {
      expect(reader.next(files[0]!)).toBe(big);
      expect(reader.next(files[1]!)).toBe(exact);
      expect(reader.next(files[2]!)).toBe('{"Tags": [{"Key": "Name", "Value": "café ☕ 東京"}]}');
      expect(reader.next(files[3]!)).toBe('\ufeff{"Vpcs": []}');
      expect(reader.next(files[4]!)).toBe('');
    } finally {
      reader.close();
    }
  });

  it('leaves a file it cannot read to the caller, which gets readFileSync’s own error', () => {
    const root = tree({ 'a.json': '{}' });
    const missing = join(root, 'gone.json');
    const files = [missing, join(root, 'a.json')];
    const reader = startReadAhead(files, { slots: 1, slotSize: 1024 });
    try {
      expect(() => reader.next(missing)).toThrow(/ENOENT: no such file or directory, open '.*gone\.json'/);
      expect(reader.next(files[1]!)).toBe('{}');
    } finally {
      reader.close();
    }
  });

  it('refuses a path out of order (the ring is filled in the order given)', () => {
    const root = tree({ 'a.json': '1', 'b.json': '2' });
    const reader = startReadAhead([join(root, 'a.json'), join(root, 'b.json')]);
    try {
      expect(() => reader.next(join(root, 'b.json'))).toThrow(
        `read-ahead: expected ${join(root, 'a.json')}, asked for ${join(root, 'b.json')}`,
      );
    } finally {
      reader.close();
    }
  });

  it('reads inline after close, and inline reading is readFileSync', () => {
    const root = tree({ 'a.json': '{"a": 1}' });
    const reader = startReadAhead([join(root, 'a.json')]);
    reader.close();
    reader.close();
    expect(reader.next(join(root, 'a.json'))).toBe('{"a": 1}');
    expect(readInline().next(join(root, 'a.json'))).toBe('{"a": 1}');
  });
});

describe('loadSnapshot with and without the reader thread', () => {
  for (const root of [
    'examples/demo',
    '../shared/fixtures/batfish-aws/test-transit-gateway-multi-account',
    '../shared/fixtures/cloudmapper-demo/account-data/demo',
  ]) {
    it(`builds the same Estate for ${root}`, async () => {
      const [threaded, inline] = await Promise.all([
        loadSnapshot(root, { readAhead: true }),
        loadSnapshot(root, { readAhead: false }),
      ]);
      expect(threaded.networkInterfaces.size).toBe(inline.networkInterfaces.size);
      expect(threaded).toEqual(inline);
    });
  }

  it('reports the same problems for bad files', async () => {
    const root = tree({
      'Vpcs.json': '{"Vpcs": [ {"VpcId": "vpc-1", ',
      'Subnets.json': '{"Subnets": 7}',
      'us-east-1/Vpcs.json': JSON.stringify({ Vpcs: [{ VpcId: 'vpc-2', CidrBlock: 42 }] }),
    });
    const errorOf = async (readAhead: boolean) => {
      try {
        await loadSnapshot(root, { readAhead });
      } catch (e) {
        if (e instanceof SnapshotError) return e;
        throw e;
      }
      throw new Error('expected a SnapshotError');
    };
    const [threaded, inline] = await Promise.all([errorOf(true), errorOf(false)]);
    expect(threaded.problems).toEqual(inline.problems);
    expect(threaded.problems.filter((p) => p.severity === 'error').map((p) => p.file)).toEqual([
      'Subnets.json',
      'Vpcs.json',
      'us-east-1/Vpcs.json',
    ]);
  });
});
