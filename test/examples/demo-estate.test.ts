// The bundled demo estate (examples/demo): well-formed raw AWS JSON, referentially consistent, the
// intent file valid, the seeds staged as examples/demo/README.md says, and loadable.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { validateIntent } from '../../src/config/intent.js';
import { loadSnapshot } from '../../src/estate/load.js';
import { checkSnapshot, readJson, readSnapshot, type RawSnapshot } from './demo-integrity.js';

const DEMO = join(import.meta.dirname, '../../examples/demo');
const SEEDS = join(import.meta.dirname, '../../../shared/seeds');

// Key resources (examples/demo/README.md lists them all).
const ORG = 'o-a1b2c3d4e5';
const ROOT = 'r-a1b2';
const OU_PROD = 'ou-a1b2-p4r0d7x2';
const OU_SANDBOX = 'ou-a1b2-s4nd8b0x';
const OU_INFRA = 'ou-a1b2-k8f3h2l9';
const VENDOR = '999999999999';
const VPC_HUB = 'vpc-08cd7fa2072baf59c';
const VPC_PROD_APP = 'vpc-01a1a3f583f190061';
const VPC_PROD_DATA = 'vpc-05cce53c08129fca6';
const VPC_SANDBOX = 'vpc-0de72628ff24d8d9b';
const VPC_ANALYTICS = 'vpc-07b8cf2b7799e3b2e';
const VPC_VENDOR = 'vpc-07e1c2d3a4b5f6071';
const SSH_BOX = 'i-0c1d2e3f4a5b6c7d8';
const WEB_1 = 'i-0165f673b344f14a8';
const PCX_HUB_DATA = 'pcx-0160ad98663f212e8';
const PCX_SANDBOX_VENDOR = 'pcx-0d87aacce656b392e';
const PCX_DATA_VENDOR = 'pcx-0b3e90f82fe5a1302';
const VPCE_SQS = 'vpce-082e39be8e0e403a9';
const VPCE_STS = 'vpce-01793379328b2226b';
const SUBNET_SANDBOX_PRIVATE = 'subnet-041ed2d21e27530e0';
const RTB_SANDBOX_MAIN = 'rtb-0e61ae13e75b6cf04';
const SNAPSHOT_DATE = '2026-11-23';

/** Top-level keys each file may hold: one AWS response each (siblings of paginated/wrapped responses). */
const RESPONSE_KEYS = new Set([
  'Vpcs', 'Subnets', 'RouteTables', 'InternetGateways', 'EgressOnlyInternetGateways', 'NatGateways',
  'NetworkAcls', 'SecurityGroups', 'NetworkInterfaces', 'Reservations', 'Addresses', 'VpcPeeringConnections',
  'VpcEndpoints', 'TransitGateways', 'TransitGatewayAttachments', 'TransitGatewayVpcAttachments',
  'TransitGatewayRouteTables', 'TransitGatewayStaticRoutes', 'TransitGatewayPropagations', 'LoadBalancers',
  'Listeners', 'TargetGroups', 'LoadBalancerTargetHealth', 'DBInstances', 'HostedZones', 'HostedZone',
]);
const SIBLING_KEYS: Record<string, readonly string[]> = {
  HostedZones: ['IsTruncated', 'MaxItems'],
  HostedZone: ['VPCs'],
  RoleDetailList: ['UserDetailList', 'GroupDetailList', 'Policies', 'IsTruncated'],
  Organization: ['Roots', 'OrganizationalUnits', 'Accounts', 'Policies'],
};

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f))
    .sort();

let snap: RawSnapshot | undefined;
const demo = (): RawSnapshot => (snap ??= readSnapshot(DEMO));
const account = (id: string) => {
  const a = demo().accounts.get(id);
  if (!a) throw new Error(`no data for account ${id}`);
  return a;
};

