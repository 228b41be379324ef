// Where findings' resources are defined in the snapshot files (SARIF physical locations).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/checks/types.js';
import { locateInBytes, locateSources, recordSpecs, type Wanted } from '../../src/cli/source-locations.js';
import { sourceKey } from '../../src/report/scan-sarif.js';
import { runCli } from '../support/run-cli.js';
import { snapshotDirs } from '../support/temp-dir.js';

const snapshot = snapshotDirs('srcloc');

function finding(type: string, id: string, accountId: string, region: string): Finding {
  return {
    ruleId: 'fake',
    severity: 'high',
    title: 'fake',
    resource: { id, type, accountId, region },
    message: 'fake',
    evidence: {},
    remediation: 'none',
    fingerprint: `fp-${id}`,
  };
}

interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId: string };
    region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  logicalLocations: { name: string; kind: string }[];
  message?: { text: string };
}

async function sarifLocations(args: string[]): Promise<Map<string, SarifLocation>> {
  const r = await runCli(['scan', ...args, '--format', 'sarif', '--today', '2026-11-23']);
  expect(r.stderr).toBe('');
  const log = JSON.parse(r.stdout) as {
    runs: { results: { locations: SarifLocation[] }[]; originalUriBaseIds?: Record<string, unknown> }[];
  };
  expect(Object.keys(log.runs[0]!.originalUriBaseIds ?? {})).toEqual(['SNAPSHOTROOT']);
  const out = new Map<string, SarifLocation>();
  for (const res of log.runs[0]!.results) {
    const l = res.locations[0]!;
    out.set(l.logicalLocations[0]!.name, l);
  }
  return out;
}

const at = (uri: string, startLine: number, startColumn: number, endLine: number, endColumn: number) => ({
  artifactLocation: { uri, uriBaseId: 'SNAPSHOTROOT' },
  region: { startLine, startColumn, endLine, endColumn },
});

describe('scan --format sarif: physical locations on the demo estate', () => {
  it('points each finding at the id key of the record that defines its resource', async () => {
    const locs = await sarifLocations([]);
    // "GroupId": "sg-0e22380b3c95f9857" — 12 spaces of indent, 33 characters.
    expect(locs.get('sg-0e22380b3c95f9857')?.physicalLocation).toEqual(
      at('accounts/444444444444/us-east-1/SecurityGroups.json', 75, 13, 75, 46),
    );
    // Reservations[0].Instances[0].InstanceId (two levels deeper: 20 spaces).
    expect(locs.get('i-0c1d2e3f4a5b6c7d8')?.physicalLocation).toEqual(
      at('accounts/444444444444/us-east-1/Reservations.json', 9, 21, 9, 56),
    );
    expect(locs.get('i-0165f673b344f14a8')?.physicalLocation).toEqual(
      at('accounts/444444444444/us-east-1/Reservations.json', 139, 21, 139, 56),
    );
    expect(locs.get('pcx-0d87aacce656b392e')?.physicalLocation).toEqual(
      at('accounts/444444444444/us-east-1/VpcPeeringConnections.json', 46, 13, 46, 62),
    );
    expect(locs.get('vpce-082e39be8e0e403a9')?.physicalLocation).toEqual(
      at('accounts/222222222222/us-east-1/VpcEndpoints.json', 4, 13, 4, 54),
    );
    expect(locs.get('igw-0b2aaaf676ad2b5d4')?.physicalLocation).toEqual(
      at('accounts/555555555555/us-east-1/InternetGateways.json', 10, 13, 10, 57),
    );
    // The route table's Associations (lines 163, 172) repeat "RouteTableId" one level deeper;
    // the record's own key is on line 180.
    expect(locs.get('rtb-045791d133bf9408c')?.physicalLocation).toEqual(
      at('accounts/333333333333/us-east-1/RouteTables.json', 180, 13, 180, 52),
    );
    // IAM role: RoleDetailList[].Arn, not the instance profile's Arn or Roles[].Arn below it.
    expect(locs.get('arn:aws:iam::333333333333:role/prod-app-bound')?.physicalLocation).toEqual(
      at('accounts/333333333333/global/iam.json', 51, 13, 51, 67),
    );
    // Account-level finding: the organization's Accounts[].Id.
    expect(locs.get('555555555555')?.physicalLocation).toEqual(
      at('organization/organization.json', 91, 13, 91, 33),
    );
    expect(locs.get('555555555555')?.message).toBeUndefined();
  });
});

