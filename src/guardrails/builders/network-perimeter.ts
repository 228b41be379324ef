// Network and identity perimeter from the organization id, trusted CIDRs and endpoint ownership
// (compare ../shared/fixtures/policies-data-perimeter/service_control_policies/
// network_perimeter_vpceorgid_scp.json and resource_control_policies/identity_perimeter_rcp.json,
// network_perimeter_vpceorgid_rcp.json).
// SCP: our principals call the listed services only from trusted networks — trusted CIDRs and NAT
//   addresses (aws:SourceIp), VPC endpoints owned by the organization (aws:VpceOrgID) or, for
//   services without aws:VpceOrgID, our VPCs (aws:SourceVpc, pinned to its region).
// RCP: our resources of the listed services are reached only by principals of the organization
//   or trustedAccounts (aws:PrincipalOrgID / aws:PrincipalAccount), and only from trusted networks.
// aws:VpceOrgID is present only for some services; where it is absent, StringNotEqualsIfExists is
// true and every endpoint call would be denied — so those services are keyed on aws:SourceVpc:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpceorgid
// RCPs support a fixed list of services:
// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html
import { GuardrailError } from '../errors.js';
import {
  attackerAccount,
  attackerIp,
  attackerOrgId,
  attackerVpc,
  attackerVpce,
  requestContext,
  type NetworkPath,
} from '../proof/context.js';
import type { ConditionBlock, GuardrailDraft, PolicyStatement, Scenario } from '../types.js';
import {
  addressIn,
  checkTargets,
  cidrOf,
  natAddresses,
  proofPrincipal,
  proofRegion,
  requireOrganizationId,
  sortedUnique,
  vpcsUnder,
  type BuildInput,
} from './common.js';

/** Services that populate aws:VpceOrgID (as listed in network_perimeter_vpceorgid_scp.json). */
export const vpceOrgIdServices: readonly string[] = [
  'acm-pca',
  'applicationinsights',
  'apprunner',
  'athena',
  'b2bi',
  'cassandra',
  'cloudformation',
  'cognito-identity',
  'comprehendmedical',
  'compute-optimizer',
  'datasync',
  'discovery',
  'dms',
  'ds-data',
  'ebs',
  'ecr',
  'ecs',
  'firehose',
  'healthlake',
  'identitystore',
  'iotfleetwise',
  'iottwinmaker',
  'iotwireless',
  'kinesisanalytics',
  'kms',
  'lambda',
  'medical-imaging',
  'network-firewall',
  'omics',
  'payment-cryptography',
  'polly',
  'pricing',
  'rbin',
  'rekognition',
  'route53',
  's3',
  'scheduler',
  'servicediscovery',
  'servicequotas',
  'ses',
  'sms-voice',
  'sqs',
  'ssm-contacts',
  'storagegateway',
  'textract',
  'transcribe',
  'transfer',
  'workmail',
];

/** Services RCPs apply to (as listed in identity_perimeter_rcp.json). */
export const rcpServices: readonly string[] = [
  'aoss',
  'cognito-identity',
  'cognito-idp',
  'dynamodb',
  'ecr',
  'kms',
  'logs',
  's3',
  'secretsmanager',
  'sqs',
  'sts',
];

const ec2Infrastructure = 'arn:aws:iam::*:role/aws:ec2-infrastructure';

interface PerimeterFacts {
  readonly orgId: string;
  readonly targets: readonly string[];
  readonly services: readonly string[];
  readonly trustedCidrs: readonly string[];
  readonly natIps: readonly string[];
  readonly trustedAccounts: readonly string[];
  /** VPCs (with region) for services keyed on aws:SourceVpc. */
  readonly vpcs: readonly { readonly id: string; readonly region: string }[];
}

