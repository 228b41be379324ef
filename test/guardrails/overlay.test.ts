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

describe('overlayResourcePolicies', () => {
  it('adds generated inline policies to their roles and replaces the endpoint policy of a known endpoint', async () => {
    const { overlayResourcePolicies, resourceOverlayFromGenerated } =
      await import('../../src/guardrails/overlay.js');
    const withEndpoint = loadScenario('org-estate.yaml', (raw) => {
      const g = raw['guardrails'] as { endpointPolicies: { endpointId?: string }[] };
      g.endpointPolicies[0]!.endpointId = 'vpce-0a000000000000001';
      return raw;
    });
    const gen = generateGuardrails(withEndpoint.intent, withEndpoint.estate, createEngineEvaluator());
    const list = resourceOverlayFromGenerated(gen.policies);
    expect(list.map((p) => [p.kind, p.name])).toEqual([
      ['role', 'caller-lock-luke'],
      ['role', 'ec2-credentials-analytics-inline-analytics-app'],
      ['endpoint', 'endpoint-sqs-vpc-0a0000000000000a2'],
    ]);
    // The endpoint is not in this snapshot: the overlay names it instead of guessing.
    expect(() => overlayResourcePolicies(withEndpoint.estate, list)).toThrow(
      'overlay: endpoint-sqs-vpc-0a0000000000000a2: endpoint vpce-0a000000000000001 is not in the snapshot',
    );
    const over = overlayResourcePolicies(withEndpoint.estate, list.slice(0, 2));
    const luke = over.iamRoles.get('arn:aws:iam::111111111111:role/luke')!;
    expect(luke.inlinePolicies.map((p) => p.name)).toEqual(['perimeter-caller-lock-luke']);
    expect(luke.inlinePolicies[0]!.document).toEqual(
      gen.policies.find((p) => p.name === 'caller-lock-luke')!.document,
    );
    expect(withEndpoint.estate.iamRoles.get('arn:aws:iam::111111111111:role/luke')!.inlinePolicies).toEqual(
      [],
    );
  });
});
