// Packs: named lists of check ids. `perimeter scan --pack NAME` runs one; the default pack is every check.
import { allChecks } from './registry.js';
import type { Check } from './types.js';

export const packs: Readonly<Record<string, readonly string[]>> = {
  /** What internet ingress and egress exist, and whether they are allowed by intent. */
  exposure: [
    'dead-default-route',
    'endpoint-bypass',
    'igw-in-no-internet-zone',
    'internet-exposed',
    'peering-route-too-broad',
    'sg-world-open-admin-port',
  ],
  /** Organization-level guardrails: SCPs, peering with outsiders, coverage of the snapshot. */
  organization: ['collection-gap', 'cross-org-peering', 'igw-not-prevented'],
  /** Policies: validity, quotas, lame-duck conditions, and credentials usable from outside. */
  'data-perimeter': [
    'ec2-credentials-unbound',
    'policy-invalid',
    'policy-lame-duck-condition',
    'policy-over-quota',
  ],
};

export const defaultPackName = 'all';

export function packNames(): string[] {
  return [defaultPackName, ...Object.keys(packs).sort()];
}

/** The checks of a pack; `all` is every registered check. Throws on an unknown pack name. */
export function checksOfPack(name: string): readonly Check[] {
  if (name === defaultPackName) return allChecks;
  const ids = packs[name];
  if (!ids)
    throw new Error(`unknown pack ${JSON.stringify(name)} (expected one of: ${packNames().join(', ')})`);
  const set = new Set(ids);
  return allChecks.filter((c) => set.has(c.id));
}
