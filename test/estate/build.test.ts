// buildEstate on small in-memory documents: normalization rules, one behaviour per test.
import { describe, expect, it } from 'vitest';
import { buildEstate, type RawDocument } from '../../src/estate/build.js';
import { SnapshotError } from '../../src/estate/errors.js';

const A = '111122223333';
const doc = (file: string, data: unknown, region = 'us-east-1', accountId = A): RawDocument => ({
  file,
  accountId,
  region,
  data,
});

describe('security groups', () => {
  const e = buildEstate([
    doc('sg.json', {
      SecurityGroups: [
        {
          GroupId: 'sg-1',
          GroupName: 'web',
          OwnerId: A,
          VpcId: 'vpc-1',
          IpPermissions: [
            {
              IpProtocol: 'TCP',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '10.1.2.3/8', Description: 'admins' }, { CidrIp: '0.0.0.0/0' }],
              Ipv6Ranges: [{ CidrIpv6: '2001:DB8::1/32' }],
              UserIdGroupPairs: [
                { GroupId: 'sg-2', UserId: '444455556666', VpcId: 'vpc-9', PeeringStatus: 'active' },
              ],
              PrefixListIds: [{ PrefixListId: 'pl-1' }],
            },
            { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
          IpPermissionsEgress: [
            { IpProtocol: '-1', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
      ],
    }),
  ]);
  const sg = e.securityGroups.get('sg-1')!;

  it('one rule per source, CIDRs normalized, protocol lower-cased', () => {
    expect(sg.ingress).toEqual([
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 22, to: 22 },
        icmp: undefined,
        source: { kind: 'cidr', cidr: '10.0.0.0/8', version: 4 },
        description: 'admins',
        permissionIndex: 0,
      },
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 22, to: 22 },
        icmp: undefined,
        source: { kind: 'cidr', cidr: '0.0.0.0/0', version: 4 },
        description: undefined,
        permissionIndex: 0,
      },
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 22, to: 22 },
        icmp: undefined,
        source: { kind: 'cidr', cidr: '2001:db8::/32', version: 6 },
        description: undefined,
        permissionIndex: 0,
      },
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 22, to: 22 },
        icmp: undefined,
        source: { kind: 'prefix-list', prefixListId: 'pl-1' },
        description: undefined,
        permissionIndex: 0,
      },
      {
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 22, to: 22 },
        icmp: undefined,
        source: {
          kind: 'sg',
          groupId: 'sg-2',
          userId: '444455556666',
          vpcId: 'vpc-9',
          peeringStatus: 'active',
        },
        description: undefined,
        permissionIndex: 0,
      },
      {
        direction: 'ingress',
        protocol: 'icmp',
        ports: undefined,
        icmp: { type: 8, code: -1 },
        source: { kind: 'cidr', cidr: '0.0.0.0/0', version: 4 },
        description: undefined,
        permissionIndex: 1,
      },
    ]);
  });

  it('"-1" has no ports', () => {
    expect(sg.egress).toHaveLength(1);
    expect(sg.egress[0]).toMatchObject({ protocol: '-1', ports: undefined, icmp: undefined });
  });

  it('indexes by VPC', () => {
    expect(e.index.securityGroupsByVpc.get('vpc-1')).toEqual(['sg-1']);
  });
});

