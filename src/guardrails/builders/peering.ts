// SCP: VPC peering only with accounts of the organization and the intent's trustedAccounts.
// No condition key carries the peer's organization id; ec2:AccepterVpc / ec2:RequesterVpc hold the
// peer VPC's ARN, which names its account, so the SCP lists accounts (DOMAIN.md §6) — this list is
// what makes the policy big.
// The keys exist only on the vpc-peering-connection resource; CreateVpcPeeringConnection is also
// authorized against the requester VPC, where they are absent (and a negated operator on an absent
// key is true), so the statements must name the peering-connection resource, not "*":
// https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html
import { GuardrailError } from '../errors.js';
import { organizationAccounts } from '../org.js';
import type { GuardrailDraft, PolicyStatement, Scenario } from '../types.js';
import { attackerAccount } from '../proof/context.js';
import {
  checkTargets,
  concreteRoleArn,
  proofPrincipal,
  proofRegion,
  rolePatterns,
  sortedUnique,
  type BuildInput,
} from './common.js';

const pcxResource = 'arn:aws:ec2:*:*:vpc-peering-connection/*';

export function peeringAccounts(input: BuildInput): string[] {
  return sortedUnique([
    ...organizationAccounts(input.estate),
    ...input.intent.trustedAccounts.map((a) => a.id),
  ]);
}