function facts(input: BuildInput): PerimeterFacts | undefined {
  const np = input.intent.guardrails.networkPerimeter;
  if (np === undefined) return undefined;
  const orgId = requireOrganizationId(input, 'guardrails.networkPerimeter');
  const targets = sortedUnique(np.targets);
  checkTargets(input.estate, 'guardrails.networkPerimeter', targets);
  const vpcIds = sortedUnique([
    ...vpcsUnder(input.estate, targets),
    ...input.intent.guardrails.endpointPolicies.map((e) => e.vpcId),
  ]);
  const vpcs = vpcIds.flatMap((id) => {
    const v = input.estate.vpcs.get(id);
    const region = v?.region ?? input.intent.guardrails.endpointPolicies.find((e) => e.vpcId === id)?.region;
    return region === undefined ? [] : [{ id, region }];
  });
  return {
    orgId,
    targets,
    services: sortedUnique(np.services),
    trustedCidrs: sortedUnique(input.intent.trustedCidrs),
    natIps: np.natGateways ? sortedUnique(vpcIds.flatMap((v) => natAddresses(input.estate, v))) : [],
    trustedAccounts: sortedUnique(input.intent.trustedAccounts.map((a) => a.id)),
    vpcs,
  };
}

function trustedNetworks(f: PerimeterFacts): string[] {
  return sortedUnique([...f.trustedCidrs, ...f.natIps.map(cidrOf)]);
}

export function perimeterScpStatements(f: PerimeterFacts): PolicyStatement[] {
  const nets = trustedNetworks(f);
  const viaOrg = f.services.filter((s) => vpceOrgIdServices.includes(s));
  const viaVpc = f.services.filter((s) => !vpceOrgIdServices.includes(s));
  const sourceIp: ConditionBlock = nets.length > 0 ? { NotIpAddressIfExists: { 'aws:SourceIp': nets } } : {};
  const common = {
    BoolIfExists: { 'aws:ViaAWSService': 'false' },
    ArnNotLikeIfExists: { 'aws:PrincipalArn': [ec2Infrastructure] },
  };
  const out: PolicyStatement[] = [];
  if (viaOrg.length > 0) {
    out.push({
      Sid: 'EnforceNetworkPerimeterVpceOrgID',
      Effect: 'Deny',
      Action: viaOrg.map((s) => `${s}:*`),
      Resource: '*',
      Condition: {
        ...sourceIp,
        StringNotEqualsIfExists: {
          'aws:VpceOrgID': f.orgId,
          ...(f.trustedAccounts.length > 0 ? { 'aws:VpceAccount': f.trustedAccounts } : {}),
        },
        ...common,
      },
    });
  }
  if (viaVpc.length > 0) {
    if (f.vpcs.length === 0) {
      throw new GuardrailError([
        `guardrails.networkPerimeter: ${viaVpc.join(', ')} do not support aws:VpceOrgID and must be keyed on aws:SourceVpc, but the snapshot has no VPCs under ${f.targets.join(', ')} (remove them from services or include the VPCs in the snapshot)`,
      ]);
    }
    out.push({
      Sid: 'EnforceNetworkPerimeterSourceVpc',
      Effect: 'Deny',
      Action: viaVpc.map((s) => `${s}:*`),
      Resource: '*',
      Condition: {
        ...sourceIp,
        StringNotEqualsIfExists: { 'aws:SourceVpc': f.vpcs.map((v) => v.id) },
        ...common,
      },
    });
    f.vpcs.forEach((v, i) =>
      out.push({
        Sid: `SourceVpcRegion${i + 1}`,
        Effect: 'Deny',
        Action: viaVpc.map((s) => `${s}:*`),
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceVpc': v.id },
          StringNotEqualsIfExists: { 'aws:RequestedRegion': v.region },
        },
      }),
    );
  }
  return out;
}

