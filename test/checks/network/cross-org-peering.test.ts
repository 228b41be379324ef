import { describe, expect, it } from 'vitest';
import { crossOrgPeering } from '../../../src/checks/network/cross-org-peering.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { intentSchema, type Intent } from '../../../src/config/intent.js';
import { buildEstate } from '../../../src/estate/build.js';
import { orgDocument, rawPeering, routeTableTo, VENDOR } from '../../events/support/peering.js';

const PROD = '333333333333';

function estate(
  peerings: Record<string, unknown>[],
  withOrg = true,
  routeTables: Record<string, unknown>[] = [],
) {
  return buildEstate([
    {
      file: 'accounts/333333333333/us-east-1/pcx.json',
      accountId: PROD,
      region: 'us-east-1',
      data: { VpcPeeringConnections: peerings },
    },
    ...(routeTables.length
      ? [
          {
            file: 'accounts/333333333333/us-east-1/rt.json',
            accountId: PROD,
            region: 'us-east-1',
            data: { RouteTables: routeTables },
          },
        ]
      : []),
    ...(withOrg
      ? [{ file: 'organization/org.json', accountId: '111111111111', region: 'global', data: orgDocument() }]
      : []),
  ]);
}

function run(
  peerings: Record<string, unknown>[],
  intent: Intent = intentSchema.parse({}),
  withOrg = true,
  rts: Record<string, unknown>[] = [],
) {
  const r = crossOrgPeering.run(makeContext(estate(peerings, withOrg, rts), intent));
  if (!Array.isArray(r)) throw new Error('not applicable');
  return r;
}

describe('cross-org-peering', () => {
  it('compliant: in-org peering and a trusted vendor are not reported', () => {
    const intent = intentSchema.parse({ trustedAccounts: [{ id: VENDOR, name: 'vendor' }] });
    expect(
      run(
        [
          rawPeering({
            id: 'pcx-0000000000000001a',
            status: 'active',
            requester: PROD,
            accepter: '222222222222',
          }),
          rawPeering({ id: 'pcx-0000000000000002a', status: 'active', requester: PROD, accepter: VENDOR }),
        ],
        intent,
      ),
    ).toEqual([]);
  });

  it('compliant: terminal states (rejected, deleted, expired, failed) are never reported', () => {
    const ps = ['rejected', 'deleted', 'expired', 'failed'].map((s, i) =>
      rawPeering({ id: `pcx-000000000000000${i}b`, status: s, requester: PROD, accepter: VENDOR }),
    );
    expect(run(ps)).toEqual([]);
  });

  it('non-compliant: active to the vendor is critical with routes, owners and the quarantine remedy', () => {
    const r = run(
      [
        rawPeering({
          id: 'pcx-0000000000000003c',
          status: 'active',
          requester: PROD,
          accepter: VENDOR,
          requesterVpc: 'vpc-0prod',
        }),
      ],
      intentSchema.parse({}),
      true,
      [routeTableTo('pcx-0000000000000003c', 'vpc-0prod')],
    );
    expect(r.map((f) => [f.resource.id, f.severity])).toEqual([['pcx-0000000000000003c', 'critical']]);
    expect(r[0]?.evidence).toMatchObject({
      status: 'active',
      offendingSide: 'accepter',
      ourSide: 'requester',
      remedy: 'quarantine-then-delete',
      routes: [{ routeTableId: 'rtb-0prod00000000001', destination: '172.31.0.0/16' }],
      requester: { accountId: PROD, vpcId: 'vpc-0prod', cidrs: ['10.3.0.0/16'], trust: 'self-org' },
      accepter: { accountId: VENDOR, cidrs: ['172.31.0.0/16'], trust: 'outside' },
    });
  });

  it('non-compliant: a pending request is high; requester deletes, accepter rejects', () => {
    const r = run([
      rawPeering({
        id: 'pcx-0000000000000004d',
        status: 'pending-acceptance',
        requester: PROD,
        accepter: VENDOR,
      }),
      rawPeering({
        id: 'pcx-0000000000000005d',
        status: 'pending-acceptance',
        requester: VENDOR,
        accepter: PROD,
      }),
    ]);
    expect(r.map((f) => [f.resource.id, f.severity, f.evidence?.ourSide, f.evidence?.remedy])).toEqual([
      ['pcx-0000000000000004d', 'high', 'requester', 'delete-request'],
      ['pcx-0000000000000005d', 'high', 'accepter', 'reject-request'],
    ]);
  });

  it('unknown: no organization data and no organizationId is reported as medium "unknown", never as safe', () => {
    const r = run(
      [rawPeering({ id: 'pcx-0000000000000006e', status: 'active', requester: PROD, accepter: VENDOR })],
      intentSchema.parse({}),
      false,
    );
    expect(r.map((f) => [f.severity, (f.evidence?.accepter as { trust: string }).trust])).toEqual([
      ['medium', 'unknown'],
    ]);
  });
});
