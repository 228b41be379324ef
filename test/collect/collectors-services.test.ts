import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeListenersCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterEach, describe, expect, it } from 'vitest';
import { accountAuthorizationDetails } from '../../src/collect/collectors/account-authorization-details.js';
import { dbInstances } from '../../src/collect/collectors/db-instances.js';
import { hostedZoneVpcs } from '../../src/collect/collectors/hosted-zone-vpcs.js';
import { loadBalancerListeners } from '../../src/collect/collectors/load-balancer-listeners.js';
import { loadBalancerTargetHealth } from '../../src/collect/collectors/load-balancer-target-health.js';
import { runCollector } from './helpers.js';

const elb = mockClient(ElasticLoadBalancingV2Client);
const iam = mockClient(IAMClient);
const rds = mockClient(RDSClient);
const r53 = mockClient(Route53Client);
afterEach(() => {
  elb.reset();
  iam.reset();
  rds.reset();
  r53.reset();
});

const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/web/1';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/2';

describe('ELBv2, RDS, Route 53 and IAM collectors', () => {
  it('LoadBalancerListeners: DescribeListeners per load balancer, ARN beside its listeners', async () => {
    const listener = { ListenerArn: `${LB}/l1`, LoadBalancerArn: LB, Port: 443, Protocol: 'TLS' as const };
    elb
      .on(DescribeListenersCommand)
      .resolvesOnce({ Listeners: [listener], NextMarker: 'm' })
      .resolvesOnce({ Listeners: [{ ...listener, ListenerArn: `${LB}/l2`, Port: 80 }] });
    const out = await runCollector(loadBalancerListeners, [{ LoadBalancerArn: LB }]);
    expect(out.calls).toBe(2);
    expect(out.documents[0]?.data).toEqual({
      LoadBalancerListeners: [
        { LoadBalancerArn: LB, Listeners: [listener, { ...listener, ListenerArn: `${LB}/l2`, Port: 80 }] },
      ],
    });
  });

  it('LoadBalancerTargetHealth: TargetGroupArn beside its TargetHealthDescriptions (Batfish shape)', async () => {
    const d = { Target: { Id: 'i-1', Port: 80 }, TargetHealth: { State: 'healthy' as const } };
    elb.on(DescribeTargetHealthCommand, { TargetGroupArn: TG }).resolves({ TargetHealthDescriptions: [d] });
    const out = await runCollector(loadBalancerTargetHealth, [{ TargetGroupArn: TG }]);
    expect(out.documents).toEqual([
      {
        file: 'LoadBalancerTargetHealth.json',
        data: { LoadBalancerTargetHealth: [{ TargetGroupArn: TG, TargetHealthDescriptions: [d] }] },
      },
    ]);
  });

  it('DBInstances: Marker pagination, both pages merged', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'a' }], Marker: 'm1' })
      .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'b' }] });
    const out = await runCollector(dbInstances);
    expect(out.documents[0]?.data).toEqual({
      DBInstances: [{ DBInstanceIdentifier: 'a' }, { DBInstanceIdentifier: 'b' }],
    });
  });

  it('HostedZone: GetHostedZone for private zones only, one file per zone with its VPCs', async () => {
    r53.on(GetHostedZoneCommand, { Id: '/hostedzone/ZPRIV' }).resolves({
      HostedZone: {
        Id: '/hostedzone/ZPRIV',
        Name: 'corp.internal.',
        CallerReference: 'c',
        Config: { PrivateZone: true },
      },
      VPCs: [{ VPCId: 'vpc-hub', VPCRegion: 'us-east-1' }],
    });
    const out = await runCollector(hostedZoneVpcs, [
      { Id: '/hostedzone/ZPUB', Name: 'example.com.', Config: { PrivateZone: false } },
      { Id: '/hostedzone/ZPRIV', Name: 'corp.internal.', Config: { PrivateZone: true } },
    ]);
    expect(r53.commandCalls(GetHostedZoneCommand).map((c) => c.args[0].input.Id)).toEqual([
      '/hostedzone/ZPRIV',
    ]);
    expect(out.documents).toEqual([
      {
        file: 'HostedZone-ZPRIV.json',
        data: {
          HostedZone: {
            Id: '/hostedzone/ZPRIV',
            Name: 'corp.internal.',
            CallerReference: 'c',
            Config: { PrivateZone: true },
          },
          VPCs: [{ VPCId: 'vpc-hub', VPCRegion: 'us-east-1' }],
        },
      },
    ]);
  });

  it('AccountAuthorizationDetails: every page merged, URL-encoded documents decoded as the CLI prints them', async () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({
        UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::111122223333:user/alice' }],
        RoleDetailList: [
          {
            RoleName: 'web',
            Arn: 'arn:aws:iam::111122223333:role/web',
            AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
          },
        ],
        IsTruncated: true,
        Marker: 'm',
      })
      .resolvesOnce({
        GroupDetailList: [{ GroupName: 'admins', Arn: 'arn:aws:iam::111122223333:group/admins' }],
        Policies: [
          {
            PolicyName: 'p',
            Arn: 'arn:aws:iam::111122223333:policy/p',
            PolicyVersionList: [
              { VersionId: 'v1', IsDefaultVersion: true, Document: '%7B%22Version%22%3A%222012-10-17%22%7D' },
            ],
          },
        ],
        IsTruncated: false,
      });
    const out = await runCollector(accountAuthorizationDetails);
    expect(out.calls).toBe(2);
    expect(out.documents).toEqual([
      {
        file: 'AccountAuthorizationDetails.json',
        data: {
          UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::111122223333:user/alice' }],
          GroupDetailList: [{ GroupName: 'admins', Arn: 'arn:aws:iam::111122223333:group/admins' }],
          RoleDetailList: [
            { RoleName: 'web', Arn: 'arn:aws:iam::111122223333:role/web', AssumeRolePolicyDocument: trust },
          ],
          Policies: [
            {
              PolicyName: 'p',
              Arn: 'arn:aws:iam::111122223333:policy/p',
              PolicyVersionList: [
                { VersionId: 'v1', IsDefaultVersion: true, Document: { Version: '2012-10-17' } },
              ],
            },
          ],
        },
      },
    ]);
  });
});
