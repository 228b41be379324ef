import { describe, expect, it } from 'vitest';
import { checksOfPack, packNames, packs } from '../../src/checks/packs.js';
import { allChecks } from '../../src/checks/registry.js';

describe('packs', () => {
  it('name only registered checks, and together cover every check', () => {
    const registered = new Set(allChecks.map((c) => c.id));
    const inPacks = new Set(Object.values(packs).flat());
    for (const id of inPacks) expect(registered.has(id), id).toBe(true);
    for (const id of registered) expect(inPacks.has(id), `${id} is in no pack`).toBe(true);
  });

  it('resolves the all pack and a named pack, and rejects an unknown one', () => {
    expect(checksOfPack('all')).toBe(allChecks);
    expect(checksOfPack('organization').map((c) => c.id)).toEqual(
      packs.organization!.filter((id) => allChecks.some((c) => c.id === id)),
    );
    expect(() => checksOfPack('nope')).toThrow(
      `unknown pack "nope" (expected one of: ${packNames().join(', ')})`,
    );
  });
});
