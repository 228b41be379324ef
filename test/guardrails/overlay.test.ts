import { describe, expect, it } from 'vitest';
import { GuardrailError } from '../../src/guardrails/errors.js';
import { generateGuardrails } from '../../src/guardrails/generate.js';
import { renderOutputs } from '../../src/guardrails/output/index.js';
import {
  overlayFromGenerated,
  overlayFromManifest,
  overlayPolicies,
  overlayPolicyId,
} from '../../src/guardrails/overlay.js';
import { attachedPolicies } from '../../src/guardrails/org.js';
import { createEngineEvaluator } from '../../src/guardrails/proof/engine-evaluator.js';
import { loadScenario } from './support.js';

const input = loadScenario('org-estate.yaml');
const result = generateGuardrails(input.intent, input.estate, createEngineEvaluator());

describe('overlayPolicies', () => {
  it('adds the generated SCPs and RCPs to organization.policies and orgPoliciesByTarget, leaving the input alone', () => {
    const before = [...(input.estate.index.orgPoliciesByTarget.get('ou-root1-sbox0001') ?? [])];
    const over = overlayPolicies(input.estate, overlayFromGenerated(result.policies));
    expect(over.index.orgPoliciesByTarget.get('ou-root1-sbox0001')).toEqual([
      'p-FullAWSAccess',
      'perimeter-generated:ec2-credentials-sandbox',
      'perimeter-generated:network-perimeter-scp',
      'perimeter-generated:no-internet-ingress',
      'perimeter-generated:resource-perimeter-rcp',
    ]);
    expect(over.index.orgPoliciesByTarget.get('r-root1')).toEqual([
      'p-FullAWSAccess',
      'perimeter-generated:peering-trusted-accounts',
    ]);
    expect(attachedPolicies(over, 'ou-root1-prod0001', 'SERVICE_CONTROL_POLICY').map((p) => p.name)).toEqual([
      'DenyInternetGateway',
      'FullAWSAccess',
      'no-internet-ingress',
    ]);
    const rcp = over.organization!.policies.get(overlayPolicyId('resource-perimeter-rcp'))!;
    expect(rcp.type).toBe('RESOURCE_CONTROL_POLICY');
    expect(rcp.content).toBe(result.policies.find((p) => p.name === 'resource-perimeter-rcp')!.minified);
    // Role and endpoint policies are not organization policies.
    expect(over.organization!.policies.has(overlayPolicyId('caller-lock-luke'))).toBe(false);
    expect(input.estate.index.orgPoliciesByTarget.get('ou-root1-sbox0001')).toEqual(before);
    expect(input.estate.organization!.policies.size).toBe(2);
    expect(over.organization!.policies.size).toBe(2 + 5);
  });

  it('reads a generate output directory through its manifest (the --with-policies DIR input)', () => {
    const files = new Map(renderOutputs(result, 'json').map((f) => [f.path, f.content]));
    const fromDir = overlayFromManifest(files.get('manifest.json')!, files);
    expect(fromDir).toEqual(overlayFromGenerated(result.policies));
  });

  it('names a policy file the manifest lists but the directory lacks', () => {
    const files = new Map(renderOutputs(result, 'json').map((f) => [f.path, f.content]));
    files.delete('no-internet-ingress.json');
    expect(() => overlayFromManifest(files.get('manifest.json')!, files)).toThrow(GuardrailError);
    expect(() => overlayFromManifest(files.get('manifest.json')!, files)).toThrow(
      'manifest.json: $.policies[5]: policy file no-internet-ingress.json is missing from the directory',
    );
  });
});