export function perimeterRcpStatements(f: PerimeterFacts): PolicyStatement[] {
  const unsupported = f.services.filter((s) => !rcpServices.includes(s));
  if (unsupported.length > 0) {
    throw new GuardrailError([
      `guardrails.networkPerimeter: RCPs do not apply to ${unsupported.join(', ')} (RCP services: ${rcpServices.join(', ')}); set rcp: false or remove them from services`,
    ]);
  }
  const actions = f.services.map((s) => `${s}:*`);
  const nets = trustedNetworks(f);
  const out: PolicyStatement[] = [
    {
      Sid: 'EnforceIdentityPerimeter',
      Effect: 'Deny',
      Principal: '*',
      Action: actions,
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: {
          'aws:PrincipalOrgID': f.orgId,
          ...(f.trustedAccounts.length > 0 ? { 'aws:PrincipalAccount': f.trustedAccounts } : {}),
        },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    },
  ];
  const viaOrg = f.services.filter((s) => vpceOrgIdServices.includes(s));
  if (viaOrg.length > 0) {
    out.push({
      Sid: 'EnforceNetworkPerimeterOnResources',
      Effect: 'Deny',
      Principal: '*',
      Action: viaOrg.map((s) => `${s}:*`),
      Resource: '*',
      Condition: {
        ...(nets.length > 0 ? { NotIpAddressIfExists: { 'aws:SourceIp': nets } } : {}),
        StringNotEqualsIfExists: {
          'aws:VpceOrgID': f.orgId,
          ...(f.trustedAccounts.length > 0 ? { 'aws:PrincipalAccount': f.trustedAccounts } : {}),
        },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false' },
        ArnNotLikeIfExists: { 'aws:PrincipalArn': [ec2Infrastructure] },
      },
    });
  }
  return out;
}

function sampleAction(service: string): string {
  const known: Record<string, string> = {
    s3: 's3:GetObject',
    sqs: 'sqs:SendMessage',
    kms: 'kms:Decrypt',
    dynamodb: 'dynamodb:GetItem',
    secretsmanager: 'secretsmanager:GetSecretValue',
    ecr: 'ecr:BatchGetImage',
    logs: 'logs:PutLogEvents',
  };
  return known[service] ?? `${service}:List`;
}

function sampleResource(service: string, account: string, region: string): string {
  if (service === 's3') return `arn:aws:s3:::perimeter-proof-${account}/data.csv`;
  return `arn:aws:${service}:${region}:${account}:perimeter-proof`;
}

