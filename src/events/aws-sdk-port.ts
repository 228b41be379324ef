// AwsPort over AWS SDK v3 (EC2, SNS; STS to act in other accounts of the organization).
// Error codes EC2 returns here: InvalidVpcPeeringConnectionID.NotFound, InvalidInternetGatewayID.NotFound,
// InvalidGroup.NotFound, InvalidStateTransition (reject after the peer accepted), DependencyViolation
// (detach with mapped public addresses), RequestLimitExceeded (throttling).
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
import {
  DeleteInternetGatewayCommand,
  DeleteRouteCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  EC2Client,
  RejectVpcPeeringConnectionCommand,
  RevokeSecurityGroupIngressCommand,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type {
  AwsPort,
  InternetGatewayView,
  PeeringView,
  PortFactory,
  RouteRef,
  SecurityGroupRuleView,
} from './aws-port.js';
import { awsErrorCode } from './aws-port.js';
import type { RouteDestination } from './event-types.js';

export interface SdkPortOptions {
  readonly ec2: EC2Client;
  readonly sns?: SNSClient;
  /** SNS topic for escalations; publish fails loudly without one. */
  readonly topicArn?: string;
}

function routeDestination(r: {
  DestinationCidrBlock?: string;
  DestinationIpv6CidrBlock?: string;
  DestinationPrefixListId?: string;
}): RouteDestination | undefined {
  if (r.DestinationCidrBlock) return { kind: 'cidr', cidr: r.DestinationCidrBlock };
  if (r.DestinationIpv6CidrBlock) return { kind: 'ipv6', cidr: r.DestinationIpv6CidrBlock };
  if (r.DestinationPrefixListId) return { kind: 'prefix-list', prefixListId: r.DestinationPrefixListId };
  return undefined;
}

/** SDK output → the JSON the AWS CLI prints (Dates as ISO strings), for buildEstate. */
function asJson<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown;
}

export class SdkAwsPort implements AwsPort {
  readonly #ec2: EC2Client;
  readonly #sns: SNSClient | undefined;
  readonly #topicArn: string | undefined;

  constructor(o: SdkPortOptions) {
    this.#ec2 = o.ec2;
    this.#sns = o.sns;
    this.#topicArn = o.topicArn;
  }