export function buildPeering(input: BuildInput): GuardrailDraft[] {
  const { intent, estate } = input;
  const peering = intent.guardrails.peering;
  if (peering === undefined) return [];
  const targets = sortedUnique(
    peering.targets.length > 0 ? peering.targets : (estate.organization?.roots.map((r) => r.id) ?? []),
  );
  if (targets.length === 0) {
    throw new GuardrailError([
      'guardrails.peering: no targets and no organization root in the snapshot (give guardrails.peering.targets)',
    ]);
  }
  checkTargets(estate, 'guardrails.peering', targets);
  const accounts = peeringAccounts(input);
  if (accounts.length === 0) {
    throw new GuardrailError([
      'guardrails.peering: no accounts to allow (the snapshot has no organization accounts and trustedAccounts is empty)',
    ]);
  }
  const vpcArns = accounts.map((a) => `arn:aws:ec2:*:${a}:vpc/*`);
  const privileged = rolePatterns(intent.guardrails.privilegedRoles);
  const statement = (sid: string, action: string, key: string): PolicyStatement => ({
    Sid: sid,
    Effect: 'Deny',
    Action: action,
    Resource: pcxResource,
    Condition: {
      ArnNotLike: { [key]: vpcArns, ...(privileged.length > 0 ? { 'aws:PrincipalARN': privileged } : {}) },
    },
  });
  const statements = [
    statement(
      'DenyPeeringRequestsOutsideTrustedAccounts',
      'ec2:CreateVpcPeeringConnection',
      'ec2:AccepterVpc',
    ),
    statement(
      'DenyPeeringAcceptsOutsideTrustedAccounts',
      'ec2:AcceptVpcPeeringConnection',
      'ec2:RequesterVpc',
    ),
  ];

  const region = proofRegion(estate);
  const { account, path } = proofPrincipal(estate, targets[0]!);
  const dev = `arn:aws:iam::${account}:role/developer`;
  const orgPeer = accounts.find((a) => a !== account && estate.organization?.accounts.has(a)) ?? account;
  const trusted = intent.trustedAccounts.map((t) => t.id).sort()[0];
  const outsider = [attackerAccount, '999999999999', '210987654322'].find((a) => !accounts.includes(a))!;
  const ownVpc = `arn:aws:ec2:${region}:${account}:vpc/vpc-0a11ce0000000001`;
  const peerVpc = (acct: string): string => `arn:aws:ec2:${region}:${acct}:vpc/vpc-0b0b000000000001`;
  const pcx = `arn:aws:ec2:${region}:${account}:vpc-peering-connection/pcx-0example0000001`;
  const base = {
    principalAccount: account,
    ...(path ? { principalOrgPath: path } : {}),
    credential: 'human-role' as const,
    path: 'internet',
    resourceAccount: account,
  };
  const ctx = (accepter: string, requester: string): Record<string, string> => ({
    'aws:SourceIp': '203.0.113.50',
    'aws:ViaAWSService': 'false',
    'aws:RequestedRegion': region,
    'ec2:AccepterVpc': accepter,
    'ec2:RequesterVpc': requester,
  });
  const developer = { ...base, principal: `developer role in ${account}`, principalArn: dev };
  const scenarios: Scenario[] = [
    {
      ...developer,
      action: 'ec2:CreateVpcPeeringConnection',
      resource: pcx,
      context: ctx(peerVpc(orgPeer), ownVpc),
      expect: 'allow',
      because: `accepter account ${orgPeer} is in the organization`,
    },
    {
      ...developer,
      action: 'ec2:CreateVpcPeeringConnection',
      resource: ownVpc,
      context: {
        'aws:SourceIp': '203.0.113.50',
        'aws:ViaAWSService': 'false',
        'aws:RequestedRegion': region,
      },
      expect: 'allow',
      because: 'the requester-VPC resource of the same call carries no peer key; the SCP must not deny it',
    },
    {
      ...developer,
      action: 'ec2:CreateVpcPeeringConnection',
      resource: pcx,
      context: ctx(peerVpc(outsider), ownVpc),
      expect: 'deny',
      because: `accepter account ${outsider} is neither in the organization nor in trustedAccounts`,
    },
    {
      ...developer,
      action: 'ec2:AcceptVpcPeeringConnection',
      resource: pcx,
      context: ctx(ownVpc, peerVpc(outsider)),
      expect: 'deny',
      because: `requester account ${outsider} is neither in the organization nor in trustedAccounts`,
    },
    {
      ...developer,
      action: 'ec2:AcceptVpcPeeringConnection',
      resource: pcx,
      context: ctx(ownVpc, peerVpc(orgPeer)),
      expect: 'allow',
      because: `requester account ${orgPeer} is in the organization`,
    },
  ];
  if (trusted !== undefined) {
    scenarios.push({
      ...developer,
      action: 'ec2:CreateVpcPeeringConnection',
      resource: pcx,
      context: ctx(peerVpc(trusted), ownVpc),
      expect: 'allow',
      because: `${trusted} is in trustedAccounts`,
    });
  }
  for (const ref of intent.guardrails.privilegedRoles.slice(0, 1)) {
    scenarios.push({
      ...base,
      principal: `privileged role ${ref} in ${account}`,
      principalArn: concreteRoleArn(ref, account),
      action: 'ec2:CreateVpcPeeringConnection',
      resource: pcx,
      context: ctx(peerVpc(outsider), ownVpc),
      expect: 'allow',
      because: 'guardrails.privilegedRoles are exempt',
    });
  }
  return [
    {
      id: 'peering-trusted-accounts',
      kind: 'scp',
      title: 'VPC peering inside the organization',
      description: `Denies requesting or accepting VPC peering with a VPC outside ${accounts.length} allowed accounts (organization members and trustedAccounts) in ${targets.join(', ')}.`,
      statements,
      attachment: { kind: 'org', targetIds: targets },
      scenarios,
      notes: [
        "No condition key carries the peer's organization id: ec2:AccepterVpc / ec2:RequesterVpc name the peer account, so every allowed account is listed; a new account needs a regenerated SCP.",
        'The statements name the vpc-peering-connection resource: the requester-VPC resource of CreateVpcPeeringConnection has no ec2:AccepterVpc key, and ArnNotLike on an absent key is true (https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html).',
        'An SCP cannot stop the outside party from accepting our request first; detection and remediation still matter (seed 000).',
      ],
    },
  ];
}
