// Property: on small generated estates (one internet-facing load balancer, one target), `exposure`
// lists the target through the load balancer exactly when `trace --through-lb` accepts the path
// through it. Varies what decides the second leg: load balancer type and security groups, state,
// target group protocol and target type (client IP preservation), the target's security group source,
// same or other subnet, both subnets' NACLs and the load balancer's outbound rules. Client sources
// are either the whole internet or private ranges, so trace's 8.8.8.8 stands for every client.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import { computeExposure, trace } from '../../src/reach/index.js';

const ACCOUNT = '555555555555';
const A = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}`;

interface Params {
  readonly lb: 'alb' | 'nlb' | 'nlb-sg';
  readonly state: 'active' | 'active_impaired' | 'provisioning' | 'failed';
  readonly tgProtocol: 'TCP' | 'UDP';
  readonly targetType: 'instance' | 'ip';
  /** The target SG's one ingress source: a CIDR, or the load balancer's group. */
  readonly targetSource: '0.0.0.0/0' | '10.9.0.0/16' | '10.9.0.0/24' | '10.9.2.0/24' | 'lb-sg';
  readonly sameSubnet: boolean;
  /** Inbound allow of the target subnet's NACL on the target port. */
  readonly targetNaclIn: '0.0.0.0/0' | '10.9.0.0/16';
  /** The node subnet's NACL denies traffic to the target subnet (before its allow-all). */
  readonly nodeNaclDenyTarget: boolean;
  /** The load balancer's groups allow outbound only to an unrelated range. */
  readonly lbEgressClosed: boolean;
}

function docs(p: Params): RawDocument[] {
  const lbName = 'gen';
  const type = p.lb === 'alb' ? 'application' : 'network';
  const lbArn = `${A}:loadbalancer/${p.lb === 'alb' ? 'app' : 'net'}/${lbName}/abcd`;
  const hasSg = p.lb !== 'nlb';
  const protocol = p.lb === 'alb' ? 'HTTP' : p.tgProtocol;
  const ipProto = p.lb === 'alb' || p.tgProtocol === 'TCP' ? 'tcp' : 'udp';
  const ipProtoNum = ipProto === 'tcp' ? '6' : '17';
  const targetSubnet = p.sameSubnet ? 'subnet-edge' : 'subnet-work';
  const targetIp = p.sameSubnet ? '10.9.0.30' : '10.9.2.30';
  const all = { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] };
  const targetRule =
    p.targetSource === 'lb-sg'
      ? { IpProtocol: ipProto, FromPort: 9000, ToPort: 9000, UserIdGroupPairs: [{ GroupId: 'sg-lb' }] }
      : { IpProtocol: ipProto, FromPort: 9000, ToPort: 9000, IpRanges: [{ CidrIp: p.targetSource }] };
  const nacl = (id: string, subnet: string, inbound: object[], outbound: object[]) => ({
    NetworkAclId: id,
    VpcId: 'vpc-g',
    IsDefault: false,
    Associations: [{ SubnetId: subnet }],
    Entries: [
      ...inbound.map((e) => ({ ...e, Egress: false })),
      ...outbound.map((e) => ({ ...e, Egress: true })),
    ],
  });
  const allowAll = { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' };
  const nodeNacl = nacl(
    'acl-edge',
    'subnet-edge',
    [allowAll],
    [
      ...(p.nodeNaclDenyTarget
        ? [{ RuleNumber: 90, Protocol: '-1', RuleAction: 'deny', CidrBlock: '10.9.2.0/24' }]
        : []),
      allowAll,
    ],
  );
  const workNacl = nacl(
    'acl-work',
    'subnet-work',
    [
      {
        RuleNumber: 100,
        Protocol: ipProtoNum,
        RuleAction: 'allow',
        CidrBlock: p.targetNaclIn,
        PortRange: { From: 9000, To: 9000 },
      },
      // Replies from the node (to ephemeral ports) come back in.
      {
        RuleNumber: 110,
        Protocol: ipProtoNum,
        RuleAction: 'allow',
        CidrBlock: '10.9.0.0/16',
        PortRange: { From: 1024, To: 65535 },
      },
    ],
    [allowAll],
  );
  return [
    {
      file: 'ec2.json',
      accountId: ACCOUNT,
      region: 'eu-west-1',
      data: {
        Vpcs: [{ VpcId: 'vpc-g', OwnerId: ACCOUNT, CidrBlock: '10.9.0.0/16' }],
        Subnets: [
          {
            SubnetId: 'subnet-edge',
            VpcId: 'vpc-g',
            CidrBlock: '10.9.0.0/24',
            AvailabilityZone: 'eu-west-1a',
          },
          {
            SubnetId: 'subnet-work',
            VpcId: 'vpc-g',
            CidrBlock: '10.9.2.0/24',
            AvailabilityZone: 'eu-west-1a',
          },
        ],
        InternetGateways: [
          { InternetGatewayId: 'igw-g', Attachments: [{ VpcId: 'vpc-g', State: 'available' }] },
        ],
        RouteTables: [
          {
            RouteTableId: 'rtb-edge',
            VpcId: 'vpc-g',
            Associations: [{ SubnetId: 'subnet-edge' }],
            Routes: [
              { DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'local', State: 'active' },
              { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-g', State: 'active' },
            ],
          },
          {
            RouteTableId: 'rtb-work',
            VpcId: 'vpc-g',
            Associations: [{ Main: true }, { SubnetId: 'subnet-work' }],
            Routes: [{ DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'local', State: 'active' }],
          },
        ],
        NetworkAcls: [nodeNacl, workNacl],
        SecurityGroups: [
          {
            GroupId: 'sg-lb',
            GroupName: 'lb',
            VpcId: 'vpc-g',
            OwnerId: ACCOUNT,
            IpPermissions: [
              { IpProtocol: ipProto, FromPort: 9000, ToPort: 9000, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            ],
            IpPermissionsEgress: [
              p.lbEgressClosed ? { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.9.5.0/24' }] } : all,
            ],
          },
          {
            GroupId: 'sg-target',
            GroupName: 'target',
            VpcId: 'vpc-g',
            OwnerId: ACCOUNT,
            IpPermissions: [targetRule],
            IpPermissionsEgress: [all],
          },
        ],
        NetworkInterfaces: [
          {
            NetworkInterfaceId: 'eni-node',
            VpcId: 'vpc-g',
            SubnetId: 'subnet-edge',
            OwnerId: ACCOUNT,
            InterfaceType: p.lb === 'alb' ? 'interface' : 'network_load_balancer',
            RequesterManaged: true,
            Description: `ELB ${p.lb === 'alb' ? 'app' : 'net'}/${lbName}/abcd`,
            PrivateIpAddress: '10.9.0.10',
            PrivateIpAddresses: [
              { PrivateIpAddress: '10.9.0.10', Primary: true, Association: { PublicIp: '203.0.113.10' } },
            ],
            Groups: hasSg ? [{ GroupId: 'sg-lb' }] : [],
          },
          {
            NetworkInterfaceId: 'eni-t',
            VpcId: 'vpc-g',
            SubnetId: targetSubnet,
            OwnerId: ACCOUNT,
            PrivateIpAddress: targetIp,
            PrivateIpAddresses: [{ PrivateIpAddress: targetIp, Primary: true }],
            Groups: [{ GroupId: 'sg-target' }],
            Attachment: { InstanceId: 'i-t', DeviceIndex: 0 },
          },
        ],
      },
    },
    {
      file: 'elb.json',
      accountId: ACCOUNT,
      region: 'eu-west-1',
      data: {
        LoadBalancers: [
          {
            LoadBalancerArn: lbArn,
            LoadBalancerName: lbName,
            DNSName: 'gen-1.elb.eu-west-1.amazonaws.com',
            Scheme: 'internet-facing',
            Type: type,
            VpcId: 'vpc-g',
            AvailabilityZones: [{ ZoneName: 'eu-west-1a', SubnetId: 'subnet-edge' }],
            ...(hasSg ? { SecurityGroups: ['sg-lb'] } : {}),
            IpAddressType: 'ipv4',
            State: { Code: p.state },
          },
        ],
        Listeners: [
          {
            ListenerArn: `${lbArn.replace(':loadbalancer/', ':listener/')}/l9000`,
            LoadBalancerArn: lbArn,
            Port: 9000,
            Protocol: protocol,
            DefaultActions: [{ Type: 'forward', TargetGroupArn: `${A}:targetgroup/tg/1` }],
          },
        ],
        TargetGroups: [
          {
            TargetGroupArn: `${A}:targetgroup/tg/1`,
            TargetGroupName: 'tg',
            Protocol: protocol,
            Port: 9000,
            TargetType: p.targetType,
            VpcId: 'vpc-g',
            LoadBalancerArns: [lbArn],
          },
        ],
        LoadBalancerTargetHealth: [
          {
            TargetGroupArn: `${A}:targetgroup/tg/1`,
            TargetHealthDescriptions: [
              {
                Target: { Id: p.targetType === 'instance' ? 'i-t' : targetIp, Port: 9000 },
                TargetHealth: { State: 'healthy' },
              },
            ],
          },
        ],
      },
    },
  ];
}

const params: fc.Arbitrary<Params> = fc.record({
  lb: fc.constantFrom('alb', 'nlb', 'nlb-sg'),
  state: fc.constantFrom('active', 'active_impaired', 'provisioning', 'failed'),
  tgProtocol: fc.constantFrom('TCP', 'UDP'),
  targetType: fc.constantFrom('instance', 'ip'),
  targetSource: fc.constantFrom('0.0.0.0/0', '10.9.0.0/16', '10.9.0.0/24', '10.9.2.0/24', 'lb-sg'),
  sameSubnet: fc.boolean(),
  targetNaclIn: fc.constantFrom('0.0.0.0/0', '10.9.0.0/16'),
  nodeNaclDenyTarget: fc.boolean(),
  lbEgressClosed: fc.boolean(),
}) as fc.Arbitrary<Params>;

function verdicts(p: Params): {
  exposed: boolean;
  accepted: boolean;
  lbExposed: boolean;
  lbAccepted: boolean;
} {
  const estate = buildEstate(docs(p));
  const protocol = p.lb === 'alb' || p.tgProtocol === 'TCP' ? 'tcp' : 'udp';
  const list = computeExposure(estate);
  const exposed = list.some(
    (e) => e.resourceType !== 'load-balancer' && e.evidence.loadBalancer !== undefined,
  );
  const lbExposed = list.some((e) => e.resourceType === 'load-balancer' && e.protocol === protocol);
  const to = p.targetType === 'instance' ? 'i-t' : p.sameSubnet ? '10.9.0.30' : '10.9.2.30';
  const r = trace(estate, { from: 'internet', to, protocol, port: 9000, throughLb: true });
  const accepted = (r.viaLoadBalancers ?? []).some((v) => v.disposition === 'accepted');
  const lbAccepted =
    trace(estate, { from: 'internet', to: 'gen', protocol, port: 9000 }).disposition === 'accepted';
  return { exposed, accepted, lbExposed, lbAccepted };
}

describe('exposure and trace agree through a load balancer (generated estates)', () => {
  it('property: the target is exposed through the load balancer iff the trace through it is accepted', () => {
    fc.assert(
      fc.property(params, (p) => {
        const v = verdicts(p);
        expect(v.exposed).toBe(v.accepted);
        expect(v.lbExposed).toBe(v.lbAccepted);
      }),
      { numRuns: 150 },
    );
  });

  const base: Params = {
    lb: 'nlb',
    state: 'active',
    tgProtocol: 'TCP',
    targetType: 'instance',
    targetSource: '0.0.0.0/0',
    sameSubnet: false,
    targetNaclIn: '0.0.0.0/0',
    nodeNaclDenyTarget: false,
    lbEgressClosed: false,
  };
  it.each<[string, Partial<Params>, boolean]>([
    ['NLB instance target, SG and NACL admit the internet: exposed', {}, true],
    [
      'NLB instance target (client IP preserved), NACL admits only the VPC: not exposed',
      { targetNaclIn: '10.9.0.0/16' },
      false,
    ],
    [
      'NLB ip target (node address), NACL admits only the VPC: exposed',
      { targetType: 'ip', targetNaclIn: '10.9.0.0/16', targetSource: '10.9.0.0/24' },
      true,
    ],
    [
      'NLB UDP ip target (always preserved), SG admits only the node subnet: not exposed',
      { targetType: 'ip', tgProtocol: 'UDP', targetSource: '10.9.0.0/24' },
      false,
    ],
    [
      'NLB with SG, target SG references it, NACL admits the internet: exposed',
      { lb: 'nlb-sg', targetSource: 'lb-sg' },
      true,
    ],
    [
      'NLB without SG, target SG references a group it does not have: not exposed',
      { targetSource: 'lb-sg' },
      false,
    ],
    [
      'ALB: the target sees the node, SG admits the node subnet: exposed',
      { lb: 'alb', targetSource: '10.9.0.0/24', targetNaclIn: '10.9.0.0/16' },
      true,
    ],
    [
      'ALB whose groups allow no outbound to the target: not exposed',
      { lb: 'alb', targetSource: 'lb-sg', lbEgressClosed: true },
      false,
    ],
    ['the node subnet NACL denies the target subnet: not exposed', { nodeNaclDenyTarget: true }, false],
    [
      'same subnet: no NACL between node and target, even if it would deny',
      { sameSubnet: true, nodeNaclDenyTarget: true, targetNaclIn: '10.9.0.0/16' },
      true,
    ],
    ['provisioning: not exposed', { state: 'provisioning' }, false],
    ['active_impaired still routes: exposed', { state: 'active_impaired' }, true],
  ])('%s', (_title, change, want) => {
    const v = verdicts({ ...base, ...change });
    expect(v.exposed).toBe(want);
    expect(v.accepted).toBe(want);
  });
});
