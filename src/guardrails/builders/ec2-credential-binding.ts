// EC2 instance-role credentials bound to where they were issued (seed 001).
// aws:EC2InstanceSourceVPC / aws:EC2InstanceSourcePrivateIPv4 / ec2:SourceInstanceARN travel with
// the credentials (stolen ones too); aws:SourceVpc / aws:VpcSourceIp describe the network path and
// exist only through a VPC endpoint (DOMAIN.md §1).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-ec2instancesourcevpc
//
// endpoint-only: deny unless the call comes through an endpoint in the instance's own VPC from its
//   own private address (the documented pattern). It also denies the legitimate instance when it
//   egresses through a NAT gateway or a centralized (hub) endpoint (DOMAIN.md §4).
// nat-aware: the same, but a VPC with NAT gateways may also call from those NAT addresses
//   (aws:SourceIp), each VPC only from its own NATs.
// Both: NotAction for services without VPC endpoints, the ec2:SourceInstanceARN Null guard (only
// EC2 credentials are concerned) and aws:ViaAWSService (calls a service makes on the principal's
// behalf carry the service's network context).
import type { Ec2CredentialBindingIntent } from '../../config/intent.js';
import type { Estate, Instance, IamRole } from '../../estate/model.js';
import { GuardrailError } from '../errors.js';
import { accountsUnder, isAccountId, orgPathOf } from '../org.js';
import {
  attackerAccount,
  attackerIp,
  attackerOrgId,
  attackerVpc,
  attackerVpce,
  requestContext,
  type NetworkPath,
} from '../proof/context.js';
import type { Attachment, GuardrailDraft, PolicyStatement, Scenario } from '../types.js';
import {
  cidrOf,
  checkTargets,
  egressNatAddresses,
  instanceRoles,
  organizationId,
  proofPrincipal,
  proofRegion,
  roleNameOf,
  sortedUnique,
  type BuildInput,
} from './common.js';

const guards = {
  Null: { 'ec2:SourceInstanceARN': 'false' },
  BoolIfExists: { 'aws:ViaAWSService': 'false' },
} as const;

function actionElement(b: Ec2CredentialBindingIntent): { NotAction: string[] } | { Action: string } {
  return b.exceptActions.length > 0 ? { NotAction: sortedUnique(b.exceptActions) } : { Action: '*' };
}

/** The statements for a binding, given the VPCs whose NAT addresses are allowed (nat-aware). */
export function bindingStatements(
  b: Ec2CredentialBindingIntent,
  natByVpc: ReadonlyMap<string, readonly string[]>,
  /** Hub VPCs of centralized endpoints the instances may also call through. */
  hubs: readonly string[] = [],
): PolicyStatement[] {
  const act = actionElement(b);
  // The endpoint VPCs a call may come through: the instance's own, and the hubs.
  const endpointVpcs: string | string[] =
    hubs.length > 0 ? ['${aws:EC2InstanceSourceVPC}', ...sortedUnique(hubs)] : '${aws:EC2InstanceSourceVPC}';
  // Same VPC's endpoint, but not the instance's own address: deny. (Keyed with aws:SourceVpc so the
  // private address is never compared without its VPC — private addresses repeat across VPCs.)
  const wrongAddress: PolicyStatement = {
    Sid: 'DenyEc2CredentialsFromAnotherAddress',
    Effect: 'Deny',
    ...act,
    Resource: '*',
    Condition: {
      StringEquals: { 'aws:SourceVpc': endpointVpcs },
      StringNotEquals: { 'aws:VpcSourceIp': '${aws:EC2InstanceSourcePrivateIPv4}' },
      ...guards,
    },
  };
  const natVpcs = b.variant === 'nat-aware' ? [...natByVpc.keys()].sort() : [];
  const outsideVpc: PolicyStatement = {
    Sid: natVpcs.length > 0 ? 'DenyEc2CredentialsOutsideOwnVpcNoNat' : 'DenyEc2CredentialsOutsideOwnVpc',
    Effect: 'Deny',
    ...act,
    Resource: '*',
    Condition: {
      StringNotEquals: {
        'aws:SourceVpc': endpointVpcs,
        ...(natVpcs.length > 0 ? { 'aws:EC2InstanceSourceVPC': natVpcs } : {}),
      },
      ...guards,
    },
  };
  const perNat: PolicyStatement[] = natVpcs.map((vpc, i) => ({
    Sid: `DenyEc2CredentialsOutsideOwnVpcOrNat${i + 1}`,
    Effect: 'Deny',
    ...act,
    Resource: '*',
    Condition: {
      StringEquals: { 'aws:EC2InstanceSourceVPC': vpc },
      StringNotEquals: { 'aws:SourceVpc': endpointVpcs },
      NotIpAddressIfExists: { 'aws:SourceIp': (natByVpc.get(vpc) ?? []).map(cidrOf) },
      ...guards,
    },
  }));
  return [outsideVpc, wrongAddress, ...perNat];
}

