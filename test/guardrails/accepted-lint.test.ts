// `perimeter generate` records lint codes its policies carry on purpose (acceptedLint, e.g. L7/L9
// on the EC2 credential binding); the manifest carries them, the overlay reads them back, and the
// scan reports them as suppressed with the generator's reason instead of as findings. A code the
// generator did not accept is still a finding. Demo estate and intent (examples/demo).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyLameDuckCondition } from '../../src/checks/iam/policy-lame-duck-condition.js';
import { runChecks, type ScanResult } from '../../src/checks/run-checks.js';
import { acceptedLintSuppressions, withAcceptedLint } from '../../src/checks/shared/accepted-lint.js';
import { readIntentFile } from '../../src/cli/intent-file.js';
import type { Intent } from '../../src/config/intent.js';
import { loadSnapshot } from '../../src/estate/load.js';
import type { Estate } from '../../src/estate/model.js';
import { acceptedLintOf, generateGuardrails, type GenerationResult } from '../../src/guardrails/generate.js';
import { renderOutputs } from '../../src/guardrails/output/index.js';
import {
  acceptedLintOfOverlay,
  overlayFromGenerated,
  overlayFromManifest,
  overlayPolicies,
  overlayResourcePolicies,
  resourceOverlayFromGenerated,
  resourceOverlayFromManifest,
} from '../../src/guardrails/overlay.js';
import { createEngineEvaluator } from '../../src/guardrails/proof/engine-evaluator.js';
import type { Proof } from '../../src/guardrails/proof/run.js';

const DEMO = join(import.meta.dirname, '../../examples/demo');
const SCP = 'ec2-credentials-prod';
const ROLE_POLICY = 'ec2-credentials-prod-app-binding-prod-app-bound';
const ROLE = 'arn:aws:iam::333333333333:role/prod-app-bound';
const L9_REASON =
  'nat-aware: calls through a NAT are allowed per VPC by the NotIpAddressIfExists statements; other non-endpoint paths (e.g. an instance public IP) are denied on purpose';
const L7_REASON =
  "aws:SourceVpc is compared with the credentials' own ${aws:EC2InstanceSourceVPC}, not with a literal VPC id; the private address must match too";

let estate: Estate;
let intent: Intent;
let result: GenerationResult;

beforeAll(async () => {
  estate = await loadSnapshot(DEMO);
  intent = readIntentFile(join(DEMO, 'perimeter.yaml'));
  result = generateGuardrails(intent, estate, createEngineEvaluator());
}, 60_000);

/** What `scan --with-policies DIR` does with the files `generate --out DIR` writes. */
function scanWith(files: Map<string, string>): ScanResult {
  const manifest = files.get('manifest.json')!;
  const org = overlayFromManifest(manifest, files);
  const res = resourceOverlayFromManifest(manifest, files);
  const over = overlayResourcePolicies(overlayPolicies(estate, org), res);
  return runChecks(
    over,
    withAcceptedLint(intent, over, acceptedLintOfOverlay(org, res)),
    [policyLameDuckCondition],
    {
      today: '2026-11-23',
    },
  );
}

const outputFiles = () => new Map(renderOutputs(result, 'json').map((f) => [f.path, f.content]));
const row = (f: { evidence: Readonly<Record<string, unknown>> }) => [f.evidence.policyId, f.evidence.code];

