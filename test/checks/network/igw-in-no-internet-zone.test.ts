import { describe, expect, it } from 'vitest';
import { igwInNoInternetZone } from '../../../src/checks/network/igw-in-no-internet-zone.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { intentSchema } from '../../../src/config/intent.js';
import { estateWithOrg, orgDoc, vpcWithIgw } from '../../support/raw.js';

const org = orgDoc({
  ous: [
    { id: 'ou-root-prod', name: 'Prod' },
    { id: 'ou-root-sand', name: 'Sandbox' },
  ],
  accounts: [
    { id: '333333333333', parentId: 'ou-root-prod' },
    { id: '444444444444', parentId: 'ou-root-sand' },
  ],
});
const intent = intentSchema.parse({ noInternetIngress: ['ou-root-prod'] });

function run(prod: Parameters<typeof vpcWithIgw>[0] | undefined, withOrg = true) {
  const sandbox = vpcWithIgw({
    accountId: '444444444444',
    vpcId: 'vpc-sand',
    cidr: '10.4.0.0/16',
    igwId: 'igw-sand',
    routeToIgw: true,
    publicIp: '198.51.100.4',
  });
  const estate = estateWithOrg(
    { '444444444444': sandbox, ...(prod ? { '333333333333': vpcWithIgw(prod) } : {}) },
    withOrg ? org : undefined,
  );
  const r = igwInNoInternetZone.run(makeContext(estate, intent));
  if (!Array.isArray(r)) throw new Error(`not applicable: ${JSON.stringify(r)}`);
  return r;
}

describe('igw-in-no-internet-zone', () => {
  it('compliant: an exposed IGW in the sandbox OU (not a no-internet zone) is not this check’s business', () => {
    expect(run(undefined)).toEqual([]);
  });

  it('non-compliant: an IGW attached in the Prod OU with no route is high (nothing exposed yet)', () => {
    const r = run({
      accountId: '333333333333',
      vpcId: 'vpc-prod',
      cidr: '10.3.0.0/16',
      igwId: 'igw-prod',
      routeToIgw: false,
      publicIp: '198.51.100.3',
    });
    expect(r.map((f) => [f.resource.id, f.severity, f.evidence?.zone])).toEqual([
      ['igw-prod', 'high', 'ou-root-prod'],
    ]);
    expect(r[0]?.message).toContain('under OU ou-root-prod (Prod)');
  });

  it('non-compliant: the same IGW with a default route and a public SSH host is critical, naming what is exposed', () => {
    const r = run({
      accountId: '333333333333',
      vpcId: 'vpc-prod',
      cidr: '10.3.0.0/16',
      igwId: 'igw-prod',
      routeToIgw: true,
      publicIp: '198.51.100.3',
    });
    expect(r.map((f) => [f.resource.id, f.severity])).toEqual([['igw-prod', 'critical']]);
    const through = r[0]?.evidence?.exposedThrough as { resourceId: string; address: string }[];
    expect(through.map((e) => e.address)).toContain('198.51.100.3');
  });

  it('says unknown (info) rather than safe when OUs are named but there is no organization data', () => {
    const r = run(
      {
        accountId: '333333333333',
        vpcId: 'vpc-prod',
        cidr: '10.3.0.0/16',
        igwId: 'igw-prod',
        routeToIgw: false,
      },
      false,
    );
    expect(r.map((f) => [f.resource.id, f.severity, f.evidence?.zone])).toEqual([
      ['igw-prod', 'info', 'unknown'],
      ['igw-sand', 'info', 'unknown'],
    ]);
  });

  it('is not applicable without noInternetIngress in the intent', () => {
    const estate = estateWithOrg({}, org);
    expect(igwInNoInternetZone.run(makeContext(estate, intentSchema.parse({})))).toEqual({
      notApplicable: 'perimeter.yaml lists no noInternetIngress OUs or accounts',
    });
  });
});