describe('scan --format sarif: Batfish aws_configs/ snapshots', () => {
  it('gives URIs relative to the snapshot directory, through aws_configs/', async () => {
    const locs = await sarifLocations(['../shared/fixtures/batfish-aws/test-public-subnet']);
    expect(locs.get('i-06669a407b2ef3ae5')?.physicalLocation).toEqual(
      at('aws_configs/Reservations.json', 35, 6, 35, 41),
    );
    // Reservations.json also holds this group id (lines 59 and 102, in the instance's groups);
    // the definition is in SecurityGroups.json.
    expect(locs.get('sg-09ccba6656672061b')?.physicalLocation).toEqual(
      at('aws_configs/SecurityGroups.json', 39, 4, 39, 37),
    );
  });

  it("uses the finding's own account folder when both sides of a peering define it", async () => {
    const locs = await sarifLocations(['../shared/fixtures/batfish-aws/test-vpc-peering-multi-account']);
    // The accepter's file (123456789013, line 64) defines the same pcx; the finding is the requester's.
    expect(locs.get('pcx-0040f7640e10191f4')?.physicalLocation).toEqual(
      at('aws_configs/accounts/123456789012/us-east-1/VpcPeeringConnections.json', 41, 4, 41, 53),
    );
  });
});

const sgText = `{
  "SecurityGroups": [
    {
      "Description": "copy of {\\"GroupId\\": \\"sg-b\\"} [ and \\\\",
      "GroupId": "sg-a",
      "IpPermissions": [
        { "UserIdGroupPairs": [{ "GroupId": "sg-b" }, { "GroupId": "sg-c" }] }
      ]
    },
    {
      "GroupId":
        "sg-b"
    }
  ]
}
`;

describe('locateSources on a snapshot written here', () => {
  const root = snapshot({
    'organization/org.json': JSON.stringify(
      { Organization: { Id: 'o-abc' }, Accounts: [{ Id: '111122223333', Name: 'a' }] },
      null,
      2,
    ),
    // File names do not matter: documents are recognised by their top-level key.
    'accounts/111122223333/us-east-1/groups.json': sgText,
    'accounts/111122223333/us-east-1/Vpcs.json':
      '\uFEFF{"Vpcs":[{"CidrBlock":"10.0.0.0/16","VpcId":"vpc-1"}]}',
    'accounts/111122223333/us-east-1/Subnets.json': '{"Subnets": []}',
    // Not ASCII: columns count UTF-16 code units (é = 1, 𝄞 = 2), as SARIF's default columnKind.
    'collection.json':
      '{\n  "version": 1,\n  "collectedAt": "2026-11-23T00:00:00Z",\n  "calls": [],\n  "failures": [{"accountId": "111122223333", "kind": "access-denied"}]\n}\n',
    'accounts/111122223333/eu-west-1/sg.json': '{"SecurityGroups":[{"Description":"é𝄞","GroupId":"sg-u"}]}',
  });
  const findings = [
    finding('security-group', 'sg-b', '111122223333', 'us-east-1'),
    finding('security-group', 'sg-c', '111122223333', 'us-east-1'),
    finding('security-group', 'sg-a', '999999999999', 'us-east-1'),
    finding('vpc', 'vpc-1', '111122223333', 'us-east-1'),
    finding('account', '111122223333', '111122223333', 'global'),
    finding('account', '999999999999', '999999999999', 'global'),
    finding('widget', 'w-1', '111122223333', 'us-east-1'),
    finding('security-group', 'sg-u', '111122223333', 'eu-west-1'),
    finding('collection', 'collection:111122223333/us-east-1', '111122223333', 'us-east-1'),
  ];

  it('finds the record, not an earlier reference or an escaped copy in a string', async () => {
    const m = await locateSources(root, findings);
    expect(m.get(sourceKey(findings[0]!.resource))).toEqual({
      uri: 'accounts/111122223333/us-east-1/groups.json',
      startLine: 11,
      startColumn: 7,
      endLine: 12,
      endColumn: 15,
      kind: 'record',
    });
    // Minified with a BOM: `{"Vpcs":[{"CidrBlock":"10.0.0.0/16",` is 36 characters.
    expect(m.get(sourceKey(findings[3]!.resource))).toEqual({
      uri: 'accounts/111122223333/us-east-1/Vpcs.json',
      startLine: 1,
      startColumn: 37,
      endLine: 1,
      endColumn: 52,
      kind: 'record',
    });
    expect(m.get(sourceKey(findings[4]!.resource))).toMatchObject({
      uri: 'organization/org.json',
      startLine: 7,
      startColumn: 7,
      kind: 'record',
    });
    // `{"SecurityGroups":[{"Description":"é𝄞",` is 40 UTF-16 code units (43 bytes).
    expect(m.get(sourceKey(findings[7]!.resource))).toEqual({
      uri: 'accounts/111122223333/eu-west-1/sg.json',
      startLine: 1,
      startColumn: 41,
      endLine: 1,
      endColumn: 57,
      kind: 'record',
    });
  });

  it('without a defining record: the list where it would be, else nothing', async () => {
    const m = await locateSources(root, findings);
    // sg-c is only referenced (in sg-a's UserIdGroupPairs): the SecurityGroups key.
    expect(m.get(sourceKey(findings[1]!.resource))).toEqual({
      uri: 'accounts/111122223333/us-east-1/groups.json',
      startLine: 2,
      startColumn: 3,
      endLine: 2,
      endColumn: 19,
      kind: 'list',
    });
    // An account outside the organization's Accounts list: that list.
    expect(m.get(sourceKey(findings[5]!.resource))).toEqual({
      uri: 'organization/org.json',
      startLine: 5,
      startColumn: 3,
      endLine: 5,
      endColumn: 13,
      kind: 'list',
    });
    // A collection gap has no record of its own: the manifest's failures list.
    expect(m.get(sourceKey(findings[8]!.resource))).toEqual({
      uri: 'collection.json',
      startLine: 5,
      startColumn: 3,
      endLine: 5,
      endColumn: 13,
      kind: 'list',
    });
    // No file of account 999999999999, and a resource type with no record mapping.
    expect(m.has(sourceKey(findings[2]!.resource))).toBe(false);
    expect(m.has(sourceKey(findings[6]!.resource))).toBe(false);
    expect(m.size).toBe(7);
  });

  it('reads in full only the files whose top-level key can define a wanted resource', async () => {
    const read: string[] = [];
    const m = await locateSources(root, [findings[0]!], { onRead: (rel) => read.push(rel) });
    expect(read).toEqual(['accounts/111122223333/us-east-1/groups.json']);
    expect(m.size).toBe(1);
    // On the demo (5 accounts, 133 JSON files), one security-group finding reads one file.
    const demoRead: string[] = [];
    const demo = join(import.meta.dirname, '../../examples/demo');
    await locateSources(
      demo,
      [finding('security-group', 'sg-0c87a417a26d5e9bf', '555555555555', 'us-east-1')],
      {
        onRead: (rel) => demoRead.push(rel),
      },
    );
    expect(demoRead).toEqual(['accounts/555555555555/us-east-1/SecurityGroups.json']);
  });

  it('returns nothing for a snapshot directory that does not exist', async () => {
    const m = await locateSources(join(root, 'missing'), findings);
    expect(m.size).toBe(0);
  });
});