describe('accepted lint codes of generated policies', () => {
  it('manifest.json lists each policy’s accepted codes with the generator’s reason', () => {
    const m = JSON.parse(outputFiles().get('manifest.json')!) as {
      policies: { name: string; acceptedLint: { code: string; reason: string }[] }[];
    };
    const accepted = Object.fromEntries(m.policies.map((p) => [p.name, p.acceptedLint.map((a) => a.code)]));
    expect(accepted).toEqual({
      'caller-lock-sandbox-ssh-box': [],
      'caller-lock-sandbox-web': [],
      [SCP]: ['L7', 'L9'],
      [ROLE_POLICY]: ['L7', 'L9'],
      'endpoint-sqs-vpc-08cd7fa2072baf59c': [],
      'no-internet-ingress': [],
      'peering-trusted-accounts': [],
    });
    expect(m.policies.find((p) => p.name === SCP)?.acceptedLint).toEqual([
      { code: 'L7', reason: L7_REASON },
      { code: 'L9', reason: L9_REASON },
    ]);
  });

  it('the overlay reads them back as generated, keyed by the scan’s policy ids', () => {
    const files = outputFiles();
    const manifest = files.get('manifest.json')!;
    const org = overlayFromManifest(manifest, files);
    const res = resourceOverlayFromManifest(manifest, files);
    expect(org).toEqual(overlayFromGenerated(result.policies, result.proofs));
    expect(res).toEqual(resourceOverlayFromGenerated(result.policies, result.proofs));
    expect(acceptedLintOfOverlay(org, res).map((a) => [a.policyId, a.code])).toEqual([
      [`${ROLE}#inline:perimeter-${ROLE_POLICY}`, 'L7'],
      [`${ROLE}#inline:perimeter-${ROLE_POLICY}`, 'L9'],
      [`perimeter-generated:${SCP}`, 'L7'],
      [`perimeter-generated:${SCP}`, 'L9'],
    ]);
    expect(acceptedLintOf(result.proofs, 'no-internet-ingress')).toEqual([]);
  });

  it('scan --with-policies: accepted codes are suppressed with the reason, not findings; the snapshot’s own policies still are', () => {
    const r = scanWith(outputFiles());
    expect(r.findings.map(row)).toEqual([
      ['arn:aws:iam::444444444444:role/sandbox-web#inline:caller-based-lock', 'L9'], // high
      [`${ROLE}#inline:ec2-credential-binding`, 'L9'],
      [`${ROLE}#inline:ec2-credential-binding`, 'L9'],
    ]);
    const suppressed = r.suppressed.map((s) => [...row(s.finding), s.reason]);
    const scpL9 = `accepted by perimeter generate (${SCP}): ${L9_REASON}`;
    const scpL7 = `accepted by perimeter generate (${SCP}): ${L7_REASON}`;
    const roleL9 = `accepted by perimeter generate (${ROLE_POLICY}): ${L9_REASON}`;
    const roleL7 = `accepted by perimeter generate (${ROLE_POLICY}): ${L7_REASON}`;
    const count = (x: unknown[]) => suppressed.filter((s) => JSON.stringify(s) === JSON.stringify(x)).length;
    expect(suppressed).toHaveLength(12);
    expect(count([`perimeter-generated:${SCP}`, 'L9', scpL9])).toBe(3);
    expect(count([`perimeter-generated:${SCP}`, 'L7', scpL7])).toBe(3);
    expect(count([`${ROLE}#inline:perimeter-${ROLE_POLICY}`, 'L9', roleL9])).toBe(3);
    expect(count([`${ROLE}#inline:perimeter-${ROLE_POLICY}`, 'L7', roleL7])).toBe(3);
  });

  it('a code the generator did not accept (L10 injected into the generated SCP) is still a finding', () => {
    const files = outputFiles();
    const doc = JSON.parse(files.get(`${SCP}.json`)!) as { Statement: unknown[] };
    doc.Statement.push({
      Sid: 'Injected',
      Effect: 'Deny',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    files.set(`${SCP}.json`, JSON.stringify(doc));
    const r = scanWith(files);
    expect(r.findings.filter((f) => f.evidence.policyId === `perimeter-generated:${SCP}`).map(row)).toEqual([
      [`perimeter-generated:${SCP}`, 'L10'],
    ]);
    expect(r.suppressed).toHaveLength(12);
  });

  it('without accepted entries nothing is suppressed; an accepted code of another policy suppresses nothing here', () => {
    expect(acceptedLintSuppressions(estate, [])).toEqual([]);
    expect(
      acceptedLintSuppressions(estate, [
        { policyId: 'perimeter-generated:not-here', policyName: 'not-here', code: 'L9', reason: 'x' },
        {
          policyId: `${ROLE}#inline:ec2-credential-binding`,
          policyName: 'not-generated',
          code: 'L7',
          reason: 'x',
        },
      ]),
    ).toEqual([]);
  });
});

describe('acceptedLintOf and the manifest reader', () => {
  const proof = (id: string, policies: string[], accepted: { code: string; reason: string }[]) =>
    ({
      draft: { id, acceptedLint: accepted },
      policies: policies.map((name) => ({ name })),
    }) as unknown as Proof;

  it('a packed policy carries the accepted codes of every guardrail proven against it, one per code, sorted', () => {
    const proofs = [
      proof('a', ['scp-guardrails-1'], [{ code: 'L9', reason: 'a: deny on purpose' }]),
      proof(
        'b',
        ['scp-guardrails-1'],
        [
          { code: 'L10', reason: 'b: org key' },
          { code: 'L9', reason: 'b: later reason is not used' },
        ],
      ),
      proof('c', ['other'], [{ code: 'L7', reason: 'c only' }]),
    ];
    expect(acceptedLintOf(proofs, 'scp-guardrails-1')).toEqual([
      { code: 'L9', reason: 'a: deny on purpose' },
      { code: 'L10', reason: 'b: org key' },
    ]);
    expect(acceptedLintOf(proofs, 'unknown')).toEqual([]);
  });

  it('a malformed acceptedLint names the manifest path and the value found', () => {
    const files = outputFiles();
    const m = JSON.parse(files.get('manifest.json')!) as {
      policies: { name: string; acceptedLint: unknown }[];
    };
    const i = m.policies.findIndex((p) => p.name === SCP);
    m.policies[i]!.acceptedLint = [{ code: 'L9' }];
    files.set('manifest.json', JSON.stringify(m));
    expect(() => overlayFromManifest(files.get('manifest.json')!, files)).toThrow(
      `manifest.json: $.policies[${i}].acceptedLint[0]: expected {code: string, reason: string}, found {"code":"L9"}`,
    );
    m.policies[i]!.acceptedLint = 'L9';
    files.set('manifest.json', JSON.stringify(m));
    expect(() => overlayFromManifest(files.get('manifest.json')!, files)).toThrow(
      `manifest.json: $.policies[${i}].acceptedLint: expected an array of {code, reason}, found "L9"`,
    );
  });

  it('a manifest without acceptedLint (written before it existed) accepts nothing: every code is a finding', () => {
    const files = outputFiles();
    const m = JSON.parse(files.get('manifest.json')!) as { policies: Record<string, unknown>[] };
    for (const p of m.policies) delete p['acceptedLint'];
    files.set('manifest.json', JSON.stringify(m));
    const r = scanWith(files);
    expect(r.suppressed).toEqual([]);
    expect(r.findings.filter((f) => f.evidence.policyId === `perimeter-generated:${SCP}`)).toHaveLength(6);
  });
});