describe('route tables', () => {
  const rt = (id: string, vpc: string, assoc: object[], routes: object[]) => ({
    RouteTableId: id,
    VpcId: vpc,
    Associations: assoc,
    Routes: routes,
  });
  const e = buildEstate([
    doc('subnets.json', {
      Subnets: [
        { SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.1.0/24' },
        { SubnetId: 'subnet-b', VpcId: 'vpc-1', CidrBlock: '10.0.2.0/24' },
        { SubnetId: 'subnet-c', VpcId: 'vpc-2', CidrBlock: '10.9.0.0/24' },
      ],
    }),
    doc('vpcs.json', {
      Vpcs: [
        { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' },
        { VpcId: 'vpc-2', CidrBlock: '10.9.0.0/16' },
      ],
    }),
    doc('rt.json', {
      RouteTables: [
        rt(
          'rtb-main',
          'vpc-1',
          [{ Main: true, RouteTableAssociationId: 'rtbassoc-1', AssociationState: { State: 'associated' } }],
          [
            {
              DestinationCidrBlock: '10.0.0.0/16',
              GatewayId: 'local',
              State: 'active',
              Origin: 'CreateRouteTable',
            },
            { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' },
          ],
        ),
        rt(
          'rtb-pub',
          'vpc-1',
          [
            { Main: false, SubnetId: 'subnet-a' },
            { Main: false, GatewayId: 'igw-1' },
          ],
          [
            { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' },
            { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-1' },
            { DestinationPrefixListId: 'pl-s3', GatewayId: 'vpce-1' },
            { DestinationCidrBlock: '172.16.0.0/12', VpcPeeringConnectionId: 'pcx-1', State: 'blackhole' },
            { DestinationCidrBlock: '192.168.0.0/16', TransitGatewayId: 'tgw-1' },
            { DestinationCidrBlock: '192.168.1.0/24', InstanceId: 'i-1', NetworkInterfaceId: 'eni-1' },
            { DestinationCidrBlock: '192.168.2.0/24', GatewayId: 'vgw-1' },
            {
              DestinationCidrBlock: '192.168.3.0/24',
              CoreNetworkArn: 'arn:aws:networkmanager::1:core-network/x',
            },
            { DestinationCidrBlock: '192.168.4.0/24', GatewayId: 'weird-1' },
          ],
        ),
      ],
    }),
  ]);

  it('explicit association, else the main table; a VPC without a main table leaves the subnet unknown', () => {
    expect([...e.index.routeTableBySubnet]).toEqual([
      ['subnet-a', 'rtb-pub'],
      ['subnet-b', 'rtb-main'],
    ]);
    expect([...e.index.routeTableExplicit]).toEqual([
      ['subnet-a', true],
      ['subnet-b', false],
    ]);
    expect(
      e.problems
        .filter((p) => p.message.includes('no main route table'))
        .map((p) => `${p.file} ${p.jsonPath}`),
    ).toEqual(['vpcs.json $.Vpcs[1]']);
  });

  it('targets classified by field and id prefix', () => {
    const t = e.routeTables.get('rtb-pub')!;
    expect(t.routes.map((r) => `${r.target.kind}:${r.target.id}:${r.state}`)).toEqual([
      'igw:igw-1:active',
      'eigw:eigw-1:active',
      'vpce:vpce-1:active',
      'pcx:pcx-1:blackhole',
      'tgw:tgw-1:active',
      'eni:eni-1:active',
      'vgw:vgw-1:active',
      'core-network:arn:aws:networkmanager::1:core-network/x:active',
      'unknown:weird-1:active',
    ]);
    expect(t.routes[1]!.destination).toEqual({ kind: 'cidr', cidr: '::/0', version: 6 });
    expect(t.routes[2]!.destination).toEqual({ kind: 'prefix-list', prefixListId: 'pl-s3' });
    expect(t.gatewayIds).toEqual(['igw-1']);
    expect(t.subnetIds).toEqual(['subnet-a']);
    expect(t.main).toBe(false);
    expect(e.routeTables.get('rtb-main')!.main).toBe(true);
    expect(
      e.problems.filter((p) => p.message.startsWith('route target not recognised')).map((p) => p.jsonPath),
    ).toEqual(['$.RouteTables[1].Routes[8]']);
  });
});

describe('network ACLs', () => {
  it('entries sorted by (egress, rule number), ports only for TCP/UDP, ICMP type/code kept', () => {
    const e = buildEstate([
      doc('nacl.json', {
        NetworkAcls: [
          {
            NetworkAclId: 'acl-1',
            VpcId: 'vpc-1',
            IsDefault: false,
            Associations: [{ SubnetId: 'subnet-b' }, { SubnetId: 'subnet-a' }],
            Entries: [
              {
                RuleNumber: 32767,
                Egress: false,
                Protocol: '-1',
                RuleAction: 'deny',
                CidrBlock: '0.0.0.0/0',
              },
              { RuleNumber: 100, Egress: true, Protocol: '-1', RuleAction: 'allow', CidrBlock: '0.0.0.0/0' },
              {
                RuleNumber: 200,
                Egress: false,
                Protocol: '6',
                RuleAction: 'allow',
                CidrBlock: '10.0.0.7/8',
                PortRange: { From: 443, To: 443 },
              },
              {
                RuleNumber: 100,
                Egress: false,
                Protocol: '1',
                RuleAction: 'deny',
                Ipv6CidrBlock: '::/0',
                IcmpTypeCode: { Type: 8, Code: 0 },
                PortRange: { From: 1, To: 2 },
              },
            ],
          },
        ],
      }),
    ]);
    const n = e.networkAcls.get('acl-1')!;
    expect(n.entries).toEqual([
      {
        ruleNumber: 100,
        egress: false,
        action: 'deny',
        protocol: '1',
        cidr: '::/0',
        version: 6,
        portRange: undefined,
        icmp: { type: 8, code: 0 },
      },
      {
        ruleNumber: 200,
        egress: false,
        action: 'allow',
        protocol: '6',
        cidr: '10.0.0.0/8',
        version: 4,
        portRange: { from: 443, to: 443 },
        icmp: undefined,
      },
      {
        ruleNumber: 32767,
        egress: false,
        action: 'deny',
        protocol: '-1',
        cidr: '0.0.0.0/0',
        version: 4,
        portRange: undefined,
        icmp: undefined,
      },
      {
        ruleNumber: 100,
        egress: true,
        action: 'allow',
        protocol: '-1',
        cidr: '0.0.0.0/0',
        version: 4,
        portRange: undefined,
        icmp: undefined,
      },
    ]);
    expect(n.subnetIds).toEqual(['subnet-a', 'subnet-b']);
    expect(e.index.naclBySubnet.get('subnet-a')).toBe('acl-1');
  });
});

describe('ENIs, instances, EIPs', () => {
  const e = buildEstate([
    doc('eni.json', {
      NetworkInterfaces: [
        {
          NetworkInterfaceId: 'eni-1',
          VpcId: 'vpc-1',
          SubnetId: 'subnet-1',
          OwnerId: A,
          InterfaceType: 'interface',
          PrivateIpAddress: '10.0.0.5',
          PrivateIpAddresses: [
            {
              PrivateIpAddress: '10.0.0.5',
              Primary: true,
              Association: { PublicIp: '54.1.1.1', IpOwnerId: 'amazon' },
            },
            { PrivateIpAddress: '10.0.0.6', Primary: false },
          ],
          Ipv6Addresses: [{ Ipv6Address: '2600:1F18::5' }],
          Groups: [{ GroupId: 'sg-2' }, { GroupId: 'sg-1' }],
          Attachment: { InstanceId: 'i-1', DeviceIndex: 0, Status: 'attached' },
          TagSet: [{ Key: 'Name', Value: 'web' }],
        },
        {
          NetworkInterfaceId: 'eni-2',
          VpcId: 'vpc-1',
          SubnetId: 'subnet-1',
          OwnerId: A,
          InterfaceType: 'nat_gateway',
          RequesterManaged: true,
          PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.9', Primary: true }],
        },
      ],
    }),
    doc('eip.json', {
      Addresses: [
        {
          PublicIp: '3.3.3.3',
          AllocationId: 'eipalloc-1',
          NetworkInterfaceId: 'eni-1',
          PrivateIpAddress: '10.0.0.6',
          Domain: 'vpc',
        },
        { PublicIp: '4.4.4.4', AllocationId: 'eipalloc-2', Domain: 'vpc' },
      ],
    }),
    doc('inst.json', {
      Reservations: [
        {
          OwnerId: A,
          Instances: [
            {
              InstanceId: 'i-1',
              State: { Name: 'running', Code: 16 },
              SubnetId: 'subnet-1',
              VpcId: 'vpc-1',
              PrivateIpAddress: '10.0.0.5',
              PublicIpAddress: '54.1.1.1',
              IamInstanceProfile: { Arn: 'arn:aws:iam::111122223333:instance-profile/web' },
              NetworkInterfaces: [
                { NetworkInterfaceId: 'eni-1', Ipv6Addresses: [{ Ipv6Address: '2600:1f18::5' }] },
              ],
              SecurityGroups: [{ GroupId: 'sg-1' }],
            },
          ],
        },
      ],
    }),
  ]);

  it('private, public and EIP addresses on the ENI', () => {
    const n = e.networkInterfaces.get('eni-1')!;
    expect(n.privateIps).toEqual([
      {
        privateIp: '10.0.0.5',
        primary: true,
        publicIp: '54.1.1.1',
        allocationId: undefined,
        publicIpOwnerId: 'amazon',
      },
      {
        privateIp: '10.0.0.6',
        primary: false,
        publicIp: '3.3.3.3',
        allocationId: 'eipalloc-1',
        publicIpOwnerId: undefined,
      },
    ]);
    expect(n.ipv6Addresses).toEqual(['2600:1f18::5']);
    expect(n.securityGroupIds).toEqual(['sg-1', 'sg-2']);
    expect(n.tags).toEqual({ Name: 'web' });
    expect(e.networkInterfaces.get('eni-2')).toMatchObject({
      requesterManaged: true,
      interfaceType: 'nat_gateway',
    });
  });

  it('instances from reservations', () => {
    expect(e.instances.get('i-1')).toMatchObject({
      ownerId: A,
      state: 'running',
      publicIp: '54.1.1.1',
      networkInterfaceIds: ['eni-1'],
      securityGroupIds: ['sg-1'],
      ipv6Addresses: ['2600:1f18::5'],
      iamInstanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/web',
    });
    expect(e.index.instancesByProfile.get('arn:aws:iam::111122223333:instance-profile/web')).toEqual(['i-1']);
  });

  it('indexes', () => {
    expect(e.index.eniByPublicIp.get('54.1.1.1')).toBe('eni-1');
    expect(e.index.eniByPublicIp.get('3.3.3.3')).toBe('eni-1');
    expect(e.index.eniByPublicIp.has('4.4.4.4')).toBe(false);
    expect(e.index.eniByVpcAndIp.get('vpc-1|10.0.0.6')).toBe('eni-1');
    expect(e.index.eniByVpcAndIp.get('vpc-1|2600:1f18::5')).toBe('eni-1');
    expect(e.index.enisBySubnet.get('subnet-1')).toEqual(['eni-1', 'eni-2']);
    expect(e.index.enisBySecurityGroup.get('sg-2')).toEqual(['eni-1']);
    expect([...e.elasticIps.keys()]).toEqual(['3.3.3.3', '4.4.4.4']);
  });
});

describe('prefix lists', () => {
  it('entries from DescribePrefixLists, an Entries file, inline; missing entries are unknown', () => {
    const e = buildEstate([
      doc('pl.json', {
        PrefixLists: [
          { PrefixListId: 'pl-s3', PrefixListName: 'com.amazonaws.us-east-1.s3', Cidrs: ['52.216.0.0/15'] },
        ],
      }),
      doc('mpl.json', {
        ManagedPrefixLists: [
          { PrefixListId: 'pl-a', PrefixListName: 'office', OwnerId: A, AddressFamily: 'IPv4' },
          { PrefixListId: 'pl-b', OwnerId: A, AddressFamily: 'IPv4' },
          { PrefixListId: 'pl-c', OwnerId: A, AddressFamily: 'IPv4', Entries: [{ Cidr: '192.0.2.1/24' }] },
        ],
      }),
      doc('pl-a-entries.json', {
        PrefixListId: 'pl-a',
        Entries: [{ Cidr: '203.0.113.0/24' }, { Cidr: '198.51.100.0/24' }],
      }),
    ]);
    expect(e.prefixLists.get('pl-s3')).toMatchObject({
      awsManaged: true,
      entriesKnown: true,
      cidrs: ['52.216.0.0/15'],
    });
    expect(e.prefixLists.get('pl-a')).toMatchObject({
      awsManaged: false,
      entriesKnown: true,
      cidrs: ['198.51.100.0/24', '203.0.113.0/24'],
      name: 'office',
    });
    expect(e.prefixLists.get('pl-b')).toMatchObject({ entriesKnown: false, cidrs: [] });
    expect(e.prefixLists.get('pl-c')).toMatchObject({ entriesKnown: true, cidrs: ['192.0.2.0/24'] });
  });
});

describe('transit gateways', () => {
  it('options, merged attachments, routes and propagations per table', () => {
    const e = buildEstate([
      doc('tgw.json', {
        TransitGateways: [
          {
            TransitGatewayId: 'tgw-1',
            OwnerId: A,
            Options: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'enable' },
          },
        ],
      }),
      doc('att.json', {
        TransitGatewayAttachments: [
          {
            TransitGatewayAttachmentId: 'tgw-attach-1',
            TransitGatewayId: 'tgw-1',
            ResourceType: 'vpc',
            ResourceId: 'vpc-1',
            Association: { TransitGatewayRouteTableId: 'tgw-rtb-1', State: 'associated' },
          },
        ],
      }),
      doc('vatt.json', {
        TransitGatewayVpcAttachments: [
          {
            TransitGatewayAttachmentId: 'tgw-attach-1',
            TransitGatewayId: 'tgw-1',
            VpcId: 'vpc-1',
            SubnetIds: ['subnet-2', 'subnet-1'],
          },
        ],
      }),
      doc('rtb.json', {
        TransitGatewayRouteTables: [{ TransitGatewayRouteTableId: 'tgw-rtb-1', TransitGatewayId: 'tgw-1' }],
      }),
      doc('routes.json', {
        TransitGatewayStaticRoutes: [
          {
            TransitGatewayRouteTableId: 'tgw-rtb-1',
            Routes: [
              {
                DestinationCidrBlock: '10.0.0.0/16',
                Type: 'propagated',
                State: 'active',
                TransitGatewayAttachments: [
                  { TransitGatewayAttachmentId: 'tgw-attach-1', ResourceId: 'vpc-1', ResourceType: 'vpc' },
                ],
              },
              { DestinationCidrBlock: '192.168.0.0/16', Type: 'static', State: 'blackhole' },
            ],
          },
        ],
      }),
      doc('props.json', {
        TransitGatewayPropagations: [
          {
            TransitGatewayRouteTableId: 'tgw-rtb-1',
            TransitGatewayRouteTablePropagations: [
              { TransitGatewayAttachmentId: 'tgw-attach-1', State: 'enabled' },
            ],
          },
        ],
      }),
    ]);
    expect(e.transitGateways.get('tgw-1')).toMatchObject({
      defaultRouteTableAssociation: false,
      defaultRouteTablePropagation: true,
    });
    expect(e.transitGatewayAttachments.get('tgw-attach-1')).toMatchObject({
      resourceType: 'vpc',
      resourceId: 'vpc-1',
      associationRouteTableId: 'tgw-rtb-1',
      subnetIds: ['subnet-1', 'subnet-2'],
    });
    const t = e.transitGatewayRouteTables.get('tgw-rtb-1')!;
    expect(
      t.routes.map((r) => `${r.type}:${r.state}:${r.attachments.map((a) => a.attachmentId).join(',')}`),
    ).toEqual(['propagated:active:tgw-attach-1', 'static:blackhole:']);
    expect(t.propagations).toEqual([
      { attachmentId: 'tgw-attach-1', resourceId: undefined, resourceType: undefined, state: 'enabled' },
    ]);
    expect(e.index.tgwRouteTablesByTgw.get('tgw-1')).toEqual(['tgw-rtb-1']);
    expect(t.routesKnown).toBe(true);
    expect(t.propagationsKnown).toBe(true);
  });

  it('a route table without collected routes has routesKnown false (unknown, not empty)', () => {
    const e = buildEstate([
      doc('rtb.json', {
        TransitGatewayRouteTables: [
          { TransitGatewayRouteTableId: 'tgw-rtb-9', TransitGatewayId: 'tgw-1', State: 'available' },
        ],
      }),
    ]);
    expect(e.transitGatewayRouteTables.get('tgw-rtb-9')).toMatchObject({
      routes: [],
      routesKnown: false,
      propagationsKnown: false,
      state: 'available',
    });
  });
});

describe('ENIs known only from DescribeInstances', () => {
  it('are added when NetworkInterfaces lacks them, never replacing a described ENI', () => {
    const ni = (id: string, ip: string) => ({
      NetworkInterfaceId: id,
      SubnetId: 'subnet-1',
      VpcId: 'vpc-1',
      OwnerId: A,
      PrivateIpAddress: ip,
      PrivateIpAddresses: [{ PrivateIpAddress: ip, Primary: true }],
      Groups: [{ GroupId: 'sg-1', GroupName: 'x' }],
      Attachment: { DeviceIndex: 0, Status: 'attached' },
    });
    const e = buildEstate([
      doc('inst.json', {
        Reservations: [
          {
            OwnerId: A,
            Instances: [
              {
                InstanceId: 'i-1',
                Placement: { AvailabilityZone: 'us-east-1c' },
                NetworkInterfaces: [ni('eni-described', '10.0.0.9'), ni('eni-only-here', '10.0.0.7')],
              },
            ],
          },
        ],
      }),
      doc('eni.json', {
        NetworkInterfaces: [
          { ...ni('eni-described', '10.0.0.8'), Description: 'from DescribeNetworkInterfaces' },
        ],
      }),
    ]);
    expect([...e.networkInterfaces.keys()]).toEqual(['eni-described', 'eni-only-here']);
    expect(e.networkInterfaces.get('eni-described')?.privateIps[0]?.privateIp).toBe('10.0.0.8');
    expect(e.networkInterfaces.get('eni-only-here')).toMatchObject({
      availabilityZone: 'us-east-1c',
      securityGroupIds: ['sg-1'],
      privateIps: [{ privateIp: '10.0.0.7', primary: true }],
    });
    expect(e.index.enisByInstance.get('i-1')).toEqual(['eni-described', 'eni-only-here']);
  });
});

describe('organization and hosted zones', () => {
  it('bad JSON in a policy Content is an error naming the policy', () => {
    const run = () =>
      buildEstate([
        doc(
          'organization/org.json',
          {
            Roots: [{ Id: 'r-1' }],
            Policies: [
              {
                PolicySummary: { Id: 'p-bad', Name: 'Broken', Type: 'SERVICE_CONTROL_POLICY' },
                Content: '{"Version": ',
                Targets: [],
              },
            ],
          },
          'global',
          undefined,
        ),
      ]);
    expect(run).toThrow(SnapshotError);
    try {
      run();
    } catch (e) {
      const p = (e as SnapshotError).problems;
      expect(p).toHaveLength(1);
      expect(p[0]!.jsonPath).toBe('$.Policies[0].Content');
      expect(p[0]!.message).toMatch(
        /^policy p-bad \(Broken\): expected Content to be a JSON policy document, found text that does not parse/,
      );
    }
  });

  it('ListHostedZones + GetHostedZone VPC associations', () => {
    const e = buildEstate([
      doc(
        'zones.json',
        {
          HostedZones: [
            { Id: '/hostedzone/Z1', Name: 'internal.example.', Config: { PrivateZone: true } },
            { Id: '/hostedzone/Z2', Name: 'example.com.', Config: { PrivateZone: false } },
          ],
          IsTruncated: false,
          MaxItems: '100',
        },
        'global',
      ),
      doc(
        'zone-z1.json',
        {
          HostedZone: { Id: '/hostedzone/Z1', Name: 'internal.example.', Config: { PrivateZone: true } },
          VPCs: [{ VPCRegion: 'us-east-1', VPCId: 'vpc-1' }],
        },
        'global',
      ),
    ]);
    expect(e.hostedZones.get('Z1')).toEqual({
      id: 'Z1',
      name: 'internal.example.',
      privateZone: true,
      accountId: A,
      vpcs: [{ vpcId: 'vpc-1', region: 'us-east-1' }],
    });
    expect(e.hostedZones.get('Z2')?.vpcs).toBeUndefined();
    expect(e.problems).toEqual([]);
  });
});

describe('RDS', () => {
  it('subnet group, security groups; a missing PubliclyAccessible is unknown → treated as public, with a warning', () => {
    const e = buildEstate([
      doc('rds.json', {
        DBInstances: [
          {
            DBInstanceIdentifier: 'db-a',
            Engine: 'postgres',
            PubliclyAccessible: false,
            DBSubnetGroup: {
              VpcId: 'vpc-1',
              Subnets: [{ SubnetIdentifier: 'subnet-2' }, { SubnetIdentifier: 'subnet-1' }],
            },
            VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-9', Status: 'active' }],
            Endpoint: { Address: 'db-a.example', Port: 5432 },
          },
          { DBInstanceIdentifier: 'db-b' },
        ],
      }),
    ]);
    expect(e.dbInstances.get('db-a')).toMatchObject({
      vpcId: 'vpc-1',
      subnetIds: ['subnet-1', 'subnet-2'],
      securityGroupIds: ['sg-9'],
      publiclyAccessible: false,
      port: 5432,
    });
    expect(e.dbInstances.get('db-b')?.publiclyAccessible).toBe(true);
    expect(e.problems.map((p) => `${p.jsonPath}: ${p.message}`)).toEqual([
      '$.DBInstances[1].PubliclyAccessible: PubliclyAccessible missing: unknown, treated as publicly accessible',
    ]);
  });
});

describe('security group rule ids', () => {
  it('DescribeSecurityGroupRules gives each flattened rule its sgr- id', () => {
    const e = buildEstate([
      doc('sg.json', {
        SecurityGroups: [
          {
            GroupId: 'sg-1',
            GroupName: 'web',
            OwnerId: A,
            IpPermissions: [
              {
                IpProtocol: 'tcp',
                FromPort: 443,
                ToPort: 443,
                IpRanges: [{ CidrIp: '0.0.0.0/0' }],
                UserIdGroupPairs: [{ GroupId: 'sg-2' }],
              },
              { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
            ],
            IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          },
        ],
      }),
      doc('rules.json', {
        SecurityGroupRules: [
          {
            SecurityGroupRuleId: 'sgr-a',
            GroupId: 'sg-1',
            IsEgress: false,
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            CidrIpv4: '0.0.0.0/0',
          },
          {
            SecurityGroupRuleId: 'sgr-b',
            GroupId: 'sg-1',
            IsEgress: false,
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            ReferencedGroupInfo: { GroupId: 'sg-2' },
          },
          {
            SecurityGroupRuleId: 'sgr-c',
            GroupId: 'sg-1',
            IsEgress: false,
            IpProtocol: 'icmp',
            FromPort: 8,
            ToPort: -1,
            CidrIpv4: '10.0.0.0/8',
          },
          {
            SecurityGroupRuleId: 'sgr-d',
            GroupId: 'sg-1',
            IsEgress: true,
            IpProtocol: '-1',
            FromPort: -1,
            ToPort: -1,
            CidrIpv4: '0.0.0.0/0',
          },
          {
            SecurityGroupRuleId: 'sgr-x',
            GroupId: 'sg-1',
            IsEgress: false,
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            CidrIpv4: '0.0.0.0/0',
          },
        ],
      }),
    ]);
    const g = e.securityGroups.get('sg-1')!;
    expect(g.ingress.map((r) => r.ruleId)).toEqual(['sgr-a', 'sgr-b', 'sgr-c']);
    expect(g.egress.map((r) => r.ruleId)).toEqual(['sgr-d']);
    expect(e.notModelled.has('SecurityGroupRules')).toBe(false);
  });
});