describe('locateInBytes', () => {
  const want = (type: string, id: string): Wanted => ({
    spec: recordSpecs.get(type)!,
    id,
    key: id,
    accountId: 'a',
    region: 'r',
  });

  it('matches the path exactly: an instance id outside Reservations[].Instances[] is not the record', () => {
    const text =
      '{"Reservations": [{"InstanceId": "i-1", "Instances": [\n{"ImageId": "ami-1",\n  "InstanceId":"i-1"}]}]}';
    const { records } = locateInBytes(Buffer.from(text), 'dir with space/r.json', [want('instance', 'i-1')]);
    expect(records.get('i-1')).toEqual({
      uri: 'dir%20with%20space/r.json',
      startLine: 3,
      startColumn: 3,
      endLine: 3,
      endColumn: 21,
      kind: 'record',
    });
  });

  it('decodes escaped ids and finds organization policies under PolicySummary', () => {
    const text = '{"Policies": [{"PolicySummary": {"Name": "x", "Id": "p-\\u0061bc"}, "Content": "{}"}]}';
    const found = locateInBytes(Buffer.from(text), 'o.json', [want('service-control-policy', 'p-abc')]);
    expect(found.records.get('p-abc')).toMatchObject({ startLine: 1, startColumn: 47, endColumn: 65 });
    // The list position is only looked up for what has no record in the file.
    expect(found.lists.size).toBe(0);
    const missing = locateInBytes(Buffer.from(text), 'o.json', [want('service-control-policy', 'p-zzz')]);
    expect(missing.records.size).toBe(0);
    expect(missing.lists.get('Policies')).toMatchObject({ startLine: 1, startColumn: 2, endColumn: 12 });
  });
});
