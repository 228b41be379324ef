import { describe, expect, it } from 'vitest';
import { generateGuardrails } from '../../src/guardrails/generate.js';
import { renderOutputs } from '../../src/guardrails/output/index.js';
import { hclString } from '../../src/guardrails/output/terraform.js';
import { createEngineEvaluator } from '../../src/guardrails/proof/engine-evaluator.js';
import { loadScenario } from './support.js';

const input = loadScenario('org-estate.yaml');
const result = generateGuardrails(input.intent, input.estate, createEngineEvaluator());
const fileOf = (format: Parameters<typeof renderOutputs>[1], path: string) => {
  const f = renderOutputs(result, format).find((x) => x.path === path);
  if (f === undefined) throw new Error(`no ${path} in ${format} output`);
  return f.content;
};

describe('json output', () => {
  it('writes each policy minified (the measured bytes), its proof and a manifest, sorted by path', () => {
    const files = renderOutputs(result, 'json');
    expect(files.map((f) => f.path)).toEqual([
      'caller-lock-luke.json',
      'caller-lock-luke.proof.md',
      'ec2-credentials-analytics-inline-analytics-app.json',
      'ec2-credentials-analytics-inline-analytics-app.proof.md',
      'ec2-credentials-sandbox.json',
      'ec2-credentials-sandbox.proof.md',
      'endpoint-sqs-vpc-0a0000000000000a2.json',
      'endpoint-sqs-vpc-0a0000000000000a2.proof.md',
      'manifest.json',
      'network-perimeter-scp.json',
      'network-perimeter-scp.proof.md',
      'no-internet-ingress.json',
      'no-internet-ingress.proof.md',
      'peering-trusted-accounts.json',
      'peering-trusted-accounts.proof.md',
      'resource-perimeter-rcp.json',
      'resource-perimeter-rcp.proof.md',
    ]);
    const igw = fileOf('json', 'no-internet-ingress.json');
    expect(new TextEncoder().encode(igw).length).toBe(
      result.policies.find((p) => p.name === 'no-internet-ingress')!.bytes,
    );
    expect(
      igw.startsWith(
        '{"Version":"2012-10-17","Statement":[{"Sid":"DenyInternetIngressConstructs","Effect":"Deny","Action":["ec2:AttachInternetGateway",',
      ),
    ).toBe(true);
    const manifest = JSON.parse(fileOf('json', 'manifest.json')) as {
      policies: { name: string; proven: boolean; attachment: unknown }[];
    };
    expect(manifest.policies.find((p) => p.name === 'no-internet-ingress')).toMatchObject({
      proven: true,
      attachment: { kind: 'org', targetIds: ['ou-root1-prod0001', 'ou-root1-sbox0001'] },
    });
  });

  it('same intent → same bytes in every file of every format', () => {
    const again = generateGuardrails(
      input.intent,
      loadScenario('org-estate.yaml').estate,
      createEngineEvaluator(),
    );
    for (const format of ['json', 'cloudformation', 'terraform', 'cdk'] as const) {
      expect(renderOutputs(again, format)).toEqual(renderOutputs(result, format));
    }
  });
});

