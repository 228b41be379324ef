import { describe, expect, it } from 'vitest';
import { validateIntent } from '../../src/config/intent.js';

describe('validateIntent', () => {
  it('accepts an empty file and fills defaults', () => {
    const r = validateIntent(null);
    expect('intent' in r && r.intent.trustedAccounts).toEqual([]);
    expect('intent' in r && r.intent.checks.disabled).toEqual([]);
  });

  it('names the path of an unknown field and of a bad account id', () => {
    const r = validateIntent({ trustedAccounts: [{ id: '12345' }], colour: 'red' });
    expect('issues' in r).toBe(true);
    const paths = 'issues' in r ? r.issues.map((i) => i.path).sort() : [];
    expect(paths).toEqual(['$', '$.trustedAccounts[0].id']);
  });

  it('requires a reason on a suppression', () => {
    const r = validateIntent({ suppressions: [{ ruleId: 'internet-exposed', resource: 'i-1', reason: '' }] });
    expect('issues' in r ? r.issues.map((i) => i.path) : []).toEqual(['$.suppressions[0].reason']);
  });
});

describe('shipped JSON Schema', () => {
  it('equals the schema generated from zod (run `npx tsx scripts/write-schemas.ts` after changing intent.ts)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { intentJsonSchema } = await import('../../src/config/intent-json-schema.js');
    const shipped = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../schema/perimeter.schema.json'), 'utf8'),
    ) as unknown;
    expect(shipped).toEqual(intentJsonSchema());
  });
});
