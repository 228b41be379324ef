// The CDK export is a .ts module written by `perimeter generate --format cdk`. The test writes the
// generated module into the repository's (git-ignored) tmp/ directory, imports it — so the code
// under test is exactly the file users get — and synthesizes it with aws-cdk-lib/assertions.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGuardrails } from '../../src/guardrails/generate.js';
import { cdkModulePath } from '../../src/guardrails/output/cdk.js';
import { renderOutputs } from '../../src/guardrails/output/index.js';
import { createEngineEvaluator } from '../../src/guardrails/proof/engine-evaluator.js';
import { loadScenario } from './support.js';

interface GeneratedModule {
  PerimeterGuardrails: new (
    scope: Construct,
    id: string,
    props?: { rolePolicies?: boolean; organizationPolicies?: boolean },
  ) => Construct & {
    endpointPolicies: Record<string, unknown>;
  };
}

const input = loadScenario('org-estate.yaml');
const result = generateGuardrails(input.intent, input.estate, createEngineEvaluator());
const dir = join(import.meta.dirname, '..', '..', 'tmp', `guardrails-cdk-${process.pid}`);
let mod: GeneratedModule;

beforeAll(async () => {
  const file = renderOutputs(result, 'cdk').find((f) => f.path === cdkModulePath)!;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'perimeter-guardrails.ts'), file.content);
  mod = (await import(join(dir, 'perimeter-guardrails.ts'))) as GeneratedModule;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PerimeterGuardrails (generated CDK construct)', () => {
  it('synthesizes one AWS::Organizations::Policy per SCP/RCP with its content and targets', () => {
    const stack = new Stack(new App(), 'Org');
    new mod.PerimeterGuardrails(stack, 'Guardrails');
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Organizations::Policy', 5);
    t.resourceCountIs('AWS::IAM::RolePolicy', 0);
    const igw = result.policies.find((p) => p.name === 'no-internet-ingress')!;
    t.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'no-internet-ingress',
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: ['ou-root1-prod0001', 'ou-root1-sbox0001'],
      Content: igw.document,
    });
    t.hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'resource-perimeter-rcp',
      Type: 'RESOURCE_CONTROL_POLICY',
      TargetIds: ['ou-root1-sbox0001'],
      Content: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'EnforceIdentityPerimeter' })]),
      }),
    });
  });

  it('keeps policy variables intact in the synthesized Content (no token substitution)', () => {
    const stack = new Stack(new App(), 'Org');
    new mod.PerimeterGuardrails(stack, 'Guardrails');
    const json = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(json).toContain('"aws:SourceVpc":["${aws:EC2InstanceSourceVPC}","vpc-0a0000000000000a2"]');
  });

  it('creates the inline role policies when asked, and exports endpoint policies as documents', () => {
    const stack = new Stack(new App(), 'Account');
    const g = new mod.PerimeterGuardrails(stack, 'Guardrails', {
      rolePolicies: true,
      organizationPolicies: false,
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Organizations::Policy', 0);
    t.resourceCountIs('AWS::IAM::RolePolicy', 2);
    t.hasResourceProperties('AWS::IAM::RolePolicy', {
      RoleName: 'luke',
      PolicyName: 'perimeter-caller-lock-luke',
    });
    expect(Object.keys(g.endpointPolicies)).toEqual(['endpoint-sqs-vpc-0a0000000000000a2']);
  });
});