describe('demo estate files', () => {
  it('every JSON file parses and holds exactly one AWS response', () => {
    const all = files(DEMO);
    expect(all.length).toBe(5 * 25 + 2 + 5 + 1); // 25 region files per account, 2 GetHostedZone, 5 iam.json, organization
    for (const f of all) {
      const data = readJson(f);
      const keys = Object.keys(data);
      const main = keys.find((k) => RESPONSE_KEYS.has(k) || k in SIBLING_KEYS);
      expect(main, relative(DEMO, f)).toBeDefined();
      const allowed = new Set([main!, ...(SIBLING_KEYS[main!] ?? [])]);
      expect(keys.filter((k) => !allowed.has(k)), relative(DEMO, f)).toEqual([]);
    }
  });

  it('lays out accounts/<id>/us-east-1 and accounts/<id>/global for the five organization accounts only', () => {
    expect(readdirSync(join(DEMO, 'accounts')).sort()).toEqual([
      '111111111111',
      '222222222222',
      '333333333333',
      '444444444444',
      '555555555555',
    ]);
    for (const id of readdirSync(join(DEMO, 'accounts')))
      expect(readdirSync(join(DEMO, 'accounts', id)).sort()).toEqual(['global', 'us-east-1']);
    expect(readdirSync(DEMO).sort()).toEqual(['README.md', 'accounts', 'organization', 'perimeter.yaml']);
  });
});