export function buildNetworkPerimeter(input: BuildInput): GuardrailDraft[] {
  const np = input.intent.guardrails.networkPerimeter;
  const f = facts(input);
  if (np === undefined || f === undefined) return [];
  const { estate } = input;
  const region = proofRegion(estate);
  const { account, path } = proofPrincipal(estate, f.targets[0]!);
  const nets = trustedNetworks(f);
  const dev = `arn:aws:iam::${account}:role/developer`;
  const svc = f.services.find((s) => vpceOrgIdServices.includes(s)) ?? f.services[0]!;
  const action = sampleAction(svc);
  const resource = sampleResource(svc, account, region);
  const inOrgPath = path ? { principalOrgPath: path, resourceOrgPath: path } : {};
  const row = (
    principal: string,
    arn: string,
    p: NetworkPath,
    expect: 'allow' | 'deny',
    because: string,
    over: Partial<Scenario> = {},
  ): Scenario => ({
    principal,
    principalArn: arn,
    principalAccount: account,
    ...inOrgPath,
    credential: 'human-role',
    path: p.label,
    action,
    resource,
    resourceAccount: account,
    context: requestContext({ path: p, region, principalAccount: account, principalOrgId: f.orgId }),
    expect,
    because,
    ...over,
  });
  const orgEndpoint: NetworkPath = {
    kind: 'endpoint',
    vpcId: f.vpcs[0]?.id ?? 'vpc-0org000000000001',
    vpceId: 'vpce-0org000000000001',
    vpcSourceIp: '10.0.0.10',
    vpceOrgId: f.orgId,
    vpceAccount: account,
    label: 'endpoint owned by the organization',
  };
  const foreignEndpoint: NetworkPath = {
    kind: 'endpoint',
    vpcId: attackerVpc,
    vpceId: attackerVpce,
    vpcSourceIp: '10.0.0.10',
    vpceOrgId: attackerOrgId,
    vpceAccount: attackerAccount,
    label: `endpoint in another organization (${attackerVpc})`,
  };
  const drafts: GuardrailDraft[] = [];
  if (np.scp) {
    const scenarios: Scenario[] = [];
    if (vpceOrgIdServices.includes(svc))
      scenarios.push(
        row(
          `developer role in ${account}`,
          dev,
          orgEndpoint,
          'allow',
          'endpoint owned by the organization (aws:VpceOrgID)',
        ),
      );
    if (nets[0] !== undefined) {
      const ip = addressIn(nets[0]);
      scenarios.push(
        row(
          `developer role in ${account}`,
          dev,
          { kind: 'internet', sourceIp: ip, label: `trusted network ${ip}` },
          'allow',
          `${nets[0]} is a trusted network (trustedCidrs or NAT gateway)`,
        ),
      );
    }
    scenarios.push(
      row(
        `developer role in ${account}, stolen`,
        dev,
        { kind: 'internet', sourceIp: attackerIp, label: `internet ${attackerIp}` },
        'deny',
        'not a trusted network',
      ),
      row(
        `developer role in ${account}, stolen`,
        dev,
        foreignEndpoint,
        'deny',
        'endpoint owned by another organization',
      ),
      row(
        `developer role in ${account}`,
        dev,
        { kind: 'aws-service', service: 'athena.amazonaws.com', label: 'via Athena' },
        'allow',
        "AWS services calling on the principal's behalf are exempt",
      ),
      row(
        `developer role in ${account}`,
        dev,
        { kind: 'internet', sourceIp: attackerIp, label: `internet ${attackerIp}` },
        'allow',
        'ec2 is not in networkPerimeter.services',
        {
          action: 'ec2:DescribeInstances',
          resource: '*',
        },
      ),
    );
    const vpcSvc = f.services.find((s) => !vpceOrgIdServices.includes(s));
    if (vpcSvc !== undefined && f.vpcs[0] !== undefined) {
      const v = f.vpcs[0];
      const over = { action: sampleAction(vpcSvc), resource: sampleResource(vpcSvc, account, v.region) };
      scenarios.push(
        row(
          `developer role in ${account}`,
          dev,
          {
            kind: 'endpoint',
            vpcId: v.id,
            vpceId: 'vpce-0own000000000001',
            vpcSourceIp: '10.0.0.10',
            label: `endpoint in ${v.id}`,
          },
          'allow',
          `${v.id} is one of the organization's VPCs`,
          {
            ...over,
            context: requestContext({
              path: {
                kind: 'endpoint',
                vpcId: v.id,
                vpceId: 'vpce-0own000000000001',
                vpcSourceIp: '10.0.0.10',
                label: '',
              },
              region: v.region,
              principalAccount: account,
              principalOrgId: f.orgId,
            }),
          },
        ),
        row(
          `developer role in ${account}, stolen`,
          dev,
          foreignEndpoint,
          'deny',
          `${attackerVpc} is not one of the organization's VPCs`,
          over,
        ),
      );
    }
    drafts.push({
      id: 'network-perimeter-scp',
      kind: 'scp',
      title: 'Network perimeter (SCP)',
      description: `Denies ${f.services.join(', ')} calls by principals in ${f.targets.join(', ')} unless they come from trusted networks (${nets.join(', ') || 'none'}), endpoints owned by ${f.orgId}${f.trustedAccounts.length > 0 ? ` or trusted accounts` : ''}, or an AWS service on their behalf.`,
      statements: perimeterScpStatements(f),
      attachment: { kind: 'org', targetIds: f.targets },
      scenarios,
      notes: [
        'aws:VpceOrgID is only present for some services; services without it are keyed on aws:SourceVpc with a per-VPC aws:RequestedRegion statement (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-vpceorgid).',
        'The role aws:ec2-infrastructure (EBS encryption with KMS on behalf of EC2) is exempt, as in the AWS data-perimeter examples.',
        ...(f.natIps.length > 0
          ? [`NAT gateway addresses trusted as static egress points: ${f.natIps.join(', ')}.`]
          : []),
      ],
    });
  }
  if (np.rcp) {
    const vendor = f.trustedAccounts[0];
    const grant = (arn: string) => ({
      Version: '2012-10-17' as const,
      Statement: [
        { Sid: 'ProofGrant', Effect: 'Allow' as const, Principal: { AWS: arn }, Action: '*', Resource: '*' },
      ],
    });
    const outsiderArn = `arn:aws:iam::${attackerAccount}:role/outsider`;
    const scenarios: Scenario[] = [
      row(
        `developer role in ${account}`,
        dev,
        nets[0] !== undefined
          ? { kind: 'internet', sourceIp: addressIn(nets[0]), label: `trusted network ${addressIn(nets[0])}` }
          : orgEndpoint,
        'allow',
        'organization principal, trusted network',
      ),
      {
        ...row(
          `role in outside account ${attackerAccount}`,
          outsiderArn,
          { kind: 'internet', sourceIp: attackerIp, label: `internet ${attackerIp}` },
          'deny',
          'not an organization principal, even with a resource policy granting it',
        ),
        principalAccount: attackerAccount,
        principalOrgPath: undefined,
        credential: 'external',
        context: requestContext({
          path: { kind: 'internet', sourceIp: attackerIp, label: '' },
          region,
          principalAccount: attackerAccount,
        }),
        resourcePolicy: grant(outsiderArn),
      },
      row(
        `developer role in ${account}, stolen`,
        dev,
        { kind: 'internet', sourceIp: attackerIp, label: `internet ${attackerIp}` },
        'deny',
        'organization principal from an untrusted network',
      ),
    ];
    if (vendor !== undefined) {
      const vendorArn = `arn:aws:iam::${vendor}:role/vendor`;
      scenarios.push({
        ...row(
          `role in trusted account ${vendor}`,
          vendorArn,
          { kind: 'internet', sourceIp: '192.0.2.80', label: 'internet 192.0.2.80 (vendor network)' },
          'allow',
          `${vendor} is in trustedAccounts`,
        ),
        principalAccount: vendor,
        principalOrgPath: undefined,
        credential: 'external',
        context: requestContext({
          path: { kind: 'internet', sourceIp: '192.0.2.80', label: '' },
          region,
          principalAccount: vendor,
        }),
        resourcePolicy: grant(vendorArn),
      });
    }
    drafts.push({
      id: 'resource-perimeter-rcp',
      kind: 'rcp',
      title: 'Identity and network perimeter for resources (RCP)',
      description: `Denies access to ${f.services.join(', ')} resources in ${f.targets.join(', ')} by principals outside ${f.orgId}${f.trustedAccounts.length > 0 ? ` and trustedAccounts` : ''}, and from networks that are not trusted.`,
      statements: perimeterRcpStatements(f),
      attachment: { kind: 'org', targetIds: f.targets },
      scenarios: scenarios.map((s) =>
        s.principalOrgPath === undefined ? (({ principalOrgPath: _p, ...rest }) => rest)(s) : s,
      ),
      notes: [
        "RCPs apply to the listed services only and never to the management account's resources; RCPFullAWSAccess stays attached (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).",
        'Service principals (aws:PrincipalIsAWSService) are exempt; add aws:SourceOrgID confused-deputy statements per service when needed.',
      ],
    });
  }
  return drafts;
}
