import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GuardrailError } from '../../src/guardrails/errors.js';
import { emptyPolicyBytes, minify, utf8Bytes } from '../../src/guardrails/minify.js';
import { splitDraft } from '../../src/guardrails/split.js';
import type { GuardrailDraft, PolicyKind, PolicyStatement } from '../../src/guardrails/types.js';

function draft(kind: PolicyKind, statements: PolicyStatement[]): GuardrailDraft {
  return {
    id: 'test-guardrail',
    kind,
    title: 't',
    description: 'd',
    statements,
    attachment: { kind: 'org', targetIds: ['ou-root1-prod0001'] },
    scenarios: [],
    notes: [],
  };
}

/** A Deny statement of exactly `size` bytes as JSON (Sid padded). */
function statementOfSize(i: number, size: number): PolicyStatement {
  const base = { Sid: `S${i}`, Effect: 'Deny' as const, Action: 'ec2:CreateInternetGateway', Resource: '*' };
  const pad = size - utf8Bytes(JSON.stringify(base));
  if (pad < 0) throw new Error('size too small');
  return { ...base, Sid: `S${i}${'x'.repeat(pad)}` };
}

describe('minify and measure', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('{"a":"€"}')).toBe(11);
  });
  it('an empty policy is 39 bytes', () => {
    expect(emptyPolicyBytes).toBe(39);
    expect(minify({ Version: '2012-10-17', Statement: [] })).toBe('{"Version":"2012-10-17","Statement":[]}');
  });
});

describe('splitDraft', () => {
  it('keeps a small SCP whole, with its exact minified bytes', () => {
    const s = statementOfSize(0, 100);
    const [p, ...rest] = splitDraft(draft('scp', [s]));
    expect(rest).toEqual([]);
    expect(p!.name).toBe('test-guardrail');
    expect(p!.bytes).toBe(39 + 100);
    expect(p!.minified).toBe(`{"Version":"2012-10-17","Statement":[${JSON.stringify(s)}]}`);
  });

  it('splits 3 statements of 2,000 bytes into 2 SCPs (2 + 1), in order', () => {
    const sts = [0, 1, 2].map((i) => statementOfSize(i, 2000));
    const parts = splitDraft(draft('scp', sts));
    expect(parts.map((p) => p.name)).toEqual(['test-guardrail-part-1', 'test-guardrail-part-2']);
    expect(parts.map((p) => p.bytes)).toEqual([39 + 2000 + 1 + 2000, 39 + 2000]);
    expect(parts.flatMap((p) => p.document.Statement)).toEqual(sts);
  });

  it('fills an SCP to exactly 5,120 bytes and no further', () => {
    const a = statementOfSize(0, 2540);
    const b = statementOfSize(1, 5120 - 39 - 2540 - 1);
    expect(splitDraft(draft('scp', [a, b])).map((p) => p.bytes)).toEqual([5120]);
    const c = statementOfSize(1, 5120 - 39 - 2540);
    expect(splitDraft(draft('scp', [a, c])).map((p) => p.bytes)).toEqual([39 + 2540, 39 + 5120 - 39 - 2540]);
  });

  it('names a statement that cannot fit in any SCP and by how much', () => {
    const big = statementOfSize(7, 5100);
    expect(() => splitDraft(draft('scp', [big]))).toThrow(GuardrailError);
    try {
      splitDraft(draft('scp', [big]));
    } catch (err) {
      expect((err as GuardrailError).problems).toEqual([
        `test-guardrail: statement 0 (Sid ${big.Sid}) alone makes a 5139-byte scp; the limit is 5120 (over by 19); its value lists cannot be split without changing what it denies`,
      ]);
    }
  });

  it('never splits an endpoint policy: one policy per endpoint, 20,480 bytes', () => {
    const sts = [0, 1, 2, 3, 4].map((i) => statementOfSize(i, 4500));
    expect(splitDraft(draft('vpce', sts.slice(0, 4))).length).toBe(1);
    try {
      splitDraft(draft('vpce', sts));
      expect.unreachable();
    } catch (err) {
      expect((err as GuardrailError).problems[0]).toBe(
        'test-guardrail: the vpce policy is 22543 bytes minified; the limit is 20480 (over by 2063) and a VPC endpoint takes one policy — give this service its own endpoint per workload group or reduce the workloads',
      );
    }
  });

  it('property: every part fits, statements keep their order, no part could take the next statement', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 90, max: 5000 }), { minLength: 1, maxLength: 12 }), (sizes) => {
        const sts = sizes.map((s, i) => statementOfSize(i, s));
        const parts = splitDraft(draft('scp', sts));
        expect(parts.flatMap((p) => p.document.Statement)).toEqual(sts);
        for (const p of parts) {
          expect(p.bytes).toBe(utf8Bytes(p.minified));
          expect(p.bytes).toBeLessThanOrEqual(5120);
        }
        for (let i = 0; i + 1 < parts.length; i++) {
          const next = parts[i + 1]!.document.Statement[0]!;
          expect(parts[i]!.bytes + utf8Bytes(JSON.stringify(next)) + 1).toBeGreaterThan(5120);
        }
      }),
      { numRuns: 200 },
    );
  });
});
