// Property: the compiled fast check accepts exactly what the zod schema accepts, on real records
// from the fixtures and on random mutations of them.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compileCheck } from '../../src/estate/compiled-check.js';
import * as ec2 from '../../src/estate/schemas/ec2.js';
import * as iam from '../../src/estate/schemas/iam.js';
import * as tgw from '../../src/estate/schemas/tgw.js';

const B = '../shared/fixtures/batfish-aws/test-transit-gateway/aws_configs';
const records = (file: string, key: string): unknown[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown[]>)[key]!;

const CASES: [string, z.ZodType, unknown[]][] = [
  [
    'NetworkInterfaces',
    ec2.networkInterfaceSchema,
    records(`${B}/NetworkInterfaces.json`, 'NetworkInterfaces'),
  ],
  ['SecurityGroups', ec2.securityGroupSchema, records(`${B}/SecurityGroups.json`, 'SecurityGroups')],
  ['RouteTables', ec2.routeTableSchema, records(`${B}/RouteTables.json`, 'RouteTables')],
  ['Subnets', ec2.subnetSchema, records(`${B}/Subnets.json`, 'Subnets')],
  ['Reservations', ec2.reservationSchema, records(`${B}/Reservations.json`, 'Reservations')],
  ['TransitGateways', tgw.transitGatewaySchema, records(`${B}/TransitGateways.json`, 'TransitGateways')],
  [
    'RoleDetailList',
    iam.iamRoleSchema,
    records(
      '../shared/fixtures/cloudmapper-demo/account-data/demo/us-east-1/iam-get-account-authorization-details.json',
      'RoleDetailList',
    ),
  ],
];

/** Replace the value at a random path inside `v` with `replacement`. */
function mutate(v: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || v === null || typeof v !== 'object') return replacement;
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  if (keys.length === 0) return replacement;
  const k = keys[choices[0]! % keys.length]!;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  copy[k] = mutate((v as Record<string | number, unknown>)[k], choices.slice(1), replacement);
  return copy;
}

describe('compiled check agrees with zod', () => {
  it.each(CASES)('%s: every real record compiles and passes', (_name, schema, recs) => {
    const check = compileCheck(schema);
    expect(check).toBeDefined();
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) expect(check!(r)).toBe(true);
  });

  it.each(CASES)('%s: random mutations', (_name, schema, recs) => {
    const check = compileCheck(schema)!;
    fc.assert(
      fc.property(
        fc.constantFrom(...recs),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 6 }),
        fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.integer(),
          fc.string(),
          fc.boolean(),
          fc.constant([]),
          fc.constant({}),
          fc.constant([1]),
        ),
        (rec, path, replacement) => {
          const m = mutate(rec, path, replacement);
          expect(check(m)).toBe(schema.safeParse(m).success);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a mutation the check must reject: CidrBlock 42 in a subnet', () => {
    const s = { SubnetId: 'subnet-1', VpcId: 'vpc-1', CidrBlock: 42 };
    expect(compileCheck(ec2.subnetSchema)!(s)).toBe(false);
    expect(ec2.subnetSchema.safeParse(s).success).toBe(false);
  });
});