describe('generate-demo.mjs', () => {
  it('writes exactly the committed JSON (edit the generator, not the files)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perimeter-demo-gen-'));
    try {
      execFileSync(process.execPath, [join(import.meta.dirname, 'generate-demo.mjs'), dir]);
      const rel = (root: string) => files(root).map((f) => relative(root, f));
      expect(rel(dir)).toEqual(rel(DEMO));
      for (const f of rel(DEMO)) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(DEMO, f), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('referential integrity', () => {
  it('finds no problem in the demo estate', () => {
    expect(checkSnapshot(demo())).toEqual([]);
  });

  describe('the checker catches broken references', () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    const mutated = (rel: string, edit: (data: Record<string, unknown>) => void): string[] => {
      const dir = mkdtempSync(join(tmpdir(), 'perimeter-demo-'));
      dirs.push(dir);
      cpSync(DEMO, dir, { recursive: true });
      const f = join(dir, rel);
      const data = readJson(f);
      edit(data);
      writeFileSync(f, JSON.stringify(data));
      return checkSnapshot(readSnapshot(dir));
    };
    type Rec = Record<string, unknown>;
    const first = (d: Rec, key: string, pred: (r: Rec) => boolean): Rec => (d[key] as Rec[]).find(pred)!;

    it('an ENI private IP outside its subnet', () => {
      const problems = mutated('accounts/444444444444/us-east-1/NetworkInterfaces.json', (d) => {
        const e = first(d, 'NetworkInterfaces', (r) => r.PrivateIpAddress === '10.3.0.12');
        e.PrivateIpAddress = '10.3.9.12';
        (e.PrivateIpAddresses as Rec[])[0]!.PrivateIpAddress = '10.3.9.12';
      });
      expect(problems).toContain('ENI eni-00b7e3bf848aba8d3: 10.3.9.12 is outside subnet subnet-09e165e1c135e0620 (10.3.0.0/24)');
    });

    it('an instance ENI missing from NetworkInterfaces', () => {
      const problems = mutated('accounts/444444444444/us-east-1/NetworkInterfaces.json', (d) => {
        d.NetworkInterfaces = (d.NetworkInterfaces as Rec[]).filter((r) => r.PrivateIpAddress !== '10.3.0.12');
      });
      expect(problems).toContain(`instance ${SSH_BOX}: ENI eni-00b7e3bf848aba8d3 is not in NetworkInterfaces`);
    });

    it('a peering shown by only one in-organization side', () => {
      const problems = mutated('accounts/222222222222/us-east-1/VpcPeeringConnections.json', (d) => {
        d.VpcPeeringConnections = [];
      });
      expect(problems).toContain(`peering ${PCX_HUB_DATA}: missing from account 222222222222's VpcPeeringConnections`);
    });

    it('a route to a gateway that is not attached, and a subnet outside its VPC', () => {
      expect(
        mutated('accounts/555555555555/us-east-1/InternetGateways.json', (d) => {
          d.InternetGateways = [];
        }),
      ).toEqual([]); // the analytics IGW is attached but no route uses it: removing it breaks nothing
      const problems = mutated('accounts/444444444444/us-east-1/InternetGateways.json', (d) => {
        d.InternetGateways = [];
      });
      expect(problems).toContain('route table rtb-0071f0495137cb528 route 0.0.0.0/0: igw-0c8f0ab78052bc73e is not attached to vpc-0de72628ff24d8d9b');
      const p2 = mutated('accounts/555555555555/us-east-1/Subnets.json', (d) => {
        first(d, 'Subnets', (r) => r.CidrBlock === '10.5.2.0/24').CidrBlock = '10.6.2.0/24';
      });
      expect(p2).toContain('subnet subnet-0bfdb057a350fe5c6: 10.6.2.0/24 is not inside VPC vpc-07b8cf2b7799e3b2e (10.5.0.0/16)');
    });
  });
});

describe('the seeds staged in the raw data', () => {
  it('organization: OUs, accounts, analytics under the root, the vendor outside', () => {
    const org = demo().organization;
    expect(org.Organization.Id).toBe(ORG);
    expect(org.Organization.MasterAccountId).toBe('111111111111');
    expect(org.OrganizationalUnits.map((o) => [o.Name, o.Id, o.ParentId])).toEqual([
      ['Infrastructure', OU_INFRA, ROOT],
      ['Prod', OU_PROD, ROOT],
      ['Sandbox', OU_SANDBOX, ROOT],
    ]);
    expect(Object.fromEntries(org.Accounts.map((a) => [a.Id, [a.Name, a.ParentId]]))).toEqual({
      '111111111111': ['management', ROOT],
      '222222222222': ['network-hub', OU_INFRA],
      '333333333333': ['prod', OU_PROD],
      '444444444444': ['sandbox', OU_SANDBOX],
      '555555555555': ['analytics', ROOT],
    });
    expect(org.Accounts.some((a) => a.Id === VENDOR)).toBe(false);
  });

  it('SCPs: FullAWSAccess everywhere (AWS default), DenyInternetGateway on the Prod OU only (seed 002)', () => {
    const policies = demo().organization.Policies.map((p) => ({
      name: p.PolicySummary.Name,
      targets: p.Targets.map((t) => t.TargetId),
      doc: JSON.parse(p.Content) as { Statement: { Effect: string; Action: string | string[] }[] },
    }));
    expect(policies.map((p) => [p.name, p.targets])).toEqual([
      // every level must allow (DOMAIN.md §3): FullAWSAccess stays attached to each OU and account
      ['FullAWSAccess', [ROOT, OU_INFRA, OU_PROD, OU_SANDBOX, '111111111111', '222222222222', '333333333333', '444444444444', '555555555555']],
      ['DenyInternetGateway', [OU_PROD]],
    ]);
    expect(policies[1]!.doc.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Action: ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:CreateEgressOnlyInternetGateway'],
      }),
    ]);
  });

  it('peerings: active to the vendor from sandbox, pending to the vendor from prod-data, active hub <-> prod-data (seed 000)', () => {
    const seen = [...demo().accounts.values()].flatMap((a) =>
      a
        .list<{ VpcPeeringConnectionId: string; Status: { Code: string }; RequesterVpcInfo: { VpcId: string }; AccepterVpcInfo: { VpcId: string; OwnerId: string } }>('VpcPeeringConnections')
        .map((p) => [a.id, p.VpcPeeringConnectionId, p.Status.Code, p.RequesterVpcInfo.VpcId, p.AccepterVpcInfo.VpcId]),
    );
    expect(seen).toEqual([
      ['222222222222', PCX_HUB_DATA, 'active', VPC_PROD_DATA, VPC_HUB],
      ['333333333333', PCX_HUB_DATA, 'active', VPC_PROD_DATA, VPC_HUB],
      ['333333333333', PCX_DATA_VENDOR, 'pending-acceptance', VPC_PROD_DATA, VPC_VENDOR],
      ['444444444444', PCX_SANDBOX_VENDOR, 'active', VPC_SANDBOX, VPC_VENDOR],
    ]);
  });

  it('private hosted zones for the hub endpoints are associated with hub and prod-app, not prod-data (seed 004)', () => {
    const zones = account('222222222222')
      .docs('HostedZone')
      .map((d) => [(d.HostedZone as { Name: string }).Name, (d.VPCs as { VPCId: string }[]).map((v) => v.VPCId)]);
    expect(zones).toEqual([
      ['sqs.us-east-1.amazonaws.com.', [VPC_HUB, VPC_PROD_APP]],
      ['sts.us-east-1.amazonaws.com.', [VPC_HUB, VPC_PROD_APP]],
    ]);
  });

  it('endpoint policies: aws:SourceVpc names the spoke in the SQS one (lame duck), EC2 source keys in the STS one', () => {
    const eps = account('222222222222').list<{ VpcEndpointId: string; ServiceName: string; VpcId: string; PrivateDnsEnabled: boolean; PolicyDocument: string }>('VpcEndpoints');
    expect(eps.map((e) => [e.VpcEndpointId, e.ServiceName, e.VpcId, e.PrivateDnsEnabled])).toEqual([
      [VPCE_SQS, 'com.amazonaws.us-east-1.sqs', VPC_HUB, false],
      [VPCE_STS, 'com.amazonaws.us-east-1.sts', VPC_HUB, false],
    ]);
    const sqs = JSON.parse(eps[0]!.PolicyDocument) as { Statement: { Condition: { StringEquals: Record<string, string> } }[] };
    expect(sqs.Statement[0]!.Condition.StringEquals['aws:SourceVpc']).toBe(VPC_PROD_APP);
    const sts = eps[1]!.PolicyDocument;
    expect(sts).toContain('"aws:EC2InstanceSourceVPC"');
    expect(sts).toContain('"aws:EC2InstanceSourcePrivateIPv4"');
    expect(sts).toContain('"aws:PrincipalOrgID"');
    expect(sts).not.toContain('aws:SourceVpc"');
  });

  it("prod-app-bound carries seed 001's policy verbatim; prod-batch-unbound and sandbox-ssh-box carry no binding", () => {
    const seed = readFileSync(join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith('001_'))!), 'utf8');
    const start = seed.indexOf('{\n  "Version"');
    const end = seed.indexOf('\n}\n', start) + 2;
    const documented = JSON.parse(seed.slice(start, end)) as unknown;
    const roles = (id: string) => new Map(account(id).iam.roles.map((r) => [r.RoleName, r]));
    const prod = roles('333333333333');
    expect(prod.get('prod-app-bound')!.RolePolicyList).toEqual([{ PolicyName: 'ec2-credential-binding', PolicyDocument: documented }]);
    expect(prod.get('prod-batch-unbound')!.RolePolicyList).toEqual([]);
    const sandbox = roles('444444444444');
    expect(sandbox.get('sandbox-ssh-box')!.RolePolicyList).toEqual([]);
    // seed 003 ("Luke"): deny everything that does not come from the web instance's own public IP
    expect(sandbox.get('sandbox-web')!.RolePolicyList).toEqual([
      {
        PolicyName: 'caller-based-lock',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['3.91.47.120'] } } }],
        },
      },
    ]);
    const web = account('444444444444')
      .list<{ Instances: { InstanceId: string; PublicIpAddress?: string; IamInstanceProfile?: { Arn: string } }[] }>('Reservations')
      .flatMap((r) => r.Instances)
      .find((i) => i.InstanceId === WEB_1)!;
    expect([web.PublicIpAddress, web.IamInstanceProfile?.Arn]).toEqual(['3.91.47.120', 'arn:aws:iam::444444444444:instance-profile/sandbox-web']);
  });

  it('the 3389 rule is the CIDR-union trick and the SSH box has an auto-assigned public IP (seed 003)', () => {
    const sg = account('444444444444')
      .list<{ GroupName: string; IpPermissions: { FromPort?: number; IpRanges: { CidrIp: string }[] }[] }>('SecurityGroups')
      .find((g) => g.GroupName === 'sandbox-ssh-sg')!;
    expect(sg.IpPermissions.map((p) => [p.FromPort, p.IpRanges.map((r) => r.CidrIp)])).toEqual([
      [22, ['0.0.0.0/0']],
      [3389, ['0.0.0.0/1', '128.0.0.0/1']],
    ]);
    const addrs = account('444444444444').list<{ PublicIp: string }>('Addresses');
    expect(addrs).toEqual([]); // no Elastic IPs: the public IPs are auto-assigned (MapPublicIpOnLaunch)
  });
});

