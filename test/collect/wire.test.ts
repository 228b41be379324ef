// Wire-level: recorded EC2 Query-protocol XML through the real EC2Client (serializer, signer,
// retry middleware, XML deserializer) with only the HTTP handler replaced. Catches drift between
// the SDK's output shapes and what the collectors and the loader expect.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { vpcs } from '../../src/collect/collectors/vpcs.js';
import { toAwsJson } from '../../src/collect/to-json.js';
import { buildEstate } from '../../src/estate/build.js';
import { poolWith, recordedHandler } from './recorded-http.js';

// The DescribeVpcs response of the EC2 API reference example (API_DescribeVpcs.html, "Example 1"):
// one VPC with an IPv4 association, an IPv6 association and a tag, in the 2016-11-15 Query shape.
const DESCRIBE_VPCS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
    <vpcSet>
        <item>
            <vpcId>vpc-0a60eb65b4EXAMPLE</vpcId>
            <ownerId>123456789012</ownerId>
            <state>available</state>
            <cidrBlock>10.0.0.0/16</cidrBlock>
            <cidrBlockAssociationSet>
                <item>
                    <cidrBlock>10.0.0.0/16</cidrBlock>
                    <associationId>vpc-cidr-assoc-0c4f4d4b8EXAMPLE</associationId>
                    <cidrBlockState>
                        <state>associated</state>
                    </cidrBlockState>
                </item>
            </cidrBlockAssociationSet>
            <ipv6CidrBlockAssociationSet>
                <item>
                    <ipv6CidrBlock>2001:db8:1234:1a00::/56</ipv6CidrBlock>
                    <associationId>vpc-cidr-assoc-0b2e8e8e1EXAMPLE</associationId>
                    <ipv6CidrBlockState>
                        <state>associated</state>
                    </ipv6CidrBlockState>
                    <networkBorderGroup>us-east-1</networkBorderGroup>
                    <ipv6Pool>Amazon</ipv6Pool>
                </item>
            </ipv6CidrBlockAssociationSet>
            <dhcpOptionsId>dopt-19edf471</dhcpOptionsId>
            <tagSet>
                <item>
                    <key>Name</key>
                    <value>Production</value>
                </item>
            </tagSet>
            <instanceTenancy>default</instanceTenancy>
            <isDefault>false</isDefault>
        </item>
    </vpcSet>
</DescribeVpcsResponse>`;

afterEach(() => vi.unstubAllEnvs());

describe('wire level: recorded EC2 XML through the real EC2Client', () => {
  it('DescribeVpcs: signed Query request out, the CLI-shaped Vpcs document in', async () => {
    vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
    const handler = recordedHandler([[200, DESCRIBE_VPCS_XML]]);
    const pool = poolWith(handler);
    try {
      let calls = 0;
      const out = await vpcs.collect({
        accountId: '123456789012',
        region: 'us-east-1',
        client: (service) => pool.get(service, '123456789012', 'us-east-1'),
        countCall: () => void calls++,
        parentItems: [],
      });
      expect(calls).toBe(1);
      expect(handler.seen).toHaveLength(1);
      expect(handler.seen[0]).toMatchObject({ method: 'POST', hostname: 'ec2.us-east-1.amazonaws.com' });
      expect(handler.seen[0]!.body).toContain('Action=DescribeVpcs');
      expect(handler.seen[0]!.body).toContain('Version=2016-11-15');
      expect(handler.seen[0]!.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/ec2\/aws4_request/,
      );
      expect(toAwsJson(out.documents[0]!.data)).toEqual({
        Vpcs: [
          {
            CidrBlock: '10.0.0.0/16',
            CidrBlockAssociationSet: [
              {
                AssociationId: 'vpc-cidr-assoc-0c4f4d4b8EXAMPLE',
                CidrBlock: '10.0.0.0/16',
                CidrBlockState: { State: 'associated' },
              },
            ],
            DhcpOptionsId: 'dopt-19edf471',
            InstanceTenancy: 'default',
            Ipv6CidrBlockAssociationSet: [
              {
                AssociationId: 'vpc-cidr-assoc-0b2e8e8e1EXAMPLE',
                Ipv6CidrBlock: '2001:db8:1234:1a00::/56',
                Ipv6CidrBlockState: { State: 'associated' },
                Ipv6Pool: 'Amazon',
                NetworkBorderGroup: 'us-east-1',
              },
            ],
            IsDefault: false,
            OwnerId: '123456789012',
            State: 'available',
            Tags: [{ Key: 'Name', Value: 'Production' }],
            VpcId: 'vpc-0a60eb65b4EXAMPLE',
          },
        ],
      });
      // and the loader reads exactly that: both CIDRs, the tag, the owner
      const estate = buildEstate([
        {
          file: 'Vpcs.json',
          accountId: '123456789012',
          region: 'us-east-1',
          data: toAwsJson(out.documents[0]!.data),
        },
      ]);
      expect(estate.vpcs.get('vpc-0a60eb65b4EXAMPLE')).toMatchObject({
        cidrsV4: ['10.0.0.0/16'],
        cidrsV6: ['2001:db8:1234:1a00::/56'],
        ownerId: '123456789012',
        tags: { Name: 'Production' },
      });
    } finally {
      pool.destroy();
    }
  });
});
