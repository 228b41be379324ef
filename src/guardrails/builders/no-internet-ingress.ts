// SCP for the noInternetIngress OUs/accounts (seed 002): every internet exposure needs an internet
// gateway, so deny creating and attaching one (and egress-only gateways and Global Accelerator,
// which front resources without one), except for the privileged roles that run the network.
// Compare: ../shared/fixtures/policies-scp-examples/Privileged-access-controls/
//   Prevent-creating-or-expanding-public-connectivity-for-VPCs.json
import {
  concreteRoleArn,
  checkTargets,
  proofPrincipal,
  proofRegion,
  rolePatterns,
  type BuildInput,
} from './common.js';
import type { GuardrailDraft, PolicyStatement, Scenario } from '../types.js';

const igwActions = ['ec2:AttachInternetGateway', 'ec2:CreateInternetGateway'];
const eigwActions = ['ec2:CreateEgressOnlyInternetGateway'];
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsglobalaccelerator.html
const acceleratorActions = [
  'globalaccelerator:CreateAccelerator',
  'globalaccelerator:CreateCrossAccountAttachment',
  'globalaccelerator:CreateCustomRoutingAccelerator',
  'globalaccelerator:CreateCustomRoutingEndpointGroup',
  'globalaccelerator:CreateCustomRoutingListener',
  'globalaccelerator:CreateEndpointGroup',
  'globalaccelerator:CreateListener',
  'globalaccelerator:UpdateAccelerator',
  'globalaccelerator:UpdateAcceleratorAttributes',
  'globalaccelerator:UpdateCrossAccountAttachment',
  'globalaccelerator:UpdateCustomRoutingAccelerator',
  'globalaccelerator:UpdateCustomRoutingAcceleratorAttributes',
  'globalaccelerator:UpdateCustomRoutingListener',
  'globalaccelerator:UpdateEndpointGroup',
  'globalaccelerator:UpdateListener',
];

export function deniedActions(input: BuildInput): string[] {
  const g = input.intent.guardrails.noInternetIngress;
  return [
    ...igwActions,
    ...(g.egressOnlyInternetGateway ? eigwActions : []),
    ...(g.globalAccelerator ? acceleratorActions : []),
  ].sort();
}

function exampleResource(action: string, account: string, region: string): string {
  if (action === 'ec2:CreateInternetGateway') return `arn:aws:ec2:${region}:${account}:internet-gateway/*`;
  if (action === 'ec2:AttachInternetGateway')
    return `arn:aws:ec2:${region}:${account}:internet-gateway/igw-0example`;
  if (action === 'ec2:CreateEgressOnlyInternetGateway')
    return `arn:aws:ec2:${region}:${account}:egress-only-internet-gateway/*`;
  if (action === 'ec2:CreateVpc') return `arn:aws:ec2:${region}:${account}:vpc/*`;
  return `arn:aws:globalaccelerator::${account}:accelerator/*`;
}

export function buildNoInternetIngress(input: BuildInput): GuardrailDraft[] {
  const { intent, estate } = input;
  const targets = [...new Set(intent.noInternetIngress)].sort();
  if (targets.length === 0 || !intent.guardrails.noInternetIngress.enabled) return [];
  checkTargets(estate, 'noInternetIngress', targets);
  const privileged = rolePatterns(intent.guardrails.privilegedRoles);
  const actions = deniedActions(input);
  const statement: PolicyStatement = {
    Sid: 'DenyInternetIngressConstructs',
    Effect: 'Deny',
    Action: actions,
    Resource: '*',
    ...(privileged.length > 0 ? { Condition: { ArnNotLike: { 'aws:PrincipalARN': privileged } } } : {}),
  };
  const region = proofRegion(estate);
  const scenarios: Scenario[] = [];
  const sampleActions = [
    ...actions.filter((a) => a.startsWith('ec2:')),
    ...(intent.guardrails.noInternetIngress.globalAccelerator
      ? ['globalaccelerator:CreateAccelerator', 'globalaccelerator:UpdateListener']
      : []),
  ];
  for (const target of targets) {
    const { account, path } = proofPrincipal(estate, target);
    const dev = `arn:aws:iam::${account}:role/developer`;
    const base = {
      principalAccount: account,
      ...(path ? { principalOrgPath: path } : {}),
      path: 'internet',
      resourceAccount: account,
      context: {
        'aws:SourceIp': '203.0.113.50',
        'aws:ViaAWSService': 'false',
        'aws:RequestedRegion': region,
      },
    } as const;
    for (const action of sampleActions) {
      scenarios.push({
        ...base,
        principal: `developer role in ${account} (${target})`,
        principalArn: dev,
        credential: 'human-role',
        action,
        resource: exampleResource(action, account, region),
        expect: 'deny',
        because: `${target} is listed in noInternetIngress`,
      });
    }
    scenarios.push({
      ...base,
      principal: `developer role in ${account} (${target})`,
      principalArn: dev,
      credential: 'human-role',
      action: 'ec2:CreateVpc',
      resource: exampleResource('ec2:CreateVpc', account, region),
      expect: 'allow',
      because: 'private networking is not an internet-ingress construct',
    });
    for (const ref of intent.guardrails.privilegedRoles) {
      scenarios.push({
        ...base,
        principal: `privileged role ${ref} in ${account}`,
        principalArn: concreteRoleArn(ref, account),
        credential: 'human-role',
        action: 'ec2:CreateInternetGateway',
        resource: exampleResource('ec2:CreateInternetGateway', account, region),
        expect: 'allow',
        because: 'guardrails.privilegedRoles are exempt',
      });
    }
  }
  return [
    {
      id: 'no-internet-ingress',
      kind: 'scp',
      title: 'No internet ingress',
      description: `Denies ${actions.length} actions that create internet entry points (internet gateways${intent.guardrails.noInternetIngress.egressOnlyInternetGateway ? ', egress-only internet gateways' : ''}${intent.guardrails.noInternetIngress.globalAccelerator ? ', Global Accelerator' : ''}) in ${targets.join(', ')}${privileged.length > 0 ? `, except for ${privileged.join(', ')}` : ''}.`,
      statements: [statement],
      attachment: { kind: 'org', targetIds: targets },
      scenarios,
      notes: [
        'SCPs do not apply to the management account or to service-linked roles: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
        'Existing internet gateways stay attached: the SCP prevents new ones; the scan findings list the existing ones.',
      ],
    },
  ];
}
