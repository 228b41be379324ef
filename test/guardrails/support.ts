// Loads test/scenarios/guardrails/*.yaml: raw AWS documents (through the real buildEstate) and an intent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateIntent, type Intent } from '../../src/config/intent.js';
import { buildEstate } from '../../src/estate/build.js';
import type { RawDocument } from '../../src/estate/build.js';
import type { Estate } from '../../src/estate/model.js';

export interface GuardrailScenario {
  readonly estate: Estate;
  readonly intent: Intent;
  readonly rawIntent: Record<string, unknown>;
  readonly documents: RawDocument[];
}

export function loadScenario(
  name: string,
  patchIntent?: (raw: Record<string, unknown>) => Record<string, unknown>,
): GuardrailScenario {
  const file = join(import.meta.dirname, '..', 'scenarios', 'guardrails', name);
  const data = parse(readFileSync(file, 'utf8')) as {
    documents: RawDocument[];
    intent: Record<string, unknown>;
  };
  const rawIntent = patchIntent ? patchIntent(structuredClone(data.intent)) : data.intent;
  const r = validateIntent(rawIntent);
  if ('issues' in r) throw new Error(`${name}: invalid intent: ${JSON.stringify(r.issues)}`);
  return { estate: buildEstate(data.documents), intent: r.intent, rawIntent, documents: data.documents };
}

export function intentOf(raw: Record<string, unknown>): Intent {
  const r = validateIntent(raw);
  if ('issues' in r) throw new Error(`invalid intent: ${JSON.stringify(r.issues)}`);
  return r.intent;
}
