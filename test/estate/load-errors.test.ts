// Bad input: every problem is reported at once, naming file, JSON path, value found and expected.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotError } from '../../src/estate/errors.js';
import { loadSnapshot } from '../../src/estate/load.js';

const dirs: string[] = [];
function snapshot(files: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), 'perimeter-estate-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function loadError(root: string): Promise<SnapshotError> {
  try {
    await loadSnapshot(root);
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error('expected a SnapshotError');
}

const vpc = (id: string, cidr: unknown) => ({ VpcId: id, OwnerId: '111122223333', CidrBlock: cidr });

describe('loadSnapshot errors', () => {
  it('missing path', async () => {
    const e = await loadError('/nonexistent/perimeter-snapshot');
    expect(e.message).toBe(
      'snapshot not found: /nonexistent/perimeter-snapshot\n  /nonexistent/perimeter-snapshot: $: snapshot not found: no such file or directory (expected files like Vpcs.json, Subnets.json, NetworkInterfaces.json (raw AWS describe-* JSON), in <root>/, <root>/<region>/, <root>/accounts/<id>/<region>/ or <root>/aws_configs/)',
    );
    expect(e.stack).toBeDefined();
  });

  it('a file instead of a directory', async () => {
    const root = snapshot({ 'Vpcs.json': { Vpcs: [] } });
    const e = await loadError(join(root, 'Vpcs.json'));
    expect(e.problems.map((p) => p.message)).toEqual(['expected a snapshot directory, found a file']);
  });

  it('wrong type deep inside a resource names file, path, expected and found', async () => {
    const root = snapshot({
      'accounts/111122223333/us-east-1/vpcs.json': {
        Vpcs: [vpc('vpc-1', '10.0.0.0/16'), vpc('vpc-2', '10.1.0.0/16'), vpc('vpc-3', 42)],
      },
    });
    const e = await loadError(root);
    expect(e.problems).toEqual([
      {
        severity: 'error',
        file: 'accounts/111122223333/us-east-1/vpcs.json',
        jsonPath: '$.Vpcs[2].CidrBlock',
        message: 'expected a CIDR string like 10.0.0.0/16, found 42',
      },
    ]);
    expect(e.message).toContain(
      'accounts/111122223333/us-east-1/vpcs.json: $.Vpcs[2].CidrBlock: expected a CIDR string like 10.0.0.0/16, found 42',
    );
  });

  it('a string that is not a CIDR', async () => {
    const root = snapshot({ 'us-east-1/Vpcs.json': { Vpcs: [vpc('vpc-1', '10.0.0.300/16')] } });
    const e = await loadError(root);
    expect(e.problems.map((p) => `${p.file}: ${p.jsonPath}: ${p.message}`)).toEqual([
      'us-east-1/Vpcs.json: $.Vpcs[0].CidrBlock: expected an IPv4 CIDR string like 10.0.0.0/16, found "10.0.0.300/16"',
    ]);
  });

  it('a file that is not JSON: line and column', async () => {
    const root = snapshot({ 'Vpcs.json': '{\n  "Vpcs": [\n    {"VpcId": "vpc-1",}\n  ]\n}\n' });
    const e = await loadError(root);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]!.file).toBe('Vpcs.json');
    expect(e.problems[0]!.jsonPath).toBe('$');
    expect(e.problems[0]!.message).toMatch(
      /^expected valid JSON, found a syntax error at line 3, column 23: /,
    );
  });

  it('every problem across all files in one throw, sorted by file', async () => {
    const root = snapshot({
      'b/Subnets.json': '[1, 2',
      'us-east-1/Subnets.json': { Subnets: [{ SubnetId: 'subnet-1', VpcId: 7 }] },
      'us-east-1/NetworkInterfaces.json': { NetworkInterfaces: { not: 'an array' } },
      'Vpcs.json': [1, 2],
    });
    const e = await loadError(root);
    expect(
      e.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.jsonPath}: ${p.message}`),
    ).toEqual([
      'Vpcs.json: $: expected a JSON object with AWS response keys like {"Vpcs": [...]}, found an array of 2',
      'us-east-1/NetworkInterfaces.json: $.NetworkInterfaces: expected an array of NetworkInterfaces records, found an object with keys not',
      'us-east-1/Subnets.json: $.Subnets[0].VpcId: expected an id string like vpc-0123456789abcdef0, found 7',
    ]);
    // b/ is not a layout folder: reported once as a warning
    expect(e.problems.filter((p) => p.severity === 'warning').map((p) => p.message)).toEqual([
      '1 file/folder outside the snapshot layout ignored (not <name>.json in a layout folder): b/',
    ]);
    expect(e.message.split('\n')[0]).toBe('snapshot could not be loaded: 3 errors');
  });

  it('a missing required field says so', async () => {
    const root = snapshot({ 'Subnets.json': { Subnets: [{ VpcId: 'vpc-1' }] } });
    const e = await loadError(root);
    expect(e.problems.map((p) => `${p.jsonPath}: ${p.message}`)).toEqual([
      '$.Subnets[0].SubnetId: expected an id string like subnet-0123456789abcdef0, found nothing (the field is missing)',
    ]);
  });

  it('empty directory', async () => {
    const root = snapshot({});
    const e = await loadError(root);
    expect(e.problems.map((p) => p.message)).toEqual([
      `no AWS data found under ${root} (expected files like Vpcs.json, Subnets.json, NetworkInterfaces.json (raw AWS describe-* JSON), in <root>/, <root>/<region>/, <root>/accounts/<id>/<region>/ or <root>/aws_configs/)`,
    ]);
  });

  it('JSON files with no recognised data are "no AWS data"', async () => {
    const root = snapshot({ 'foo.json': { Foo: [] } });
    const e = await loadError(root);
    expect(e.problems.map((p) => `${p.severity} ${p.file}: ${p.message}`)).toEqual([
      `error ${root}: no AWS data found under ${root} (expected files like Vpcs.json, Subnets.json, NetworkInterfaces.json (raw AWS describe-* JSON), in <root>/, <root>/<region>/, <root>/accounts/<id>/<region>/ or <root>/aws_configs/)`,
      'warning foo.json: unknown top-level key "Foo": not an AWS response perimeter reads; ignored',
    ]);
  });
});

describe('loadSnapshot warnings and layouts', () => {
  it('unknown top-level key is a warning naming file and key; known-unmodelled keys are counted', async () => {
    const root = snapshot({
      'us-east-1/Vpcs.json': { Vpcs: [vpc('vpc-1', '10.0.0.0/16')], Gadgets: [], NextToken: 'x' },
      'us-east-1/VpnConnections.json': { VpnConnections: [{}, {}] },
    });
    const e = await loadSnapshot(root);
    expect(e.problems).toEqual([
      {
        severity: 'warning',
        file: 'us-east-1/Vpcs.json',
        jsonPath: '$',
        message: 'unknown top-level key "Gadgets": not an AWS response perimeter reads; ignored',
      },
    ]);
    expect([...e.notModelled]).toEqual([['VpnConnections', 2]]);
    expect(e.vpcs.get('vpc-1')).toMatchObject({ accountId: '111122223333', region: 'us-east-1' });
  });

  it('accounts/<id>/<region>, accounts/<id>/global (IAM), organization/, collection.json', async () => {
    const root = snapshot({
      'accounts/111122223333/eu-west-1/vpcs.json': { Vpcs: [vpc('vpc-1', '10.0.0.0/16')] },
      'accounts/111122223333/global/iam.json': {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: [
          {
            Arn: 'arn:aws:iam::111122223333:role/app',
            RoleName: 'app',
            AssumeRolePolicyDocument: encodeURIComponent(
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
            ),
            InstanceProfileList: [
              {
                Arn: 'arn:aws:iam::111122223333:instance-profile/app',
                InstanceProfileName: 'app',
                Roles: [],
              },
            ],
          },
        ],
        Policies: [],
      },
      'organization/org.json': {
        Organization: { Id: 'o-abc123defg', MasterAccountId: '999988887777' },
        Roots: [{ Id: 'r-ab12' }],
        OrganizationalUnits: [{ Id: 'ou-ab12-prod', Name: 'prod', ParentId: 'r-ab12' }],
        Accounts: [{ Id: '111122223333', Name: 'app', Status: 'ACTIVE', ParentId: 'ou-ab12-prod' }],
        Policies: [
          {
            PolicySummary: {
              Id: 'p-full',
              Name: 'FullAWSAccess',
              Type: 'SERVICE_CONTROL_POLICY',
              AwsManaged: true,
            },
            Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
            Targets: [{ TargetId: 'r-ab12' }],
          },
        ],
      },
      'collection.json': {
        version: 1,
        collectedAt: '2026-11-23T10:00:00Z',
        accounts: ['111122223333'],
        regions: ['eu-west-1'],
        calls: [],
        failures: [
          { accountId: '111122223333', region: 'eu-west-1', kind: 'access-denied', message: 'denied' },
        ],
      },
    });
    const e = await loadSnapshot(root);
    expect(e.problems).toEqual([]);
    expect(e.vpcs.get('vpc-1')).toMatchObject({ accountId: '111122223333', region: 'eu-west-1' });
    const role = e.iamRoles.get('arn:aws:iam::111122223333:role/app')!;
    expect(role.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(e.index.rolesByInstanceProfile.get('arn:aws:iam::111122223333:instance-profile/app')).toEqual([
      'arn:aws:iam::111122223333:role/app',
    ]);
    expect(e.organization?.managementAccountId).toBe('999988887777');
    expect(e.index.orgPathByAccount.get('111122223333')).toEqual(['r-ab12', 'ou-ab12-prod']);
    expect(e.index.orgPoliciesByTarget.get('r-ab12')).toEqual(['p-full']);
    expect(e.accounts.get('111122223333')).toEqual({
      id: '111122223333',
      name: 'app',
      regions: ['eu-west-1'],
      status: 'ACTIVE',
      parentId: 'ou-ab12-prod',
    });
    expect(e.collection?.failures).toHaveLength(1);
  });

  it('Batfish aws_configs root and flat files: region from availability zones', async () => {
    const root = snapshot({
      'aws_configs/Vpcs.json': { Vpcs: [vpc('vpc-1', '10.0.0.0/16')] },
      'aws_configs/Subnets.json': {
        Subnets: [
          {
            SubnetId: 'subnet-1',
            VpcId: 'vpc-1',
            CidrBlock: '10.0.1.0/24',
            AvailabilityZone: 'ap-southeast-2b',
          },
        ],
      },
    });
    const e = await loadSnapshot(root);
    expect(e.vpcs.get('vpc-1')).toMatchObject({ accountId: '111122223333', region: 'ap-southeast-2' });
    expect(e.subnets.get('subnet-1')?.region).toBe('ap-southeast-2');
    expect(e.problems.map((p) => p.file)).toEqual(['aws_configs/Vpcs.json']); // no main route table
  });

  it('a Batfish hybrid snapshot: only aws_configs/ is read, router configs are not AWS data', async () => {
    const root = snapshot({
      'aws_configs/us-west-2/Vpcs.json': { Vpcs: [vpc('vpc-1', '10.0.0.0/16')] },
      'configs/border-router.cfg': 'hostname border\n',
      'hosts/host1.json': { hostname: 'h1' },
    });
    const e = await loadSnapshot(root);
    expect(e.problems).toEqual([]);
    expect(e.vpcs.get('vpc-1')?.region).toBe('us-west-2');
  });

  it('a region with only empty responses is still a region of the account (the data says: nothing)', async () => {
    const root = snapshot({
      'accounts/111122223333/us-east-1/Vpcs.json': { Vpcs: [] },
      'accounts/111122223333/eu-west-1/Vpcs.json': { Vpcs: [vpc('vpc-1', '10.0.0.0/16')] },
      'accounts/444455556666/us-east-1/VpnGateways.json': { VpnGateways: [] },
    });
    const e = await loadSnapshot(root);
    expect([...e.accounts.values()].map((a) => `${a.id}:${a.regions.join('+')}`)).toEqual([
      '111122223333:eu-west-1+us-east-1',
      '444455556666:us-east-1',
    ]);
  });

  it('no owner and no zone: account "default", region "unknown"', async () => {
    const root = snapshot({ 'Vpcs.json': { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] } });
    const e = await loadSnapshot(root);
    expect(e.vpcs.get('vpc-1')).toMatchObject({
      accountId: 'default',
      region: 'unknown',
      ownerId: 'default',
    });
  });

  it('reports progress through the callback', async () => {
    const root = snapshot({ 'Vpcs.json': { Vpcs: [vpc('vpc-1', '10.0.0.0/16')] } });
    const msgs: string[] = [];
    await loadSnapshot(root, { onProgress: (m) => msgs.push(m) });
    expect(msgs).toEqual([`${root}: 1 JSON files`, `${root}: 1 VPCs, 0 subnets, 0 ENIs, 0 instances`]);
  });
});
