// Centralized interface endpoint policy (seed 004): one policy for many VPCs, granular per
// workload. aws:SourceVpc in an endpoint policy is always the endpoint's own (hub) VPC (DOMAIN.md
// §4 L4), so workloads are told apart by what travels with the credentials:
// - EC2 instance-role credentials: aws:EC2InstanceSourceVPC (+ aws:EC2InstanceSourcePrivateIPv4
//   CIDRs with IpAddress, never without the VPC: private addresses repeat across VPCs);
// - Lambda / ECS task / EKS pod roles (no EC2 keys): aws:PrincipalTag/<key>, together with
//   aws:PrincipalOrgID so a principal outside the organization cannot tag itself in.
// An endpoint policy is an allow list: what no statement allows is denied.
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
import type { EndpointPolicyIntent, EndpointWorkloadIntent } from '../../config/intent.js';
import { orgPathOf } from '../org.js';
import { attackerAccount, requestContext } from '../proof/context.js';
import type { GuardrailDraft, PolicyStatement, Scenario } from '../types.js';
import {
  addressIn,
  exampleResource,
  instanceRoles,
  ipv4InCidr,
  organizationId,
  pascal,
  roleNameOf,
  sortedUnique,
  type BuildInput,
} from './common.js';

export function workloadStatements(w: EndpointWorkloadIntent, orgId: string | undefined): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const base = {
    Effect: 'Allow' as const,
    Principal: '*' as const,
    Action: sortedUnique(w.actions),
    Resource: sortedUnique(w.resources),
  };
  if (w.ec2 !== undefined) {
    out.push({
      Sid: `${pascal(w.name)}Ec2Instances`,
      ...base,
      Condition: {
        StringEquals: { 'aws:EC2InstanceSourceVPC': sortedUnique(w.ec2.vpcs) },
        ...(w.ec2.privateCidrs.length > 0
          ? { IpAddress: { 'aws:EC2InstanceSourcePrivateIPv4': sortedUnique(w.ec2.privateCidrs) } }
          : {}),
      },
    });
  }
  if (w.principalTag !== undefined) {
    out.push({
      Sid: `${pascal(w.name)}TaggedRoles`,
      ...base,
      Condition: {
        StringEquals: {
          [`aws:PrincipalTag/${w.principalTag.key}`]: w.principalTag.value,
          ...(orgId !== undefined ? { 'aws:PrincipalOrgID': orgId } : {}),
        },
      },
    });
  }
  return out;
}

