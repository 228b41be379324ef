import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { intentSchema } from '../../src/config/intent.js';
import { buildEstate } from '../../src/estate/build.js';
import { MemoryAuditSink } from '../../src/events/audit-log.js';
import { emptyParsed, parseEventInput } from '../../src/events/parse-input.js';
import { stepText } from '../../src/events/plan.js';
import { MemoryIdempotencyStore, Remediator } from '../../src/events/remediator.js';
import { replay } from '../../src/events/replay.js';

interface Scenario {
  source: string;
  intent: unknown;
  expect: {
    records: number;
    events: number;
    failedCalls: number;
    detections: [string, string, string, string][];
    sgRuleIds: string[];
  };
}

const scenario = parseYaml(readFileSync('test/scenarios/events/invictus.yaml', 'utf8')) as Scenario;

async function run(intentData: unknown) {
  const parsed = emptyParsed();
  for (const f of readdirSync(scenario.source)
    .filter((n) => n.endsWith('.json'))
    .sort())
    parseEventInput(readFileSync(join(scenario.source, f)), f, parsed);
  const estate = buildEstate([]);
  const intent = intentSchema.parse(intentData);
  const audit = new MemoryAuditSink();
  const remediator = new Remediator({
    ports: () => {
      throw new Error('dry run must not need AWS');
    },
    audit,
    idempotency: new MemoryIdempotencyStore(),
    mode: 'dry-run',
    estate,
    intent,
    clock: () => new Date('2026-11-23T12:00:00Z'),
    sleep: () => Promise.resolve(),
  });
  return { result: await replay(parsed, { estate, intent }, remediator), audit };
}

describe('events replay on the invictus CloudTrail logs (real data)', () => {
  it('reports every IGW create/attach/route and the SSH-to-world rule, by eventID, with its planned remediation', async () => {
    const { result, audit } = await run(scenario.intent);
    expect([result.summary.records, result.summary.events, result.summary.failedCalls]).toEqual([
      scenario.expect.records,
      scenario.expect.events,
      scenario.expect.failedCalls,
    ]);
    expect(
      result.detections.map((d) => [d.eventId, d.eventName, d.finding.resource.id, d.finding.severity]),
    ).toEqual(scenario.expect.detections);
    const sg = result.outcomes.find((o) => o.eventId === '74bd84b4-6729-4895-b2a4-e2beb7c6b377');
    expect(sg?.plan.steps.map(stepText)).toEqual([
      `RevokeSecurityGroupIngress sg-04cfb7a4712d75b00 SecurityGroupRuleIds=${scenario.expect.sgRuleIds.join(',')}`,
    ]);
    const route = result.outcomes.find((o) => o.eventId === '6445452c-c6df-4ebf-a1ed-2890f5aa7107');
    expect(route?.plan.steps.map(stepText)).toEqual([
      'DeleteRoute rtb-0c7c2f4aff3677054 0.0.0.0/0',
      'DeleteInternetGateway igw-02a84e4222d62e16b',
    ]);
    expect(result.outcomes.every((o) => o.status === 'planned')).toBe(true);
    // every detection and decision is in the audit trail
    expect(audit.entries.filter((e) => e.kind === 'detection')).toHaveLength(13);
    expect(audit.entries.filter((e) => e.kind === 'decision')).toHaveLength(13);
  });

  it('without a no-internet zone in the intent only the SSH rule is reported', async () => {
    const { result } = await run({});
    expect(result.detections.map((d) => d.eventId)).toEqual(['74bd84b4-6729-4895-b2a4-e2beb7c6b377']);
  });
});