describe('cloudformation output', () => {
  it('AWS::Organizations::Policy with Content and TargetIds in the organization template', () => {
    const t = JSON.parse(fileOf('cloudformation', 'cloudformation/organization-policies.template.json')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    expect(Object.keys(t.Resources)).toEqual([
      'Ec2CredentialsSandbox',
      'NetworkPerimeterScp',
      'NoInternetIngress',
      'PeeringTrustedAccounts',
      'ResourcePerimeterRcp',
    ]);
    expect(t.Resources['NoInternetIngress']!.Type).toBe('AWS::Organizations::Policy');
    expect(t.Resources['NoInternetIngress']!.Properties['Type']).toBe('SERVICE_CONTROL_POLICY');
    expect(t.Resources['NoInternetIngress']!.Properties['TargetIds']).toEqual([
      'ou-root1-prod0001',
      'ou-root1-sbox0001',
    ]);
    expect(t.Resources['NoInternetIngress']!.Properties['Content']).toEqual(
      result.policies.find((p) => p.name === 'no-internet-ingress')!.document,
    );
    expect(t.Resources['ResourcePerimeterRcp']!.Properties['Type']).toBe('RESOURCE_CONTROL_POLICY');
  });

  it("role policies and the VPC endpoint (with its policy document) in the owning account's template", () => {
    const t = JSON.parse(fileOf('cloudformation', 'cloudformation/account-555555555555.template.json')) as {
      Parameters: Record<string, { Type: string }>;
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    expect(Object.entries(t.Resources).map(([k, v]) => [k, v.Type])).toEqual([
      ['Ec2CredentialsAnalyticsInlineAnalyticsApp', 'AWS::IAM::RolePolicy'],
      ['EndpointSqsVpc0a0000000000000a2', 'AWS::EC2::VPCEndpoint'],
    ]);
    const prod = JSON.parse(
      fileOf('cloudformation', 'cloudformation/account-111111111111.template.json'),
    ) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    expect(prod.Resources['CallerLockLuke']!.Properties).toMatchObject({
      RoleName: 'luke',
      PolicyName: 'perimeter-caller-lock-luke',
    });
    expect(t.Resources['EndpointSqsVpc0a0000000000000a2']!.Properties).toMatchObject({
      ServiceName: 'com.amazonaws.us-east-1.sqs',
      VpcEndpointType: 'Interface',
      VpcId: 'vpc-0a0000000000000a2',
      PrivateDnsEnabled: false,
      SubnetIds: { Ref: 'EndpointSqsVpc0a0000000000000a2SubnetIds' },
    });
    expect(t.Parameters['EndpointSqsVpc0a0000000000000a2SubnetIds']!.Type).toBe('List<AWS::EC2::Subnet::Id>');
  });
});

describe('terraform output', () => {
  const tf = fileOf('terraform', 'terraform/perimeter-guardrails.tf');

  it('escapes ${ and %{ so policy variables reach AWS unchanged', () => {
    expect(hclString('{"a":"${aws:SourceVpc}","b":"%{x}","c":"q\\"\\\\"}')).toBe(
      '"{\\"a\\":\\"$${aws:SourceVpc}\\",\\"b\\":\\"%%{x}\\",\\"c\\":\\"q\\\\\\"\\\\\\\\\\"}"',
    );
    expect(tf).toContain('$${aws:EC2InstanceSourceVPC}');
    expect(tf).not.toMatch(/[^$]\$\{aws:/);
  });

  it('one aws_organizations_policy per SCP/RCP and one attachment per target', () => {
    expect(tf).toContain(
      'resource "aws_organizations_policy" "no_internet_ingress" {\n  name        = "no-internet-ingress"',
    );
    expect(tf).toContain('  type        = "SERVICE_CONTROL_POLICY"');
    expect(tf).toContain(
      'resource "aws_organizations_policy_attachment" "no_internet_ingress_ou_root1_prod0001" {\n  policy_id = aws_organizations_policy.no_internet_ingress.id\n  target_id = "ou-root1-prod0001"\n}',
    );
    expect(tf.match(/resource "aws_organizations_policy" /g)!.length).toBe(5);
    expect(tf.match(/resource "aws_organizations_policy_attachment" /g)!.length).toBe(6);
    expect(tf).toContain('resource "aws_iam_role_policy" "caller_lock_luke" {');
    expect(tf).toContain('variable "endpoint_sqs_vpc_0a0000000000000a2_endpoint_id" {');
    expect(tf).toContain('  vpc_endpoint_id = var.endpoint_sqs_vpc_0a0000000000000a2_endpoint_id');
  });

  it('the content string decodes to the exact minified policy', () => {
    const m =
      /resource "aws_organizations_policy" "ec2_credentials_sandbox" \{[^]*?content {5}= (".*")\n\}/.exec(tf);
    expect(m).not.toBeNull();
    // Undo HCL escapes: $${ → ${ then JSON-decode the quoted string.
    const decoded = JSON.parse(m![1]!.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')) as string;
    expect(decoded).toBe(result.policies.find((p) => p.name === 'ec2-credentials-sandbox')!.minified);
  });
});
