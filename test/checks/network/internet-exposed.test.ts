import { describe, expect, it } from 'vitest';
import { internetExposed } from '../../../src/checks/network/internet-exposed.js';
import { makeContext } from '../../../src/checks/run-checks.js';
import { emptyIntent, intentSchema, type Intent } from '../../../src/config/intent.js';
import type { Estate } from '../../../src/estate/model.js';
import { estateOf, sg, tcp, vpcWithIgw } from '../../support/raw.js';

function run(estate: Estate, intent: Intent = emptyIntent()) {
  const r = internetExposed.run(makeContext(estate, intent));
  if (!Array.isArray(r)) throw new Error(`not applicable: ${JSON.stringify(r)}`);
  return r;
}

function host(o: { routeToIgw: boolean; publicIp?: string; ingress: unknown[] }): Estate {
  const docs = vpcWithIgw({
    accountId: '111122223333',
    vpcId: 'vpc-web',
    cidr: '10.9.0.0/16',
    igwId: 'igw-web',
    routeToIgw: o.routeToIgw,
    publicIp: o.publicIp,
  });
  return estateOf({ ...docs, SecurityGroups: [sg('sg-web', 'vpc-web', o.ingress)] });
}

describe('internet-exposed', () => {
  it('compliant: SSH open to 0.0.0.0/0 but no route to the IGW is not exposed', () => {
    expect(
      run(host({ routeToIgw: false, publicIp: '198.51.100.9', ingress: [tcp(22, 22, ['0.0.0.0/0'])] })),
    ).toEqual([]);
  });

  it('compliant: no public address, nothing exposed', () => {
    expect(run(host({ routeToIgw: true, ingress: [tcp(22, 22, ['0.0.0.0/0'])] }))).toEqual([]);
  });

  it('non-compliant: SSH and HTTP from the internet is critical (22 is an admin port), with path and rule', () => {
    const r = run(
      host({
        routeToIgw: true,
        publicIp: '198.51.100.9',
        ingress: [tcp(22, 22, ['0.0.0.0/0']), tcp(80, 80, ['0.0.0.0/0'])],
      }),
    );
    // vpcWithIgw names the ENI's security group sg-web via its suffix; our SG replaces it.
    expect(r.map((f) => [f.resource.id, f.severity, f.evidence?.protocol, f.evidence?.ports])).toEqual([
      [
        'eni-web',
        'critical',
        'tcp',
        [
          { from: 22, to: 22 },
          { from: 80, to: 80 },
        ],
      ],
    ]);
    expect(r[0]?.path).toEqual(['igw-web', 'rtb-web', 'acl-web', 'sg-web', 'eni-web']);
    expect(r[0]?.message).toBe(
      'network-interface eni-web is reachable from the internet at 198.51.100.9 (IPv4) on tcp ports 22, 80',
    );
    expect(r[0]?.evidence?.securityGroupRules).toEqual([
      { groupId: 'sg-web', text: 'ingress tcp 22 from 0.0.0.0/0' },
      { groupId: 'sg-web', text: 'ingress tcp 80 from 0.0.0.0/0' },
    ]);
  });

  it('non-compliant: a non-admin port is high; the intent can make it critical', () => {
    const estate = host({
      routeToIgw: true,
      publicIp: '198.51.100.9',
      ingress: [tcp(8443, 8443, ['0.0.0.0/0'])],
    });
    expect(run(estate).map((f) => f.severity)).toEqual(['high']);
    expect(run(estate, intentSchema.parse({ ports: { critical: [8443] } })).map((f) => f.severity)).toEqual([
      'critical',
    ]);
  });
});
