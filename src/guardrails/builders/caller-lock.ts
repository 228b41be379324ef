// Caller-based lock for a named role (seed 003, "Luke"): the role's credentials only work from the
// public addresses of its own instances. Seed 003's `Deny * NotIpAddress aws:SourceIp` alone also
// denies every call through a VPC endpoint (no aws:SourceIp there) and every call an AWS service
// makes on the role's behalf (DOMAIN.md §4 L9), so the statement is
//   Deny * unless aws:SourceIp ∈ instance addresses            (NotIpAddressIfExists)
//          unless the call comes through an endpoint in the instances' VPCs (StringNotEqualsIfExists aws:SourceVpc)
//          unless an AWS service makes it                      (BoolIfExists aws:ViaAWSService false)
// — the data-perimeter pattern (../shared/fixtures/policies-data-perimeter/service_control_policies/
// network_perimeter_sourcevpc_scp.json), with a per-VPC aws:RequestedRegion statement because VPC
// ids are only meaningful within their region.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html
import type { CallerLockIntent } from '../../config/intent.js';
import type { Estate, IamRole } from '../../estate/model.js';
import { GuardrailError } from '../errors.js';
import { orgPathOf } from '../org.js';
import {
  attackerAccount,
  attackerIp,
  attackerOrgId,
  attackerVpc,
  attackerVpce,
  requestContext,
  type NetworkPath,
} from '../proof/context.js';
import type { GuardrailDraft, PolicyStatement, Scenario } from '../types.js';
import {
  cidrOf,
  natAddresses,
  organizationId,
  proofRegion,
  sortedUnique,
  type BuildInput,
} from './common.js';
import { instancesOfRole } from './ec2-credential-binding.js';

function resolveRole(estate: Estate, ref: string): IamRole {
  const roles = [...estate.iamRoles.values()];
  const found = ref.startsWith('arn:') ? estate.iamRoles.get(ref) : roles.find((r) => r.name === ref);
  if (found === undefined) {
    const names = roles.map((r) => r.name).sort();
    throw new GuardrailError([
      `guardrails.callerLock: role ${ref} is not in the snapshot (roles: ${names.slice(0, 20).join(', ') || 'none'}${names.length > 20 ? ', …' : ''})`,
    ]);
  }
  return found;
}

interface LockFacts {
  readonly role: IamRole;
  /** Public address → where it comes from ("i-… public IP", "NAT of vpc-…"). */
  readonly addresses: ReadonlyMap<string, string>;
  readonly vpcs: readonly { readonly id: string; readonly region?: string }[];
  readonly instances: readonly {
    id: string;
    vpcId?: string;
    privateIp?: string;
    publicIp?: string;
    region: string;
  }[];
}

export function lockFacts(estate: Estate, lock: CallerLockIntent): LockFacts {
  const role = resolveRole(estate, lock.role);
  const instances = instancesOfRole(estate, role).filter((i) => i.state !== 'terminated');
  const addresses = new Map<string, string>();
  for (const i of instances) {
    if (i.publicIp !== undefined) addresses.set(i.publicIp, `${i.id} public IP`);
    else if (i.vpcId !== undefined)
      for (const n of natAddresses(estate, i.vpcId))
        if (!addresses.has(n)) addresses.set(n, `NAT of ${i.vpcId} (egress of ${i.id})`);
  }
  if (addresses.size === 0) {
    throw new GuardrailError([
      `guardrails.callerLock: role ${role.name} has ${instances.length} instance(s) in the snapshot (${instances.map((i) => i.id).join(', ') || 'none'}) and none has a public IPv4 address or a NAT gateway in its VPC; nothing to lock the credentials to`,
    ]);
  }
  const vpcIds = sortedUnique([
    ...instances.flatMap((i) => (i.vpcId ? [i.vpcId] : [])),
    ...lock.endpointVpcs,
  ]);
  const vpcs = vpcIds.map((id) => {
    const region = estate.vpcs.get(id)?.region ?? instances.find((i) => i.vpcId === id)?.region;
    return region === undefined ? { id } : { id, region };
  });
  return {
    role,
    addresses: new Map([...addresses].sort(([a], [b]) => (a < b ? -1 : 1))),
    vpcs,
    instances: instances.map((i) => ({
      id: i.id,
      region: i.region,
      ...(i.vpcId ? { vpcId: i.vpcId } : {}),
      ...(i.privateIp ? { privateIp: i.privateIp } : {}),
      ...(i.publicIp ? { publicIp: i.publicIp } : {}),
    })),
  };
}

export function callerLockStatements(facts: LockFacts): PolicyStatement[] {
  const lock: PolicyStatement = {
    Sid: 'LockCredentialsToInstanceAddresses',
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: {
      NotIpAddressIfExists: { 'aws:SourceIp': [...facts.addresses.keys()].map(cidrOf) },
      ...(facts.vpcs.length > 0
        ? { StringNotEqualsIfExists: { 'aws:SourceVpc': facts.vpcs.map((v) => v.id) } }
        : {}),
      BoolIfExists: { 'aws:ViaAWSService': 'false' },
    },
  };
  const regional: PolicyStatement[] = facts.vpcs
    .filter((v) => v.region !== undefined)
    .map((v, i) => ({
      Sid: `LockEndpointVpcToItsRegion${i + 1}`,
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceVpc': v.id },
        StringNotEqualsIfExists: { 'aws:RequestedRegion': v.region! },
      },
    }));
  return [lock, ...regional];
}

