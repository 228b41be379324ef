import { describe, expect, it } from 'vitest';
import { buildEc2CredentialBinding } from '../../src/guardrails/builders/ec2-credential-binding.js';
import { generateGuardrails } from '../../src/guardrails/generate.js';
import { GuardrailError } from '../../src/guardrails/errors.js';
import { createEngineEvaluator } from '../../src/guardrails/proof/engine-evaluator.js';
import { proofMarkdown } from '../../src/guardrails/proof/markdown.js';
import { runProof } from '../../src/guardrails/proof/run.js';
import { splitDraft } from '../../src/guardrails/split.js';
import type { GuardrailDraft } from '../../src/guardrails/types.js';
import { intentOf, loadScenario } from './support.js';

const input = loadScenario('org-estate.yaml');
const evaluator = createEngineEvaluator();
const result = generateGuardrails(input.intent, input.estate, evaluator);
const proofOf = (id: string) => result.proofs.find((p) => p.draft.id === id)!;
const row = (id: string, path: string, action?: string) =>
  proofOf(id).rows.find(
    (r) => r.scenario.path === path && (action === undefined || r.scenario.action === action),
  )!;

describe('generateGuardrails on org-estate.yaml (real IAM engine)', () => {
  it('produces the eight policies the intent asks for, each proven', () => {
    expect(result.policies.map((p) => [p.name, p.draft.kind])).toEqual([
      ['caller-lock-luke', 'identity'],
      ['ec2-credentials-analytics-inline-analytics-app', 'identity'],
      ['ec2-credentials-sandbox', 'scp'],
      ['endpoint-sqs-vpc-0a0000000000000a2', 'vpce'],
      ['network-perimeter-scp', 'scp'],
      ['no-internet-ingress', 'scp'],
      ['peering-trusted-accounts', 'scp'],
      ['resource-perimeter-rcp', 'rcp'],
    ]);
    expect(result.proofs.map((p) => [p.draft.id, p.ok, p.rows.length])).toEqual([
      ['caller-lock-luke', true, 5],
      ['ec2-credentials-analytics-inline-analytics-app', true, 9],
      ['ec2-credentials-sandbox', true, 11],
      ['endpoint-sqs-vpc-0a0000000000000a2', true, 8],
      ['network-perimeter-scp', true, 8],
      ['no-internet-ingress', true, 14],
      ['peering-trusted-accounts', true, 7],
      ['resource-perimeter-rcp', true, 4],
    ]);
  });

  it('seed 001, DOMAIN.md §4: endpoint-only denies the legitimate instance through its NAT; nat-aware allows it', () => {
    const only = intentOf({
      ...input.rawIntent,
      guardrails: {
        ec2CredentialBinding: [
          { name: 'only', variant: 'endpoint-only', attachAs: 'inline', roles: ['analytics-app'] },
        ],
      },
    });
    const nat = generateGuardrails(only, input.estate, evaluator)
      .proofs.find((p) => p.draft.id === 'ec2-credentials-only-analytics-app')!
      .rows.find((r) => r.scenario.path === 'NAT 54.240.10.1')!;
    expect(nat.scenario.expect).toBe('deny');
    expect(nat.withIt.decision).toBe('ExplicitlyDenied');
    expect(nat.withIt.deciding).toEqual([
      'ec2-credentials-only-analytics-app#DenyEc2CredentialsOutsideOwnVpc',
    ]);
    expect(row('ec2-credentials-sandbox', 'NAT 54.240.10.1').withIt.decision).toBe('Allowed');
    expect(row('ec2-credentials-analytics-inline-analytics-app', 'NAT 54.240.10.1').withIt.decision).toBe(
      'Allowed',
    );
    // …but not another VPC's NAT, with the same (stolen) credentials.
    const cross = row('ec2-credentials-sandbox', "another VPC's NAT 54.240.20.2");
    expect(cross.withIt.deciding).toEqual(['ec2-credentials-sandbox#DenyEc2CredentialsOutsideOwnVpcOrNat1']);
  });

  it("seed 004: a centralized endpoint is never the instance's own VPC: accepted only when listed (endpointVpcs)", () => {
    // Default endpointVpcs = the VPCs of guardrails.endpointPolicies: the hub is accepted, from the instance's address only.
    expect(row('ec2-credentials-sandbox', 'hub endpoint in vpc-0a0000000000000a2').withIt.decision).toBe(
      'Allowed',
    );
    expect(
      row('ec2-credentials-sandbox', 'hub endpoint in vpc-0a0000000000000a2 from 10.255.255.253').withIt
        .deciding,
    ).toEqual(['ec2-credentials-sandbox#DenyEc2CredentialsFromAnotherAddress']);
    // endpointVpcs: [] → the documented pattern: the hub endpoint is denied.
    const raw = structuredClone(input.rawIntent) as {
      guardrails: { ec2CredentialBinding: Record<string, unknown>[] };
    };
    raw.guardrails.ec2CredentialBinding[0]!['endpointVpcs'] = [];
    const [d] = buildEc2CredentialBinding({
      intent: intentOf(raw as unknown as Record<string, unknown>),
      estate: input.estate,
    });
    const proof = runProof(input.estate, d!, splitDraft(d!), evaluator);
    const hub = proof.rows.find((r) => r.scenario.path === 'hub endpoint in vpc-0a0000000000000a2')!;
    expect([hub.scenario.expect, hub.withIt.decision, proof.ok]).toEqual(['deny', 'ExplicitlyDenied', true]);
  });

  it("shows an existing SCP that denies more than the intent (Prod's DenyInternetGateway vs the privileged role)", () => {
    const r = proofOf('no-internet-ingress').rows.find(
      (x) => x.scenario.principal === 'privileged role NetworkAdmin in 111111111111',
    )!;
    expect([r.alone.decision, r.baseline.decision, r.withIt.decision]).toEqual([
      'Allowed',
      'ExplicitlyDenied',
      'ExplicitlyDenied',
    ]);
    expect(r.baseline.deciding).toEqual(['DenyInternetGateway#DenyIgw']);
    expect(r.ok).toBe(true);
  });

  it("seed 003: the caller lock keeps calls through the instances' VPC endpoint and by AWS services working", () => {
    expect(row('caller-lock-luke', 'endpoint in vpc-0b0000000000000b1').withIt.decision).toBe('Allowed');
    expect(row('caller-lock-luke', 'via CloudFormation').withIt.decision).toBe('Allowed');
    expect(row('caller-lock-luke', 'internet 198.51.100.7').withIt.deciding).toEqual([
      'caller-lock-luke#LockCredentialsToInstanceAddresses',
    ]);
  });

  it('lints every policy clean, except the codes a draft accepts on purpose (with the reason)', () => {
    for (const p of result.proofs) for (const l of p.lint) expect(l.failing).toEqual([]);
    const accepted = proofOf('ec2-credentials-sandbox').lint[0]!.accepted.map((a) => a.issue.code);
    // L7 on each of the 4 statements (aws:SourceVpc vs the credentials' own VPC), L9 on each negated endpoint-key test.
    expect(accepted).toEqual(['L7', 'L9', 'L7', 'L9', 'L7', 'L9', 'L7', 'L9']);
    expect(proofOf('no-internet-ingress').lint[0]!.issues).toEqual([]);
  });

  it('is deterministic: the same intent gives the same policies and proofs', () => {
    const again = generateGuardrails(
      input.intent,
      loadScenario('org-estate.yaml').estate,
      createEngineEvaluator(),
    );
    expect(again.policies.map((p) => p.minified)).toEqual(result.policies.map((p) => p.minified));
    expect(again.proofs.map(proofMarkdown)).toEqual(result.proofs.map(proofMarkdown));
  });

  it('writes a proof a reviewer can read', () => {
    const md = proofMarkdown(proofOf('peering-trusted-accounts'));
    expect(md).toContain('- Policy: `peering-trusted-accounts.json` (856 of 5120 bytes minified)');
    expect(md).toContain('- Where: SCP attached to r-root1');
    expect(md).toContain(
      '| 3 | developer role in 111111111111 (human-role) | internet | ec2:CreateVpcPeeringConnection | arn:aws:ec2:us-east-1:111111111111:vpc-peering-connection/pcx-0example0000001 | deny — accepter account 210987654321 is neither in the organization nor in trustedAccounts | ExplicitlyDenied by peering-trusted-accounts#DenyPeeringRequestsOutsideTrustedAccounts | Allowed | ExplicitlyDenied by peering-trusted-accounts#DenyPeeringRequestsOutsideTrustedAccounts | ExplicitlyDenied by peering-trusted-accounts#DenyPeeringRequestsOutsideTrustedAccounts | ✓ |',
    );
  });
});

