// Property: the Estate does not depend on document order, nor on how a response is paginated.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import { loadSnapshot } from '../../src/estate/load.js';
import { walkSnapshot } from '../../src/estate/load-walk.js';

/** Maps become arrays of entries, so iteration order is compared too. */
function serialize(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? { $map: [...v.entries()] } : v));
}

async function docsOf(root: string): Promise<RawDocument[]> {
  const { files } = await walkSnapshot(root);
  return files.map((f) => ({
    file: f.rel,
    accountId: f.accountId,
    region: f.region,
    data: JSON.parse(readFileSync(f.path, 'utf8')) as unknown,
  }));
}

/** Split every array response into two pages (two documents with the same key). */
function paginate(docs: RawDocument[], cut: number): RawDocument[] {
  return docs.flatMap((d) => {
    const data = d.data as Record<string, unknown>;
    const keys = Object.keys(data);
    const [key] = keys;
    const list = key === undefined ? undefined : data[key];
    if (keys.length !== 1 || !Array.isArray(list) || list.length < 2) return [d];
    const at = 1 + (cut % (list.length - 1));
    return [
      { ...d, file: d.file.replace(/\.json$/, '.page1.json'), data: { [key!]: list.slice(0, at) } },
      { ...d, file: d.file.replace(/\.json$/, '.page2.json'), data: { [key!]: list.slice(at) } },
    ];
  });
}

const ROOTS = [
  '../shared/fixtures/pybatfish-hybrid-cloud',
  '../shared/fixtures/batfish-aws/test-transit-gateway-multi-account',
  '../shared/fixtures/batfish-aws/test-vpc-peering-multi-account',
];

describe('document order does not matter', () => {
  it.each(ROOTS)('%s: shuffled documents give an identical Estate', async (root) => {
    const docs = await docsOf(root);
    const expected = serialize(buildEstate(docs));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(docs, { minLength: docs.length, maxLength: docs.length }),
        (shuffled) => {
          expect(serialize(buildEstate(shuffled))).toBe(expected);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('paginated responses merge to the same resources', async () => {
    const docs = await docsOf(ROOTS[0]!);
    const whole = buildEstate(docs);
    fc.assert(
      fc.property(fc.nat(50), (cut) => {
        const paged = buildEstate(paginate(docs, cut));
        const { problems: _a, ...x } = paged;
        const { problems: _b, ...y } = whole;
        expect(serialize(x)).toBe(serialize(y));
      }),
      { numRuns: 10 },
    );
  });

  it.each(ROOTS)('%s: loadSnapshot (streaming) equals buildEstate on the same files', async (root) => {
    const { source: _s, ...loaded } = await loadSnapshot(root);
    expect(serialize(loaded)).toBe(serialize(buildEstate(await docsOf(root))));
  });
});
