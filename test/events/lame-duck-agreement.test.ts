// One problem, one identity: the demo's lame-duck hub endpoint policy (vpce-082e39be8e0e403a9,
// aws:SourceVpc in an endpoint policy, L4) has the same rule id and fingerprint in `perimeter scan`,
// `perimeter reconcile` and the CloudTrail endpoint-policy detector, so a team can match them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyLameDuckCondition } from '../../src/checks/iam/policy-lame-duck-condition.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { readIntentFile } from '../../src/cli/intent-file.js';
import type { Intent } from '../../src/config/intent.js';
import { loadSnapshot } from '../../src/estate/load.js';
import type { Estate } from '../../src/estate/model.js';
import { detectAll } from '../../src/events/detect.js';
import { parseEventInput } from '../../src/events/parse-input.js';
import { reconcile } from '../../src/events/reconcile.js';
import { record } from './support/events.js';

const DEMO = join(import.meta.dirname, '../../examples/demo');
const ENDPOINT = 'vpce-082e39be8e0e403a9';
const NOW = new Date('2026-11-23T12:00:00Z');
/** sha256("policy-lame-duck-condition\0vpce-082e39be8e0e403a9\0vpce-…|L4|$.Statement[0]…") — the scan's. */
const FINGERPRINT = '1fed36a29dcf2959f26f693e8a8c3951';
const L4_PATH = '$.Statement[0].Condition.StringEquals["aws:SourceVpc"]';

let estate: Estate;
let intent: Intent;

beforeAll(async () => {
  estate = await loadSnapshot(DEMO);
  intent = readIntentFile(join(DEMO, 'perimeter.yaml'));
});

const ofEndpoint = <T extends { ruleId: string; resource: { id: string } }>(xs: readonly T[]) =>
  xs.filter((f) => f.ruleId === 'policy-lame-duck-condition' && f.resource.id === ENDPOINT);

describe('policy-lame-duck-condition on the demo hub endpoint: scan, reconcile and events agree', () => {
  it('scan: one L4 finding with the fingerprint of (rule, endpoint, policy|code|path)', () => {
    const scan = runChecks(estate, intent, [policyLameDuckCondition], { today: '2026-11-23' });
    expect(
      ofEndpoint(scan.findings).map((f) => [f.severity, f.evidence.code, f.evidence.path, f.fingerprint]),
    ).toEqual([['high', 'L4', L4_PATH, FINGERPRINT]]);
  });

  it('reconcile: the scan finding itself, notify-only, aged from the endpoint creation time', () => {
    const problems = reconcile(estate, intent, NOW).filter(
      (p) => p.detection.finding.resource.id === ENDPOINT,
    );
    expect(
      problems.map((p) => [p.detection.finding.ruleId, p.detection.finding.fingerprint, p.detection.target]),
    ).toEqual([
      [
        'policy-lame-duck-condition',
        FINGERPRINT,
        { kind: 'notify', accountId: '222222222222', region: 'us-east-1', resourceId: ENDPOINT },
      ],
    ]);
    expect([problems[0]?.since, problems[0]?.ageBasis]).toEqual([
      '2026-04-09T14:22:31.000Z',
      'endpoint CreationTimestamp (policy may be newer)',
    ]);
  });

  it('reconcile: only endpoint policies (they have an event path); a scan suppression of that fingerprint applies too', () => {
    expect(
      reconcile(estate, intent, NOW)
        .filter((p) => p.detection.finding.ruleId === 'policy-lame-duck-condition')
        .map((p) => p.detection.finding.resource.id),
    ).toEqual([ENDPOINT]);
    const suppressed: Intent = {
      ...intent,
      suppressions: [
        ...intent.suppressions,
        { fingerprint: FINGERPRINT, reason: 'hub policy rewrite tracked in NET-12' },
      ],
    };
    expect(
      reconcile(estate, suppressed, NOW).filter(
        (p) => p.detection.finding.ruleId === 'policy-lame-duck-condition',
      ),
    ).toEqual([]);
  });

  it('events: ModifyVpcEndpoint setting that policy gives the same fingerprint (VPC and hub zone from the snapshot)', () => {
    const policyDocument = estate.vpcEndpoints.get(ENDPOINT)?.policyDocument;
    expect(policyDocument).toContain('OnlyFromProdAppVpc');
    const ev = record({
      eventId: 'ev-demo-vpce',
      eventName: 'ModifyVpcEndpoint',
      account: '222222222222',
      request: { ModifyVpcEndpointRequest: { VpcEndpointId: ENDPOINT, PolicyDocument: policyDocument } },
      response: { ModifyVpcEndpointResponse: { return: true } },
    });
    const parsed = parseEventInput(JSON.stringify({ Records: [ev] }), 'demo.json');
    const d = detectAll(parsed.events, { estate, intent });
    expect(
      d.map((x) => [
        x.detectorId,
        x.finding.ruleId,
        x.finding.evidence.code,
        x.finding.fingerprint,
        x.target.kind,
      ]),
    ).toEqual([['endpoint-policy', 'policy-lame-duck-condition', 'L4', FINGERPRINT, 'notify']]);
    // Same resource as the scan's finding (ARN, VPC), so reports key it the same way.
    const scan = runChecks(estate, intent, [policyLameDuckCondition], { today: '2026-11-23' });
    expect(d[0]?.finding.resource).toEqual(ofEndpoint(scan.findings)[0]?.resource);
  });
});
