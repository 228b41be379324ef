// The DESIGN.md finding shape: {ruleId, severity, title, resource: {id, type, accountId, region,
// vpcId?, arn?}, message, evidence, path?, remediation, fingerprint}.
import { expect } from 'vitest';
import { expectExactKeys, severities } from './helpers.js';

export interface Finding {
  ruleId: string;
  severity: string;
  title: string;
  resource: { id: string; type: string; accountId: string; region: string; vpcId?: string; arn?: string };
  message: string;
  evidence: unknown;
  path?: unknown;
  remediation: string;
  fingerprint: string;
}

export interface ScanJson {
  findings: Finding[];
  suppressed?: (Finding & { suppression?: unknown })[];
}

const findingKeys = [
  'ruleId',
  'severity',
  'title',
  'resource',
  'message',
  'evidence',
  'remediation',
  'fingerprint',
];
const resourceKeys = ['id', 'type', 'accountId', 'region'];

/** Checks the DESIGN.md finding shape of one finding. */
export function expectFindingShape(f: unknown, extraAllowed: readonly string[] = []): void {
  expectExactKeys(f, findingKeys, ['path', ...extraAllowed]);
  const x = f as Finding;
  expect(severities).toContain(x.severity);
  for (const k of ['ruleId', 'title', 'message', 'remediation', 'fingerprint'] as const) {
    expect(typeof x[k], k).toBe('string');
    expect(x[k].length, k).toBeGreaterThan(0);
  }
  expectExactKeys(x.resource, resourceKeys, ['vpcId', 'arn']);
  for (const k of resourceKeys)
    expect(typeof (x.resource as unknown as Record<string, unknown>)[k], k).toBe('string');
  if (x.resource.vpcId !== undefined) expect(x.resource.vpcId).toMatch(/^vpc-/);
  expect(x.evidence).toBeDefined();
  if (x.path !== undefined) expect(Array.isArray(x.path), 'path is a list').toBe(true);
}