  async describePeering(pcxId: string): Promise<PeeringView | undefined> {
    try {
      const r = await this.#ec2.send(
        new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [pcxId] }),
      );
      const p = r.VpcPeeringConnections?.find((c) => c.VpcPeeringConnectionId === pcxId);
      if (!p) return undefined;
      return {
        id: pcxId,
        status: p.Status?.Code ?? 'unknown',
        ...(p.RequesterVpcInfo?.OwnerId ? { requesterAccountId: p.RequesterVpcInfo.OwnerId } : {}),
        ...(p.RequesterVpcInfo?.VpcId ? { requesterVpcId: p.RequesterVpcInfo.VpcId } : {}),
        ...(p.AccepterVpcInfo?.OwnerId ? { accepterAccountId: p.AccepterVpcInfo.OwnerId } : {}),
        ...(p.AccepterVpcInfo?.VpcId ? { accepterVpcId: p.AccepterVpcInfo.VpcId } : {}),
        ...(p.ExpirationTime ? { expirationTime: new Date(p.ExpirationTime).toISOString() } : {}),
      };
    } catch (err) {
      if (awsErrorCode(err) === 'InvalidVpcPeeringConnectionID.NotFound') return undefined;
      throw err;
    }
  }

  async deletePeering(pcxId: string): Promise<void> {
    await this.#ec2.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId }));
  }

  async rejectPeering(pcxId: string): Promise<void> {
    await this.#ec2.send(new RejectVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcxId }));
  }

  async describeRoutesTargeting(targetId: string): Promise<RouteRef[]> {
    const filter = targetId.startsWith('pcx-') ? 'route.vpc-peering-connection-id' : 'route.gateway-id';
    const tables: RouteTable[] = [];
    let token: string | undefined;
    do {
      const r = await this.#ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [{ Name: filter, Values: [targetId] }],
          ...(token ? { NextToken: token } : {}),
        }),
      );
      tables.push(...(r.RouteTables ?? []));
      token = r.NextToken;
    } while (token);
    const out: RouteRef[] = [];
    for (const t of tables) {
      for (const route of t.Routes ?? []) {
        if (route.VpcPeeringConnectionId !== targetId && route.GatewayId !== targetId) continue;
        const destination = routeDestination(route);
        if (t.RouteTableId && destination) out.push({ routeTableId: t.RouteTableId, destination });
      }
    }
    return out;
  }

  async deleteRoute(route: RouteRef): Promise<void> {
    const d = route.destination;
    await this.#ec2.send(
      new DeleteRouteCommand({
        RouteTableId: route.routeTableId,
        ...(d.kind === 'cidr'
          ? { DestinationCidrBlock: d.cidr }
          : d.kind === 'ipv6'
            ? { DestinationIpv6CidrBlock: d.cidr }
            : { DestinationPrefixListId: d.prefixListId }),
      }),
    );
  }

  async describeInternetGateway(igwId: string): Promise<InternetGatewayView | undefined> {
    try {
      const r = await this.#ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igwId] }));
      const g = r.InternetGateways?.find((x) => x.InternetGatewayId === igwId);
      if (!g) return undefined;
      return {
        id: igwId,
        attachments: (g.Attachments ?? []).flatMap((a) =>
          a.VpcId ? [{ vpcId: a.VpcId, state: a.State ?? 'unknown' }] : [],
        ),
      };
    } catch (err) {
      if (awsErrorCode(err) === 'InvalidInternetGatewayID.NotFound') return undefined;
      throw err;
    }
  }

  async detachInternetGateway(igwId: string, vpcId: string): Promise<void> {
    await this.#ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  }

  async deleteInternetGateway(igwId: string): Promise<void> {
    await this.#ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));
  }

  async describeSecurityGroupRules(groupId: string): Promise<SecurityGroupRuleView[] | undefined> {
    const out: SecurityGroupRuleView[] = [];
    let token: string | undefined;
    do {
      const r = await this.#ec2.send(
        new DescribeSecurityGroupRulesCommand({
          Filters: [{ Name: 'group-id', Values: [groupId] }],
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const x of r.SecurityGroupRules ?? []) {
        if (!x.SecurityGroupRuleId) continue;
        out.push({
          ruleId: x.SecurityGroupRuleId,
          isEgress: x.IsEgress === true,
          protocol: (x.IpProtocol ?? '-1').toLowerCase(),
          ...(x.FromPort !== undefined ? { fromPort: x.FromPort } : {}),
          ...(x.ToPort !== undefined ? { toPort: x.ToPort } : {}),
          ...(x.CidrIpv4 ? { cidrV4: x.CidrIpv4 } : {}),
          ...(x.CidrIpv6 ? { cidrV6: x.CidrIpv6 } : {}),
          ...(x.PrefixListId ? { prefixListId: x.PrefixListId } : {}),
        });
      }
      token = r.NextToken;
    } while (token);
    if (out.length > 0) return out;
    // A group always has rules unless they were all removed; an empty answer needs a second look.
    try {
      await this.#ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
      return out;
    } catch (err) {
      if (awsErrorCode(err) === 'InvalidGroup.NotFound') return undefined;
      throw err;
    }
  }

  async revokeSecurityGroupIngress(groupId: string, ruleIds: readonly string[]): Promise<void> {
    const r = await this.#ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [...ruleIds] }),
    );
    // Revoke can "succeed" without revoking: Return false or UnknownIpPermissions set. The caller
    // verifies anyway; say so in the error when AWS tells us.
    if (r.Return === false || (r.UnknownIpPermissions?.length ?? 0) > 0) {
      const e = new Error(
        `RevokeSecurityGroupIngress on ${groupId} returned Return=${String(r.Return)} with ${r.UnknownIpPermissions?.length ?? 0} unknown permission(s) for rules ${ruleIds.join(', ')} (expected Return=true and none unknown)`,
      );
      e.name = 'RevokeNotApplied';
      throw e;
    }
  }

  async publish(subject: string, message: string): Promise<void> {
    if (!this.#sns || !this.#topicArn) {
      const e = new Error(
        `no SNS topic configured for escalation (expected PERIMETER_TOPIC_ARN); message was: ${subject}`,
      );
      e.name = 'NoTopicConfigured';
      throw e;
    }
    // SNS subjects: at most 100 printable ASCII characters.
    const safeSubject = subject.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
    await this.#sns.send(
      new PublishCommand({ TopicArn: this.#topicArn, Subject: safeSubject, Message: message }),
    );
  }

  async collectState(): Promise<Record<string, unknown>[]> {
    const docs: Record<string, unknown>[] = [];
    const paged = async <O extends { NextToken?: string }>(
      key: string,
      call: (token: string | undefined) => Promise<O>,
      pick: (o: O) => unknown[] | undefined,
    ) => {
      const all: unknown[] = [];
      let token: string | undefined;
      do {
        const r = await call(token);
        all.push(...(pick(r) ?? []));
        token = r.NextToken;
      } while (token);
      docs.push({ [key]: asJson(all) });
    };
    const t = (token: string | undefined) => (token ? { NextToken: token } : {});
    await paged(
      'Vpcs',
      (k) => this.#ec2.send(new DescribeVpcsCommand(t(k))),
      (o) => o.Vpcs,
    );
    await paged(
      'VpcPeeringConnections',
      (k) => this.#ec2.send(new DescribeVpcPeeringConnectionsCommand(t(k))),
      (o) => o.VpcPeeringConnections,
    );
    await paged(
      'RouteTables',
      (k) => this.#ec2.send(new DescribeRouteTablesCommand(t(k))),
      (o) => o.RouteTables,
    );
    await paged(
      'InternetGateways',
      (k) => this.#ec2.send(new DescribeInternetGatewaysCommand(t(k))),
      (o) => o.InternetGateways,
    );
    await paged(
      'SecurityGroups',
      (k) => this.#ec2.send(new DescribeSecurityGroupsCommand(t(k))),
      (o) => o.SecurityGroups,
    );
    await paged(
      'VpcEndpoints',
      (k) => this.#ec2.send(new DescribeVpcEndpointsCommand(t(k))),
      (o) => o.VpcEndpoints,
    );
    return docs;
  }
}

export interface SdkPortFactoryOptions {
  /** The account the code runs in; other accounts are reached by assuming `roleName` there. */
  readonly homeAccountId?: string;
  readonly roleName?: string;
  /** Sent as ExternalId when assuming `roleName` (the member role's trust may require it). */
  readonly externalId?: string;
  readonly topicArn?: string;
  /** The SNS topic's region (escalations always go to one topic). */
  readonly topicRegion?: string;
}

/**
 * The ARN partition of a region: aws-cn for cn-*, aws-us-gov for us-gov-*, else aws
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). ISO partitions are not
 * modelled: they fall back to aws, and AssumeRole there fails with the ARN in the message.
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Credentials of the member-account remediation role `roleName` in `accountId` (ExternalId when
 * the role's trust requires one; infra/lib/perimeter-member-role-stack.ts creates the role).
 */
export function memberRoleCredentials(
  role: { readonly roleName: string; readonly externalId?: string },
  accountId: string,
  region: string,
  sts: STSClient = new STSClient({ region }),
): () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }> {
  return async () => {
    const r = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:${partitionOf(region)}:iam::${accountId}:role/${role.roleName}`,
        RoleSessionName: 'perimeter-remediator',
        ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
      }),
    );
    const c = r.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new Error(`sts:AssumeRole into ${accountId} returned no credentials`);
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: new Date(c.Expiration) } : {}),
    };
  };
}

/** One SdkAwsPort per account/region; other accounts through sts:AssumeRole on `roleName`. */
export function sdkPortFactory(o: SdkPortFactoryOptions): PortFactory {
  const cache = new Map<string, AwsPort>();
  const sns = o.topicArn ? new SNSClient(o.topicRegion ? { region: o.topicRegion } : {}) : undefined;
  return (accountId, region) => {
    const key = `${accountId}/${region}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const foreign = o.homeAccountId !== undefined && accountId !== o.homeAccountId;
    const roleName = foreign ? o.roleName : undefined;
    if (foreign && !roleName) {
      throw new Error(
        `cannot act in account ${accountId} from ${o.homeAccountId}: no remediation role name configured (expected PERIMETER_ROLE_NAME)`,
      );
    }
    const credentials = roleName
      ? memberRoleCredentials(
          { roleName, ...(o.externalId !== undefined ? { externalId: o.externalId } : {}) },
          accountId,
          region,
        )
      : undefined;
    const port = new SdkAwsPort({
      ec2: new EC2Client({ region, ...(credentials ? { credentials } : {}) }),
      ...(sns ? { sns } : {}),
      ...(o.topicArn ? { topicArn: o.topicArn } : {}),
    });
    cache.set(key, port);
    return port;
  };
}

/** The account the default credentials belong to (sts:GetCallerIdentity needs no permission). */
export async function callerAccountId(
  region: string,
  sts: STSClient = new STSClient({ region }),
): Promise<string> {
  const r = await sts.send(new GetCallerIdentityCommand({}));
  if (!r.Account)
    throw new Error('sts:GetCallerIdentity returned no Account (expected a 12-digit account id)');
  return r.Account;
}
