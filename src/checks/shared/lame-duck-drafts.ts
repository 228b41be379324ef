// How one policy's lame-duck conditions (DOMAIN.md §4 L1–L12) become findings: one finding per
// policy, lint code and JSON path, on the resource the policy sits on. Shared by the check
// `policy-lame-duck-condition` (every policy of the estate), `perimeter reconcile` (through the
// check) and the CloudTrail endpoint-policy detector (the policy an event sets), so the three give
// the same rule id and the same fingerprint for the same endpoint policy and code.
import type { EstatePolicy } from '../../iam/estate-policies.js';
import { lintPolicy, type LintOptions } from '../../iam/lint.js';
import { endpointServiceOf, endpointZoneName } from '../../iam/network-paths.js';
import type { Estate, VpcEndpoint } from '../../estate/model.js';
import type { FindingDraft } from '../types.js';

export const lameDuckRuleId = 'policy-lame-duck-condition';

const lameDuckCode = /^L\d+$/;

/** What hub detection needs of an endpoint (an event may know only these). */
export type EndpointPlace = Pick<VpcEndpoint, 'serviceName' | 'region' | 'vpcId'>;

/** An endpoint is a hub endpoint when a private hosted zone for its service is associated with other VPCs. */
export function isHubEndpoint(estate: Estate, ep: EndpointPlace): boolean {
  const svc = endpointServiceOf(ep.serviceName);
  if (!svc) return false;
  const name = endpointZoneName(svc, ep.region);
  return [...estate.hostedZones.values()].some(
    (z) =>
      z.privateZone &&
      z.name.toLowerCase().replace(/\.$/, '') === name &&
      (z.vpcs ?? []).some((v) => v.vpcId !== ep.vpcId),
  );
}

/** Lint options for a policy of the estate: endpoint policies know their VPC and whether they are a hub endpoint. */
export function lintOptionsFor(estate: Estate, p: EstatePolicy): LintOptions {
  const ep = p.type === 'vpce' ? estate.vpcEndpoints.get(p.id) : undefined;
  return {
    ...(p.endpointVpcId !== undefined ? { endpointVpcId: p.endpointVpcId } : {}),
    ...(ep && isHubEndpoint(estate, ep) ? { hubEndpoint: true } : {}),
  };
}

/** The discriminator of a lame-duck finding (its fingerprint is sha256 of rule id, resource id and this). */
export function lameDuckDiscriminator(policyId: string, code: string, path: string): string {
  return `${policyId}|${code}|${path}`;
}

/** One finding draft per lame-duck lint finding of one policy, in lint order. */
export function lameDuckDrafts(p: EstatePolicy, options: LintOptions): FindingDraft[] {
  return lintPolicy(p.document, p.type, options)
    .filter((f) => lameDuckCode.test(f.code))
    .map((f) => ({
      severity: f.severity,
      resource: p.owner,
      message: `${p.name} (${p.type} policy) ${f.code}: ${f.message}`,
      evidence: {
        policyId: p.id,
        policyType: p.type,
        code: f.code,
        path: f.path,
        ...(f.statement !== undefined ? { statement: f.statement } : {}),
      },
      discriminator: lameDuckDiscriminator(p.id, f.code, f.path),
    }));
}

/**
 * An endpoint's policy as `estatePolicies` lists it (same id, name, owner and lint context). The VPC
 * may be unknown (an event for an endpoint the snapshot does not hold): lint then runs without it.
 */
export function endpointPolicyEntry(
  ep: Pick<VpcEndpoint, 'id' | 'region' | 'accountId' | 'ownerId'> & { readonly vpcId?: string },
  document: string,
): EstatePolicy {
  return {
    id: ep.id,
    name: `${ep.id} endpoint policy`,
    type: 'vpce',
    document,
    owner: {
      id: ep.id,
      type: 'vpc-endpoint',
      accountId: ep.accountId,
      region: ep.region,
      ...(ep.vpcId !== undefined ? { vpcId: ep.vpcId } : {}),
      arn: `arn:aws:ec2:${ep.region}:${ep.ownerId ?? ep.accountId}:vpc-endpoint/${ep.id}`,
    },
    ...(ep.vpcId !== undefined ? { endpointVpcId: ep.vpcId } : {}),
  };
}