interface Workload {
  readonly instance: Instance;
  readonly roleArn: string;
  readonly accountId: string;
  readonly vpcId: string;
  readonly privateIp: string;
}

function workloadOf(estate: Estate, i: Instance): Workload | undefined {
  if (i.vpcId === undefined || i.privateIp === undefined) return undefined;
  if (i.state === 'terminated' || i.state === 'shutting-down') return undefined;
  const acct = i.ownerId ?? i.accountId;
  const role = instanceRoles(estate, i)[0] ?? `arn:aws:iam::${acct}:role/ec2-app`;
  return { instance: i, roleArn: role, accountId: acct, vpcId: i.vpcId, privateIp: i.privateIp };
}

function resolveRole(estate: Estate, ref: string): IamRole {
  const roles = [...estate.iamRoles.values()];
  const found = ref.startsWith('arn:') ? estate.iamRoles.get(ref) : roles.find((r) => r.name === ref);
  if (found === undefined) {
    const names = roles.map((r) => r.name).sort();
    throw new GuardrailError([
      `role ${ref} is not in the snapshot (roles: ${names.slice(0, 20).join(', ') || 'none'}${names.length > 20 ? ', …' : ''})`,
    ]);
  }
  return found;
}

export function instancesOfRole(estate: Estate, role: IamRole): Instance[] {
  const out: Instance[] = [];
  for (const profile of role.instanceProfileArns)
    for (const id of estate.index.instancesByProfile.get(profile) ?? []) {
      const i = estate.instances.get(id);
      if (i !== undefined) out.push(i);
    }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Endpoint VPCs the intent's centralized endpoints live in (hub VPCs). */
function hubVpcs(input: BuildInput): string[] {
  return sortedUnique(input.intent.guardrails.endpointPolicies.map((e) => e.vpcId));
}

/** The hub VPCs a binding accepts: its endpointVpcs, by default the intent's centralized endpoints. */
export function bindingHubs(input: BuildInput, b: Ec2CredentialBindingIntent): string[] {
  return sortedUnique(b.endpointVpcs ?? hubVpcs(input));
}

function scenariosFor(
  input: BuildInput,
  b: Ec2CredentialBindingIntent,
  hubs: readonly string[],
  workloads: readonly Workload[],
  natByVpc: ReadonlyMap<string, readonly string[]>,
  orgPath: (acct: string) => string[] | undefined,
): Scenario[] {
  const region = proofRegion(input.estate);
  const orgId = organizationId(input);
  const out: Scenario[] = [];
  const hubOwner = (vpc: string): string | undefined => input.estate.vpcs.get(vpc)?.ownerId;
  const natOf = (vpc: string): readonly string[] =>
    natByVpc.get(vpc) ?? egressNatAddresses(input.estate, vpc).addresses;
  // One instance per VPC keeps the matrix readable.
  const perVpc = new Map<string, Workload>();
  for (const w of workloads) if (!perVpc.has(w.vpcId)) perVpc.set(w.vpcId, w);
  const chosen = [...perVpc.values()].slice(0, 3);
  for (const w of chosen) {
    const session = `arn:aws:sts::${w.accountId}:assumed-role/${roleNameOf(w.roleArn)}/${w.instance.id}`;
    const ec2 = {
      instanceArn: `arn:aws:ec2:${w.instance.region}:${w.accountId}:instance/${w.instance.id}`,
      vpcId: w.vpcId,
      privateIp: w.privateIp,
    };
    const path = orgPath(w.accountId);
    const resource = `arn:aws:s3:::perimeter-proof-${w.accountId}/data.csv`;
    const row = (
      credential: 'ec2-instance' | 'stolen-ec2-instance',
      p: NetworkPath,
      expect: 'allow' | 'deny',
      because: string,
      action = 's3:GetObject',
      res = resource,
    ): Scenario => ({
      principal: `${roleNameOf(w.roleArn)} on ${w.instance.id} (${w.vpcId}, ${w.privateIp})${credential === 'stolen-ec2-instance' ? ', stolen' : ''}`,
      principalArn: session,
      principalAccount: w.accountId,
      ...(path ? { principalOrgPath: path, resourceOrgPath: path } : {}),
      credential,
      path: p.label,
      action,
      resource: res,
      resourceAccount: w.accountId,
      context: requestContext({
        path: p,
        region,
        principalAccount: w.accountId,
        ...(orgId && path ? { principalOrgId: orgId } : {}),
        ec2,
      }),
      expect,
      because,
    });
    out.push(
      row(
        'ec2-instance',
        {
          kind: 'endpoint',
          vpcId: w.vpcId,
          vpceId: 'vpce-0own000000000001',
          vpceAccount: w.accountId,
          ...(orgId ? { vpceOrgId: orgId } : {}),
          vpcSourceIp: w.privateIp,
          label: `endpoint in own VPC ${w.vpcId}`,
        },
        'allow',
        'own VPC endpoint, own private address',
      ),
    );
    const nats = natOf(w.vpcId);
    if (nats.length > 0) {
      out.push(
        row(
          'ec2-instance',
          { kind: 'internet', sourceIp: nats[0]!, label: `NAT ${nats[0]}` },
          b.variant === 'nat-aware' ? 'allow' : 'deny',
          b.variant === 'nat-aware'
            ? 'nat-aware: a NAT gateway address the VPC egresses through is allowed'
            : 'endpoint-only: egress through the NAT is not an endpoint (the documented pattern denies it)',
        ),
      );
    }
    for (const hub of hubVpcs(input)
      .filter((h) => h !== w.vpcId)
      .slice(0, 1)) {
      out.push(
        row(
          'ec2-instance',
          {
            kind: 'endpoint',
            vpcId: hub,
            vpceId: 'vpce-0hub000000000001',
            ...(hubOwner(hub) ? { vpceAccount: hubOwner(hub)! } : {}),
            ...(orgId ? { vpceOrgId: orgId } : {}),
            vpcSourceIp: w.privateIp,
            label: `hub endpoint in ${hub}`,
          },
          hubs.includes(hub) ? 'allow' : 'deny',
          hubs.includes(hub)
            ? `${hub} is a centralized endpoint VPC the binding accepts (endpointVpcs); the private address must still be the instance's`
            : "aws:SourceVpc is the hub VPC, never the instance's: a binding without endpointVpcs denies centralized endpoints",
        ),
      );
      if (hubs.includes(hub)) {
        out.push(
          row(
            'stolen-ec2-instance',
            {
              kind: 'endpoint',
              vpcId: hub,
              vpceId: 'vpce-0hub000000000001',
              ...(hubOwner(hub) ? { vpceAccount: hubOwner(hub)! } : {}),
              ...(orgId ? { vpceOrgId: orgId } : {}),
              vpcSourceIp: '10.255.255.253',
              label: `hub endpoint in ${hub} from 10.255.255.253`,
            },
            'deny',
            "through the hub, but not from the instance's private address",
          ),
        );
      }
    }
    out.push(
      row(
        'ec2-instance',
        {
          kind: 'endpoint',
          vpcId: w.vpcId,
          vpceId: 'vpce-0own000000000001',
          vpceAccount: w.accountId,
          ...(orgId ? { vpceOrgId: orgId } : {}),
          vpcSourceIp: '10.255.255.254',
          label: `endpoint in own VPC from 10.255.255.254`,
        },
        'deny',
        'another address in the same VPC is not this instance',
      ),
    );
    out.push(
      row(
        'stolen-ec2-instance',
        { kind: 'internet', sourceIp: attackerIp, label: `internet ${attackerIp}` },
        'deny',
        'credentials used away from the instance',
      ),
    );
    out.push(
      row(
        'stolen-ec2-instance',
        {
          kind: 'endpoint',
          vpcId: attackerVpc,
          vpceId: attackerVpce,
          vpceAccount: attackerAccount,
          vpceOrgId: attackerOrgId,
          vpcSourceIp: w.privateIp,
          label: `attacker's endpoint in ${attackerVpc}`,
        },
        'deny',
        'same private address in another VPC is not this instance',
      ),
    );
    const otherNat = [...natByVpc.entries()].find(([v]) => v !== w.vpcId)?.[1][0];
    if (b.variant === 'nat-aware' && otherNat !== undefined) {
      out.push(
        row(
          'stolen-ec2-instance',
          { kind: 'internet', sourceIp: otherNat, label: `another VPC's NAT ${otherNat}` },
          'deny',
          'each VPC may use only its own NAT addresses',
        ),
      );
    }
    out.push(
      row(
        'ec2-instance',
        { kind: 'aws-service', service: 'cloudformation.amazonaws.com', label: 'via CloudFormation' },
        'allow',
        "calls an AWS service makes on the principal's behalf are exempt (aws:ViaAWSService)",
      ),
    );
    const except = b.exceptActions[0];
    if (except !== undefined) {
      out.push(
        row(
          'ec2-instance',
          { kind: 'internet', sourceIp: nats[0] ?? attackerIp, label: `internet ${nats[0] ?? attackerIp}` },
          'allow',
          `${except} is in exceptActions (service without a VPC endpoint)`,
          except.replace(/\*/g, 'List'),
          '*',
        ),
      );
    }
  }
  // Credentials that are not EC2 instance credentials are out of scope (ec2:SourceInstanceARN Null guard).
  const first = chosen[0];
  const acct = first?.accountId;
  if (acct !== undefined) {
    const path = orgPath(acct);
    out.push({
      principal: `developer role in ${acct}`,
      principalArn: `arn:aws:iam::${acct}:role/developer`,
      principalAccount: acct,
      ...(path ? { principalOrgPath: path, resourceOrgPath: path } : {}),
      credential: 'human-role',
      path: `internet 203.0.113.50`,
      action: 's3:GetObject',
      resource: `arn:aws:s3:::perimeter-proof-${acct}/data.csv`,
      resourceAccount: acct,
      context: requestContext({
        path: { kind: 'internet', sourceIp: '203.0.113.50', label: '' },
        region,
        principalAccount: acct,
        ...(orgId && path ? { principalOrgId: orgId } : {}),
      }),
      expect: 'allow',
      because: 'not EC2 instance credentials (no ec2:SourceInstanceARN)',
    });
  }
  return out;
}

/** The binding denies non-endpoint paths on purpose; the proof rows show which. */
const acceptedLint = (b: Ec2CredentialBindingIntent) => [
  {
    code: 'L9',
    reason:
      b.variant === 'endpoint-only'
        ? 'endpoint-only: denying calls that leave through a NAT or internet gateway is the point of this variant (see the NAT rows of the matrix)'
        : 'nat-aware: calls through a NAT are allowed per VPC by the NotIpAddressIfExists statements; other non-endpoint paths (e.g. an instance public IP) are denied on purpose',
  },
  {
    code: 'L7',
    reason:
      "aws:SourceVpc is compared with the credentials' own ${aws:EC2InstanceSourceVPC}, not with a literal VPC id; the private address must match too",
  },
];

const natNotes = (via: readonly string[]): string[] =>
  via.length > 0
    ? [
        `Centralized egress: the default route goes to a transit gateway, so the NAT gateways of the VPCs attached to it are allowed (${via.join('; ')}) — any of them, not only the one the routes finally pick.`,
      ]
    : [];

const existingInline = (role: IamRole): string[] =>
  role.inlinePolicies.length > 0
    ? [
        `Role ${role.name} already has inline policies (${role.inlinePolicies
          .map((p) => p.name)
          .sort()
          .join(
            ', ',
          )}); the proof shows what this policy does with an allow-all identity policy. Remove a hand-written binding this one replaces: its denies still apply.`,
      ]
    : [];

const hubNotes = (hubs: readonly string[]): string[] =>
  hubs.length > 0
    ? [
        `Calls through the centralized endpoints in ${hubs.join(', ')} are accepted (aws:SourceVpc is the hub VPC there, seed 004), still only from the instance's own private address (aws:VpcSourceIp); a spoke with an overlapping CIDR could present the same address.`,
      ]
    : [];

const notes = (b: Ec2CredentialBindingIntent): string[] => [
  'aws:EC2InstanceSourceVPC, aws:EC2InstanceSourcePrivateIPv4 and ec2:SourceInstanceARN come with the credentials, also when stolen; aws:SourceVpc / aws:VpcSourceIp exist only through a VPC endpoint (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).',
  b.variant === 'endpoint-only'
    ? "endpoint-only also denies the legitimate instance when it calls through a NAT gateway, or through a centralized endpoint in another VPC not listed in endpointVpcs (aws:SourceVpc is then the endpoint's VPC). Apply it only where every call goes through endpoints in the instance's own VPC."
    : "nat-aware allows each VPC's own NAT gateway addresses (from the snapshot); a new NAT gateway needs a regenerated policy. A call through a centralized endpoint in another VPC is denied unless that VPC is in endpointVpcs.",
  'Lambda, ECS task and EKS pod roles have no EC2 instance keys: the Null guard on ec2:SourceInstanceARN leaves them alone.',
  ...(b.exceptActions.length > 0
    ? [
        `NotAction exempts ${sortedUnique(b.exceptActions).join(', ')} (services without VPC endpoints) — from anywhere, also with stolen credentials.`,
      ]
    : []),
];

export function buildEc2CredentialBinding(input: BuildInput): GuardrailDraft[] {
  const { estate } = input;
  const drafts: GuardrailDraft[] = [];
  for (const b of input.intent.guardrails.ec2CredentialBinding) {
    if (b.attachAs === 'scp') {
      const targets = sortedUnique(b.targets);
      checkTargets(estate, `guardrails.ec2CredentialBinding ${b.name}`, targets);
      const accounts = new Set(targets.flatMap((t) => accountsUnder(estate, t)));
      if (estate.organization === undefined) for (const t of targets) if (isAccountId(t)) accounts.add(t);
      const workloads = [...estate.instances.values()]
        .filter((i) => accounts.has(i.ownerId ?? i.accountId))
        .map((i) => workloadOf(estate, i))
        .filter((w): w is Workload => w !== undefined);
      const natByVpc = new Map<string, string[]>();
      const natVia: string[] = [];
      if (b.variant === 'nat-aware') {
        for (const v of [...estate.vpcs.values()]
          .filter((v) => accounts.has(v.accountId))
          .map((v) => v.id)
          .sort()) {
          const e = egressNatAddresses(estate, v);
          if (e.addresses.length > 0) natByVpc.set(v, e.addresses);
          for (const x of e.via) natVia.push(`${v} via ${x}`);
        }
      }
      const synthetic = (): Workload[] => {
        const { account } = proofPrincipal(estate, targets[0]!);
        const i: Instance = {
          id: 'i-0000000000000001',
          accountId: account,
          region: proofRegion(estate),
          state: 'running',
          vpcId: 'vpc-00000000000000001',
          privateIp: '10.0.0.10',
          ipv6Addresses: [],
          networkInterfaceIds: [],
          securityGroupIds: [],
          tags: {},
        };
        return [
          {
            instance: i,
            roleArn: `arn:aws:iam::${account}:role/ec2-app`,
            accountId: account,
            vpcId: i.vpcId!,
            privateIp: '10.0.0.10',
          },
        ];
      };
      const orgPath = (acct: string): string[] | undefined =>
        orgPathOf(estate, acct) ?? proofPrincipal(estate, targets[0]!).path;
      drafts.push({
        id: `ec2-credentials-${b.name}`,
        kind: 'scp',
        title: `EC2 credential binding (${b.variant})`,
        description: `Denies EC2 instance-role credentials used outside ${b.variant === 'nat-aware' ? "the instance's own VPC endpoints and its VPC's NAT gateway addresses" : "the instance's own VPC endpoints"} in ${targets.join(', ')}.`,
        statements: bindingStatements(b, natByVpc, bindingHubs(input, b)),
        attachment: { kind: 'org', targetIds: targets },
        scenarios: scenariosFor(
          input,
          b,
          bindingHubs(input, b),
          workloads.length > 0 ? workloads : synthetic(),
          natByVpc,
          orgPath,
        ),
        acceptedLint: acceptedLint(b),
        notes: [
          ...notes(b),
          ...hubNotes(bindingHubs(input, b)),
          ...natNotes(natVia),
          ...(workloads.length === 0
            ? [
                'The snapshot has no instances under the targets: the proof uses a synthetic instance i-0000000000000001.',
              ]
            : []),
        ],
      });
      continue;
    }
    for (const ref of sortedUnique(b.roles)) {
      const role = resolveRole(estate, ref);
      const workloads = instancesOfRole(estate, role)
        .map((i) => workloadOf(estate, i))
        .filter((w): w is Workload => w !== undefined)
        .map((w) => ({ ...w, roleArn: role.arn }));
      if (workloads.length === 0) {
        throw new GuardrailError([
          `guardrails.ec2CredentialBinding ${b.name}: role ${role.name} has no running instance with a VPC and private address in the snapshot (instance profiles: ${role.instanceProfileArns.join(', ') || 'none'}); nothing to prove the inline policy against`,
        ]);
      }
      const natByVpc = new Map<string, string[]>();
      const natVia: string[] = [];
      if (b.variant === 'nat-aware') {
        for (const v of sortedUnique(workloads.map((w) => w.vpcId))) {
          const e = egressNatAddresses(estate, v);
          if (e.addresses.length > 0) natByVpc.set(v, e.addresses);
          for (const x of e.via) natVia.push(`${v} via ${x}`);
        }
      }
      const attachment: Attachment = {
        kind: 'role',
        roleArn: role.arn,
        roleName: role.name,
        accountId: role.accountId,
      };
      drafts.push({
        id: `ec2-credentials-${b.name}-${role.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
        kind: 'identity',
        title: `EC2 credential binding for role ${role.name} (${b.variant})`,
        description: `Inline policy for ${role.arn}: its instance credentials only work through endpoints in the instance's own VPC${b.variant === 'nat-aware' ? " or from that VPC's NAT gateway addresses" : ''}.`,
        statements: bindingStatements(b, natByVpc, bindingHubs(input, b)),
        attachment,
        scenarios: scenariosFor(input, b, bindingHubs(input, b), workloads, natByVpc, (acct) =>
          orgPathOf(estate, acct),
        ),
        acceptedLint: acceptedLint(b),
        notes: [
          ...notes(b),
          ...hubNotes(bindingHubs(input, b)),
          ...natNotes(natVia),
          ...existingInline(role),
        ],
      });
    }
  }
  return drafts;
}