describe('perimeter.yaml', () => {
  const raw = parseYaml(readFileSync(join(DEMO, 'perimeter.yaml'), 'utf8')) as unknown;
  const r = validateIntent(raw);

  it('validates against the intent schema', () => {
    expect('issues' in r ? r.issues : []).toEqual([]);
  });

  it('names the Prod OU and analytics as no-internet zones, trusts nobody outside, has one live and one expired suppression', () => {
    if (!('intent' in r)) throw new Error('invalid intent');
    const intent = r.intent;
    expect(intent.organizationId).toBe(ORG);
    expect(intent.trustedAccounts).toEqual([]);
    expect(intent.noInternetIngress).toEqual([OU_PROD, '555555555555']);
    expect(intent.suppressions.map((s) => [s.ruleId, s.expires! > SNAPSHOT_DATE])).toEqual([
      ['internet-exposed', true],
      ['sg-world-open-admin-port', false],
    ]);
  });

  it('refers only to resources that exist in the demo estate', () => {
    if (!('intent' in r)) throw new Error('invalid intent');
    const text = readFileSync(join(DEMO, 'perimeter.yaml'), 'utf8');
    const all = files(DEMO).map((f) => readFileSync(f, 'utf8')).join('\n');
    const refs = [...new Set(text.match(/\b(?:(?:vpc|vpce|sg)-0[0-9a-f]{16}|ou-a1b2-[0-9a-z]{8}|r-a1b2)\b|arn:aws:elasticloadbalancing:[^\s"]+/g) ?? [])];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(all.includes(`"${ref}"`), ref).toBe(true);
  });
});

describe('README', () => {
  it('names only ids that exist in the demo estate (the vendor VPC is outside: no data)', () => {
    const text = readFileSync(join(DEMO, 'README.md'), 'utf8');
    const all = files(DEMO).map((f) => readFileSync(f, 'utf8')).join('\n');
    const ids = [
      ...new Set(
        text.match(
          /\b(?:vpc|subnet|rtb|igw|eigw|nat|acl|sg|eni|i|pcx|vpce|tgw|tgw-attach|tgw-rtb|eipalloc)-0[0-9a-f]{16}\b/g,
        ) ?? [],
      ),
    ];
    expect(ids.length).toBeGreaterThan(40);
    const missing = ids.filter((id) => !all.includes(`"${id}"`));
    expect(missing).toEqual([]);
  });
});

describe('loadSnapshot(examples/demo)', () => {
  it('loads without problems, with the expected counts and relationships', async () => {
    const e = await loadSnapshot(DEMO);
    expect(e.problems).toEqual([]);
    const sizes = Object.fromEntries(
      Object.entries(e).flatMap(([k, v]) => (v instanceof Map ? [[k, v.size]] : [])),
    );
    expect(sizes).toEqual({
      accounts: 5,
      vpcs: 6,
      subnets: 22,
      routeTables: 13,
      internetGateways: 3,
      egressOnlyInternetGateways: 1,
      natGateways: 1,
      networkAcls: 7,
      securityGroups: 17,
      networkInterfaces: 23,
      instances: 9,
      elasticIps: 1,
      peeringConnections: 3,
      vpcEndpoints: 2,
      prefixLists: 0,
      transitGateways: 1,
      transitGatewayAttachments: 3,
      transitGatewayRouteTables: 2,
      loadBalancers: 1,
      listeners: 1,
      targetGroups: 1,
      dbInstances: 1,
      iamUsers: 0,
      iamGroups: 0,
      iamRoles: 9,
      iamPolicies: 3,
      instanceProfiles: 4,
      hostedZones: 2,
      notModelled: 0,
    });
    // main route table fallback: the sandbox private subnet has no explicit association
    expect(e.index.routeTableBySubnet.get(SUBNET_SANDBOX_PRIVATE)).toBe(RTB_SANDBOX_MAIN);
    expect(e.index.routeTableExplicit.get(SUBNET_SANDBOX_PRIVATE)).toBe(false);
    expect(e.index.orgPathByAccount.get('333333333333')).toEqual([ROOT, OU_PROD]);
    expect(e.index.orgPathByAccount.get('555555555555')).toEqual([ROOT]);
    expect(e.instances.get(SSH_BOX)?.publicIp).toBe('54.164.22.91');
    expect(e.transitGateways.get('tgw-09d7f8e1f9c152c8b')?.accountId).toBe('222222222222');
    expect(e.transitGatewayAttachments.get('tgw-attach-0da861079c51dda78')).toMatchObject({
      resourceId: VPC_PROD_APP,
      resourceOwnerId: '333333333333',
      associationRouteTableId: 'tgw-rtb-0495e391391f4b5ad',
    });
    expect(e.peeringConnections.get(PCX_DATA_VENDOR)?.status).toBe('pending-acceptance');
    expect(e.hostedZones.get('Z04817263J4KQ2XWV8T1D')?.vpcs?.map((v) => v.vpcId)).toEqual([VPC_PROD_APP, VPC_HUB]); // sorted
    expect(e.dbInstances.get('analytics-warehouse')).toMatchObject({ publiclyAccessible: true, vpcId: VPC_ANALYTICS });
    expect(e.index.targetHealthByTargetGroup.get('arn:aws:elasticloadbalancing:us-east-1:444444444444:targetgroup/sandbox-web-tg/3c9a1f7e5b2d4068')).toEqual([
      expect.objectContaining({ targetId: WEB_1, state: 'healthy', port: 80 }),
    ]);
  });
});