function scenarios(input: BuildInput, e: EndpointPolicyIntent, orgId: string | undefined): Scenario[] {
  const { estate } = input;
  const out: Scenario[] = [];
  const hubOwner = estate.vpcs.get(e.vpcId)?.ownerId;
  const vpce = e.endpointId ?? 'vpce-0hub000000000001';
  for (const w of e.workloads) {
    const own = exampleResource(w.resources[0]!);
    const other = e.workloads.find((o) => o.name !== w.name);
    const foreign = other ? exampleResource(other.resources[0]!) : undefined;
    const action = sortedUnique(w.actions)[0]!.replace(/\*/g, 'Get');
    const mk = (opts: {
      principal: string;
      arn: string;
      account: string;
      credential: Scenario['credential'];
      ec2?: { vpcId: string; privateIp: string };
      tags?: Record<string, string>;
      inOrg: boolean;
      resource: { arn: string; account?: string };
      expect: 'allow' | 'deny';
      because: string;
    }): Scenario => {
      const path = opts.inOrg ? orgPathOf(estate, opts.account) : undefined;
      const resAccount = opts.resource.account ?? opts.account;
      const resPath = orgPathOf(estate, resAccount);
      const sourceIp = opts.ec2?.privateIp ?? '10.20.30.40';
      return {
        principal: opts.principal,
        principalArn: opts.arn,
        principalAccount: opts.account,
        ...(path ? { principalOrgPath: path } : {}),
        ...(resPath ? { resourceOrgPath: resPath } : {}),
        credential: opts.credential,
        path: `hub endpoint ${vpce} in ${e.vpcId}`,
        action,
        resource: opts.resource.arn,
        resourceAccount: resAccount,
        context: requestContext({
          path: {
            kind: 'endpoint',
            vpcId: e.vpcId,
            vpceId: vpce,
            vpcSourceIp: sourceIp,
            ...(hubOwner ? { vpceAccount: hubOwner } : {}),
            ...(orgId ? { vpceOrgId: orgId } : {}),
            label: '',
          },
          region: e.region,
          principalAccount: opts.account,
          ...(opts.inOrg && orgId ? { principalOrgId: orgId } : {}),
          ...(opts.ec2
            ? {
                ec2: {
                  instanceArn: `arn:aws:ec2:${e.region}:${opts.account}:instance/i-0${w.name.length}proof00000001`,
                  ...opts.ec2,
                },
              }
            : {}),
          ...(opts.tags ? { tags: opts.tags } : {}),
        }),
        // The resource is reached through the hub endpoint: its policy applies.
        throughEndpoint: true,
        ...(resAccount !== opts.account
          ? {
              resourcePolicy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Sid: 'ProofGrant',
                    Effect: 'Allow',
                    Principal: { AWS: opts.arn },
                    Action: '*',
                    Resource: '*',
                  },
                ],
              },
            }
          : {}),
        expect: opts.expect,
        because: opts.because,
      };
    };
    const account = own.account ?? hubOwner ?? '000000000001';
    if (w.ec2 !== undefined) {
      const vpc = sortedUnique(w.ec2.vpcs)[0]!;
      const owner = estate.vpcs.get(vpc)?.ownerId ?? account;
      // A real instance of the workload (its role, its address) when the snapshot has one, so the
      // rows also exercise what other guardrails do to that role (e.g. an EC2 credential binding).
      const cidrs = sortedUnique(w.ec2.privateCidrs);
      const inst = [...estate.instances.values()]
        .filter((i) => i.vpcId === vpc && i.privateIp !== undefined && i.state !== 'terminated')
        .filter((i) => cidrs.length === 0 || cidrs.some((c) => ipv4InCidr(i.privateIp!, c)))
        .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
      const ip = inst?.privateIp ?? (cidrs.length > 0 ? addressIn(cidrs[0]!) : '10.0.0.10');
      const role = inst ? instanceRoles(estate, inst)[0] : undefined;
      const arn = role
        ? `arn:aws:sts::${role.split(':')[4]}:assumed-role/${roleNameOf(role)}/${inst!.id}`
        : `arn:aws:sts::${owner}:assumed-role/${w.name}-ec2/i-0proof`;
      const label = role
        ? `${roleNameOf(role)} on ${inst!.id} (${vpc}, ${ip})`
        : `${w.name} EC2 role (${vpc}, ${ip})`;
      out.push(
        mk({
          principal: label,
          arn,
          account: owner,
          credential: 'ec2-instance',
          ec2: { vpcId: vpc, privateIp: ip },
          inOrg: true,
          resource: own,
          expect: 'allow',
          because: `workload ${w.name}: its VPC, its resource`,
        }),
      );
      if (foreign)
        out.push(
          mk({
            principal: label,
            arn,
            account: owner,
            credential: 'ec2-instance',
            ec2: { vpcId: vpc, privateIp: ip },
            inOrg: true,
            resource: foreign,
            expect: 'deny',
            because: `${foreign.arn} belongs to workload ${other!.name}`,
          }),
        );
      if (w.ec2.privateCidrs.length > 0) {
        out.push(
          mk({
            principal: `${w.name} VPC, address outside its CIDRs (${vpc}, 192.0.2.10)`,
            arn,
            account: owner,
            credential: 'ec2-instance',
            ec2: { vpcId: vpc, privateIp: '192.0.2.10' },
            inOrg: true,
            resource: own,
            expect: 'deny',
            because: `192.0.2.10 is outside ${w.ec2.privateCidrs.join(', ')}`,
          }),
        );
      }
      out.push(
        mk({
          principal: `EC2 role in an unlisted VPC (vpc-0ffffffffffffff01)`,
          arn: `arn:aws:sts::${owner}:assumed-role/other-ec2/i-0other`,
          account: owner,
          credential: 'ec2-instance',
          ec2: { vpcId: 'vpc-0ffffffffffffff01', privateIp: ip },
          inOrg: true,
          resource: own,
          expect: 'deny',
          because: "its VPC is not one of the workload's VPCs",
        }),
      );
    }
    if (w.principalTag !== undefined) {
      const tags = { [w.principalTag.key]: w.principalTag.value };
      const arn = `arn:aws:sts::${account}:assumed-role/${w.name}-lambda/${w.name}-function`;
      out.push(
        mk({
          principal: `${w.name} Lambda role (tag ${w.principalTag.key}=${w.principalTag.value})`,
          arn,
          account,
          credential: 'workload-role',
          tags,
          inOrg: true,
          resource: own,
          expect: 'allow',
          because: `workload ${w.name}: tagged role, its resource`,
        }),
      );
      if (foreign)
        out.push(
          mk({
            principal: `${w.name} Lambda role (tag ${w.principalTag.key}=${w.principalTag.value})`,
            arn,
            account,
            credential: 'workload-role',
            tags,
            inOrg: true,
            resource: foreign,
            expect: 'deny',
            because: `${foreign.arn} belongs to workload ${other!.name}`,
          }),
        );
      out.push(
        mk({
          principal: 'untagged Lambda role',
          arn: `arn:aws:sts::${account}:assumed-role/untagged-lambda/fn`,
          account,
          credential: 'workload-role',
          inOrg: true,
          resource: own,
          expect: 'deny',
          because: 'no workload tag, no EC2 keys',
        }),
      );
      if (orgId !== undefined) {
        out.push(
          mk({
            principal: `outside role with tag ${w.principalTag.key}=${w.principalTag.value}`,
            arn: `arn:aws:sts::${attackerAccount}:assumed-role/${w.name}-lambda/x`,
            account: attackerAccount,
            credential: 'external',
            tags,
            inOrg: false,
            resource: own,
            expect: 'deny',
            because: 'the tag only counts inside the organization (aws:PrincipalOrgID)',
          }),
        );
      }
    }
  }
  return out;
}