describe('proofs fail on a policy that does not do what the intent says', () => {
  it('a peering SCP on Resource "*" denies the requester-VPC resource too (ec2:AccepterVpc is absent there)', () => {
    const good = proofOf('peering-trusted-accounts').draft;
    const broken: GuardrailDraft = {
      ...good,
      statements: good.statements.map((s) => ({ ...s, Resource: '*' })),
    };
    const proof = runProof(input.estate, broken, splitDraft(broken), evaluator);
    expect(proof.ok).toBe(false);
    expect(proof.problems[0]).toBe(
      'peering-trusted-accounts: scenario 2 (developer role in 111111111111 / internet / ec2:CreateVpcPeeringConnection arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0a11ce0000000001): the intent expects allow (the requester-VPC resource of the same call carries no peer key; the SCP must not deny it); the generated policy alone gives ExplicitlyDenied by peering-trusted-accounts#DenyPeeringRequestsOutsideTrustedAccounts',
    );
  });

  it('seed 003 as written (Deny NotIpAddress aws:SourceIp, no guards) breaks endpoint and AWS-service calls', () => {
    const good = proofOf('caller-lock-luke').draft;
    const seed: GuardrailDraft = {
      ...good,
      statements: [
        {
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': ['54.240.30.3/32'] } },
        },
      ],
    };
    const proof = runProof(input.estate, seed, splitDraft(seed), evaluator);
    const failed = proof.rows.filter((r) => !r.ok).map((r) => r.scenario.path);
    expect(failed).toEqual(['endpoint in vpc-0b0000000000000b1', 'via CloudFormation']);
    expect(proof.lint[0]!.failing.map((f) => f.code)).toEqual(['L9']);
  });

  it('guardrails that contradict each other fail generation: every row is also evaluated with all generated policies', () => {
    // The Sandbox OU's SCP binding is nat-aware; an endpoint-only inline binding on analytics-app
    // denies that instance's NAT path, which the SCP's intent allows.
    const raw = structuredClone(input.rawIntent) as {
      guardrails: { ec2CredentialBinding: { variant: string }[] };
    };
    raw.guardrails.ec2CredentialBinding[1]!.variant = 'endpoint-only';
    try {
      generateGuardrails(intentOf(raw as unknown as Record<string, unknown>), input.estate, evaluator);
      expect.unreachable();
    } catch (err) {
      expect((err as GuardrailError).problems).toContain(
        'ec2-credentials-sandbox: scenario 2 (analytics-app on i-0a00000000000001a (vpc-0a0000000000000a1, 10.1.1.10) / NAT 54.240.10.1 / s3:GetObject arn:aws:s3:::perimeter-proof-555555555555/data.csv): expected allow, but together with the other generated policies it is ExplicitlyDenied by ec2-credentials-analytics-inline-analytics-app#DenyEc2CredentialsOutsideOwnVpc: the guardrails conflict for this request',
      );
    }
  });

  it('packs guardrails with the same targets into shared SCPs when one policy each would exceed 5 per target', () => {
    const raw = structuredClone(input.rawIntent) as { guardrails: { ec2CredentialBinding: unknown[] } };
    raw.guardrails.ec2CredentialBinding.push(
      { name: 'one', variant: 'nat-aware', targets: ['ou-root1-sbox0001'] },
      { name: 'two', variant: 'nat-aware', targets: ['ou-root1-sbox0001'] },
    );
    const r = generateGuardrails(
      intentOf(raw as unknown as Record<string, unknown>),
      input.estate,
      evaluator,
    );
    // Sandbox: FullAWSAccess + 4 SCPs for it alone (3 bindings, network perimeter) + no-internet-ingress = 6 → packed.
    expect(
      r.usage.find((u) => u.targetId === 'ou-root1-sbox0001' && u.type === 'SERVICE_CONTROL_POLICY'),
    ).toEqual({
      targetId: 'ou-root1-sbox0001',
      type: 'SERVICE_CONTROL_POLICY',
      existing: ['FullAWSAccess'],
      generated: ['no-internet-ingress', 'scp-guardrails-1-part-1', 'scp-guardrails-1-part-2'],
      total: 4,
    });
    const packed = r.policies.filter((p) => p.name.startsWith('scp-guardrails-1'));
    expect(packed.every((p) => p.bytes <= 5120)).toBe(true);
    expect(packed.flatMap((p) => p.document.Statement.map((s) => s.Sid)).slice(0, 2)).toEqual([
      'Ec2CredentialsOneDenyEc2CredentialsOutsideOwnVpcNoNat',
      'Ec2CredentialsOneDenyEc2CredentialsFromAnotherAddress',
    ]);
    // Each guardrail is still proven on its own scenarios, against the shared policies.
    const proof = r.proofs.find((p) => p.draft.id === 'network-perimeter-scp')!;
    expect([proof.ok, proof.policies.map((p) => p.name)]).toEqual([
      true,
      ['scp-guardrails-1-part-1', 'scp-guardrails-1-part-2'],
    ]);
  });

  it('fails listing every problem when even packing cannot keep a target at 5 SCPs', () => {
    const raw = structuredClone(input.rawIntent) as { guardrails: { ec2CredentialBinding: unknown[] } };
    raw.guardrails.ec2CredentialBinding.push(
      { name: 'two', variant: 'nat-aware', targets: ['ou-root1-sbox0001', '555555555555'] },
      { name: 'three', variant: 'nat-aware', targets: ['ou-root1-sbox0001', '111111111111'] },
      { name: 'four', variant: 'nat-aware', targets: ['ou-root1-sbox0001', 'r-root1'] },
    );
    const intent = intentOf(raw as unknown as Record<string, unknown>);
    expect(() => generateGuardrails(intent, input.estate, evaluator)).toThrow(GuardrailError);
    try {
      generateGuardrails(intent, input.estate, evaluator);
    } catch (err) {
      expect((err as GuardrailError).problems).toEqual([
        'ou-root1-sbox0001: 1 SCPs already attached (FullAWSAccess) + 6 generated (ec2-credentials-four, ec2-credentials-sandbox, ec2-credentials-three, ec2-credentials-two, network-perimeter-scp, no-internet-ingress) = 7; at most 5 SCPs can be attached to a root, OU or account (over by 2)',
        'packing guardrails with the same kind and targets does not help: ou-root1-sbox0001: 1 SCPs already attached (FullAWSAccess) + 5 generated (ec2-credentials-four, ec2-credentials-three, ec2-credentials-two, no-internet-ingress, scp-guardrails-1) = 6; at most 5 SCPs can be attached to a root, OU or account (over by 1)',
      ]);
    }
  });
});
