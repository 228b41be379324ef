// Guardrail generator: intent → SCPs, RCPs, endpoint and role policies, fitted to quotas and
// proven with the IAM engine before they ship.
export { generateGuardrails, buildDrafts, type GenerationResult } from './generate.js';
export { GuardrailError } from './errors.js';
export { createEngineEvaluator } from './proof/engine-evaluator.js';
export type { PolicyEvaluator } from './proof/evaluator.js';
export { renderOutputs, outputFormats, type OutputFormat, type OutputFile } from './output/index.js';
export {
  acceptedLintOfOverlay,
  overlayPolicies,
  overlayFromGenerated,
  overlayFromManifest,
  overlayResourcePolicies,
  resourceOverlayFromGenerated,
  resourceOverlayFromManifest,
  type OverlayPolicy,
  type OverlayResourcePolicy,
} from './overlay.js';
export { proofRows } from './proof/markdown.js';
export type { GeneratedPolicy, GuardrailDraft, PolicyJson, PolicyKind } from './types.js';