export function buildEndpointPolicies(input: BuildInput): GuardrailDraft[] {
  const orgId = organizationId(input);
  return input.intent.guardrails.endpointPolicies.map((e) => {
    const serviceName = `com.amazonaws.${e.region}.${e.service}`;
    const existing = [...input.estate.vpcEndpoints.values()]
      .filter((v) => v.vpcId === e.vpcId && v.serviceName === serviceName)
      .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
    const endpointId = e.endpointId ?? existing?.id;
    const accountId = input.estate.vpcs.get(e.vpcId)?.ownerId ?? existing?.accountId;
    return {
      id: `endpoint-${e.service}-${e.vpcId}`,
      kind: 'vpce' as const,
      title: `Centralized ${e.service} endpoint policy`,
      description: `Endpoint policy for ${serviceName} in hub ${e.vpcId}${endpointId ? ` (${endpointId})` : ''}: ${e.workloads.length} workload(s), each allowed only its own resources.`,
      statements: e.workloads.flatMap((w) => workloadStatements(w, orgId)),
      attachment: {
        kind: 'endpoint' as const,
        service: e.service,
        serviceName,
        region: e.region,
        vpcId: e.vpcId,
        ...(endpointId ? { endpointId } : {}),
        ...(accountId ? { accountId } : {}),
      },
      scenarios: scenarios(input, e, orgId),
      notes: [
        "Never keyed on aws:SourceVpc / aws:SourceVpce: in an endpoint policy they are the hub endpoint's own values, whichever spoke VPC called (DOMAIN.md §4 L4).",
        'aws:EC2InstanceSourceVPC / aws:EC2InstanceSourcePrivateIPv4 exist only for EC2 instance-role credentials; Lambda, ECS task and EKS pod roles are matched by aws:PrincipalTag, which is only as strong as the control over who may tag roles (protect the tag key with an SCP or tag policy).',
        'Endpoint policy changes are eventually consistent: allow several minutes before testing (seed 004).',
        'Spoke VPCs reach the hub endpoint only when the Route 53 private hosted zone for the service is associated with them (seed 004).',
      ],
    };
  });
}
