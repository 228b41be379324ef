import { describe, expect, it } from 'vitest';
import { GuardrailError } from '../../src/guardrails/errors.js';
import { checkTargetQuotas } from '../../src/guardrails/quota.js';
import { splitDraft } from '../../src/guardrails/split.js';
import type { GuardrailDraft } from '../../src/guardrails/types.js';
import { loadScenario } from './support.js';

// org-estate.yaml: Prod OU has FullAWSAccess + DenyInternetGateway attached; Sandbox only FullAWSAccess.
const { estate } = loadScenario('org-estate.yaml');

function scp(id: string, targetIds: string[]): GuardrailDraft {
  return {
    id,
    kind: 'scp',
    title: id,
    description: id,
    statements: [{ Sid: 'D', Effect: 'Deny', Action: 'ec2:CreateInternetGateway', Resource: '*' }],
    attachment: { kind: 'org', targetIds },
    scenarios: [],
    notes: [],
  };
}

describe('checkTargetQuotas', () => {
  it('counts the SCPs already attached (FullAWSAccess included) and the generated ones per target', () => {
    const usage = checkTargetQuotas(estate, [
      ...splitDraft(scp('a', ['ou-root1-prod0001'])),
      ...splitDraft(scp('b', ['ou-root1-prod0001', 'ou-root1-sbox0001'])),
    ]);
    expect(usage).toEqual([
      {
        targetId: 'ou-root1-prod0001',
        type: 'SERVICE_CONTROL_POLICY',
        existing: ['DenyInternetGateway', 'FullAWSAccess'],
        generated: ['a', 'b'],
        total: 4,
      },
      {
        targetId: 'ou-root1-sbox0001',
        type: 'SERVICE_CONTROL_POLICY',
        existing: ['FullAWSAccess'],
        generated: ['b'],
        total: 2,
      },
    ]);
  });

  it('fails naming the target, what is attached, what is generated and by how much it is over', () => {
    const policies = ['a', 'b', 'c', 'd'].flatMap((id) => splitDraft(scp(id, ['ou-root1-prod0001'])));
    try {
      checkTargetQuotas(estate, policies);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GuardrailError);
      expect((err as GuardrailError).problems).toEqual([
        'ou-root1-prod0001: 2 SCPs already attached (DenyInternetGateway, FullAWSAccess) + 4 generated (a, b, c, d) = 6; at most 5 SCPs can be attached to a root, OU or account (over by 1)',
      ]);
    }
  });

  it('counts RCPFullAWSAccess on every target even when the snapshot does not list RCPs', () => {
    const rcp: GuardrailDraft = { ...scp('r', ['ou-root1-sbox0001']), kind: 'rcp' };
    const usage = checkTargetQuotas(estate, splitDraft(rcp));
    expect(usage).toEqual([
      {
        targetId: 'ou-root1-sbox0001',
        type: 'RESOURCE_CONTROL_POLICY',
        existing: ['RCPFullAWSAccess'],
        generated: ['r'],
        total: 2,
      },
    ]);
  });
});
