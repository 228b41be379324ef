// `scan --with-policies DIR`: apply the policies of a `perimeter generate` output directory to the
// estate (SCPs/RCPs on their targets, inline role policies, endpoint policies) before the checks,
// to see which findings the generated guardrails close. Lint codes the generator accepted on purpose
// (manifest.json acceptedLint) become suppressions with its reason: listed as suppressed, not hidden.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withAcceptedLint } from '../checks/shared/accepted-lint.js';
import type { Intent } from '../config/intent.js';
import type { Estate } from '../estate/model.js';
import {
  acceptedLintOfOverlay,
  GuardrailError,
  overlayFromManifest,
  overlayPolicies,
  overlayResourcePolicies,
  resourceOverlayFromManifest,
} from '../guardrails/index.js';
import { UsageError } from './errors.js';

export function applyGeneratedPolicies(
  estate: Estate,
  dir: string,
  intent: Intent,
): { estate: Estate; intent: Intent } {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new UsageError(`${dir}: no manifest.json (expected the --out directory of perimeter generate)`);
  }
  const files = new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const),
  );
  const manifest = files.get('manifest.json')!;
  try {
    const org = overlayFromManifest(manifest, files);
    const resources = resourceOverlayFromManifest(manifest, files);
    const over = overlayResourcePolicies(overlayPolicies(estate, org), resources);
    return {
      estate: over,
      intent: withAcceptedLint(intent, over, acceptedLintOfOverlay(org, resources)),
    };
  } catch (err) {
    if (err instanceof GuardrailError) throw new UsageError(`${dir}: ${err.message}`);
    throw err;
  }
}