export function buildCallerLocks(input: BuildInput): GuardrailDraft[] {
  const { estate } = input;
  const region = proofRegion(estate);
  const orgId = organizationId(input);
  return input.intent.guardrails.callerLock.map((lock) => {
    const facts = lockFacts(estate, lock);
    const role = facts.role;
    const acct = role.accountId;
    const path = orgPathOf(estate, acct);
    const inst =
      facts.instances.find((i) => i.vpcId !== undefined && i.privateIp !== undefined) ?? facts.instances[0]!;
    const session = `arn:aws:sts::${acct}:assumed-role/${role.name}/${inst.id}`;
    const [firstAddr] = [...facts.addresses.keys()];
    const ec2 =
      inst.vpcId !== undefined && inst.privateIp !== undefined
        ? {
            instanceArn: `arn:aws:ec2:${inst.region}:${acct}:instance/${inst.id}`,
            vpcId: inst.vpcId,
            privateIp: inst.privateIp,
          }
        : undefined;
    const row = (
      credential: 'ec2-instance' | 'stolen-ec2-instance',
      p: NetworkPath,
      expect: 'allow' | 'deny',
      because: string,
    ): Scenario => ({
      principal: `${role.name} (${inst.id})${credential === 'stolen-ec2-instance' ? ', stolen' : ''}`,
      principalArn: session,
      principalAccount: acct,
      ...(path ? { principalOrgPath: path, resourceOrgPath: path } : {}),
      credential,
      path: p.label,
      action: 'ec2:DescribeInstances',
      resource: '*',
      resourceAccount: acct,
      context: requestContext({
        path: p,
        region: inst.region ?? region,
        principalAccount: acct,
        ...(orgId && path ? { principalOrgId: orgId } : {}),
        ...(ec2 ? { ec2 } : {}),
      }),
      expect,
      because,
    });
    const scenarios: Scenario[] = [
      row(
        'ec2-instance',
        {
          kind: 'internet',
          sourceIp: firstAddr!,
          label: `internet from ${firstAddr} (${facts.addresses.get(firstAddr!)})`,
        },
        'allow',
        "an address of the role's instances",
      ),
      row(
        'stolen-ec2-instance',
        { kind: 'internet', sourceIp: attackerIp, label: `internet ${attackerIp}` },
        'deny',
        "not an address of the role's instances (Jessica, seed 003)",
      ),
      row(
        'stolen-ec2-instance',
        {
          kind: 'endpoint',
          vpcId: attackerVpc,
          vpceId: attackerVpce,
          vpceAccount: attackerAccount,
          vpceOrgId: attackerOrgId,
          vpcSourceIp: inst.privateIp ?? '10.0.0.10',
          label: `attacker's endpoint in ${attackerVpc}`,
        },
        'deny',
        "an endpoint outside the instances' VPCs",
      ),
      row(
        'ec2-instance',
        { kind: 'aws-service', service: 'cloudformation.amazonaws.com', label: 'via CloudFormation' },
        'allow',
        "AWS services calling on the role's behalf are exempt (aws:ViaAWSService)",
      ),
    ];
    if (inst.vpcId !== undefined) {
      scenarios.splice(
        1,
        0,
        row(
          'ec2-instance',
          {
            kind: 'endpoint',
            vpcId: inst.vpcId,
            vpceId: 'vpce-0own000000000001',
            vpceAccount: acct,
            ...(orgId ? { vpceOrgId: orgId } : {}),
            vpcSourceIp: inst.privateIp ?? '10.0.0.10',
            label: `endpoint in ${inst.vpcId}`,
          },
          'allow',
          "through an endpoint there is no aws:SourceIp: calls via the instances' VPC endpoints must keep working",
        ),
      );
    }
    return {
      id: `caller-lock-${role.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
      kind: 'identity' as const,
      title: `Caller lock for role ${role.name}`,
      description: `Inline policy for ${role.arn}: its credentials only work from ${[...facts.addresses.keys()].join(', ')}, through endpoints in ${facts.vpcs.map((v) => v.id).join(', ') || 'no VPC'}, or when an AWS service calls on its behalf.`,
      statements: callerLockStatements(facts),
      attachment: { kind: 'role' as const, roleArn: role.arn, roleName: role.name, accountId: acct },
      scenarios,
      notes: [
        "Seed 003 locks with `Deny * NotIpAddress aws:SourceIp` alone. That also denies every call through a VPC endpoint (aws:SourceIp is absent there, and a negated operator on an absent key is true) and calls AWS services make on the role's behalf (DOMAIN.md §4 L9). The generated statement adds StringNotEqualsIfExists aws:SourceVpc (the instances' VPCs) and BoolIfExists aws:ViaAWSService=false: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_deny-ip.html",
        `Addresses: ${[...facts.addresses].map(([ip, why]) => `${ip} (${why})`).join('; ')}. An instance that gets a new public IP (stop/start without an Elastic IP) needs a regenerated policy.`,
        'A caller inside the same public address (the same NAT gateway) is not told apart; bind EC2 credentials with ec2CredentialBinding for that.',
      ],
    };
  });
}
