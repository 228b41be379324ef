// What every output format renders: the generated policies with their attachment, in a fixed
// order (draft id, then part), and stable identifiers for resource names.
import type { GenerationResult } from '../generate.js';
import type { Attachment, GeneratedPolicy, PolicyJson, PolicyKind } from '../types.js';

export interface OutputFile {
  /** Path relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly content: string;
}

export interface ShippedPolicy {
  readonly name: string;
  readonly kind: PolicyKind;
  readonly title: string;
  readonly description: string;
  readonly document: PolicyJson;
  readonly minified: string;
  readonly bytes: number;
  readonly limit: number;
  readonly attachment: Attachment;
}

export const orgPolicyType: Readonly<Record<'scp' | 'rcp', string>> = {
  scp: 'SERVICE_CONTROL_POLICY',
  rcp: 'RESOURCE_CONTROL_POLICY',
};

export function shipped(result: GenerationResult): ShippedPolicy[] {
  return result.policies.map((p: GeneratedPolicy) => ({
    name: p.name,
    kind: p.draft.kind,
    title: p.parts > 1 ? `${p.draft.title} (part ${p.part} of ${p.parts})` : p.draft.title,
    description: p.draft.description,
    document: p.document,
    minified: p.minified,
    bytes: p.bytes,
    limit: p.limit,
    attachment: p.draft.attachment,
  }));
}

/** `no-internet-ingress-part-2` → `NoInternetIngressPart2` (CloudFormation logical ids, CDK ids). */
export function logicalId(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((x) => x.length > 0)
    .map((x) => x[0]!.toUpperCase() + x.slice(1))
    .join('');
}

/** `no-internet-ingress` → `no_internet_ingress` (Terraform resource names). */
export function snakeId(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(s) ? s : `p_${s}`;
}

/** Organization policies' description: at most 512 characters (Organizations CreatePolicy). */
export function shortDescription(text: string): string {
  return text.length <= 512 ? text : `${text.slice(0, 509)}...`;
}
