// Helpers shared by the builders: organization facts, role ARNs, example resources, stable ids.
import type { Intent } from '../../config/intent.js';
import type { Estate, Instance, NatGateway } from '../../estate/model.js';
import { GuardrailError } from '../errors.js';
import { accountsUnder, isAccountId, orgPathOf, proofAccount } from '../org.js';
import type { GuardrailDraft } from '../types.js';

export interface BuildInput {
  readonly intent: Intent;
  readonly estate: Estate;
}

export type Builder = (input: BuildInput) => GuardrailDraft[];

/** The organization id: the intent's, else the snapshot's. */
export function organizationId(input: BuildInput): string | undefined {
  return input.intent.organizationId ?? input.estate.organization?.id;
}

export function requireOrganizationId(input: BuildInput, what: string): string {
  const id = organizationId(input);
  if (id === undefined) {
    throw new GuardrailError([
      `${what}: no organization id (set organizationId in the intent file or include organization/*.json in the snapshot)`,
    ]);
  }
  return id;
}

/** A region for proof requests: the first region with data in the snapshot, else us-east-1. */
export function proofRegion(estate: Estate): string {
  const regions = new Set<string>();
  for (const a of estate.accounts.values()) for (const r of a.regions) if (r !== 'global') regions.add(r);
  return [...regions].sort()[0] ?? 'us-east-1';
}

/** Account id used in proofs when a target has no member account in the snapshot. */
export const syntheticAccount = '000000000001';

/** The account a target's proofs run in and its org path (root → … → account). */
export function proofPrincipal(estate: Estate, targetId: string): { account: string; path?: string[] } {
  const acct = proofAccount(estate, targetId);
  if (acct !== undefined) return { account: acct, path: orgPathOf(estate, acct) ?? [acct] };
  const targetPath = orgPathOf(estate, targetId);
  if (isAccountId(targetId)) return { account: targetId, path: targetPath ?? [targetId] };
  return { account: syntheticAccount, path: [...(targetPath ?? [targetId]), syntheticAccount] };
}

/** Fails when the snapshot has an organization and a target is not in it. */
export function checkTargets(estate: Estate, what: string, targets: readonly string[]): void {
  if (estate.organization === undefined) return;
  const problems = targets
    .filter((t) => orgPathOf(estate, t) === undefined)
    .map((t) => {
      const known = [...estate.organization!.units.keys()].sort();
      return `${what}: target ${t} is not in the organization of the snapshot (roots and OUs: ${known.join(', ') || 'none'}; or a member account id)`;
    });
  const mgmt = estate.organization.managementAccountId;
  if (mgmt !== undefined && targets.includes(mgmt)) {
    problems.push(
      `${what}: target ${mgmt} is the management account; SCPs and RCPs do not apply to it (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html) — protect it otherwise or remove it from the targets`,
    );
  }
  if (problems.length > 0) throw new GuardrailError(problems);
}

/** aws:PrincipalARN patterns for role names or ARNs: a bare name matches that role in any account. */
export function rolePatterns(refs: readonly string[]): string[] {
  return [...new Set(refs.map((r) => (r.startsWith('arn:') ? r : `arn:aws:iam::*:role/${r}`)))].sort();
}

/** A concrete role ARN in `account` that a pattern or name matches (for proof principals). */
export function concreteRoleArn(ref: string, account: string): string {
  const arn = ref.startsWith('arn:') ? ref : `arn:aws:iam::*:role/${ref}`;
  return arn
    .replace(/^(arn:[^:]+:iam::)\*:/, `$1${account}:`)
    .replace(/\*/g, 'example')
    .replace(/\?/g, 'x');
}

/** An example ARN a resource pattern matches (wildcards filled in) and the account it names. */
export function exampleResource(pattern: string): { arn: string; account?: string } {
  const arn = pattern.replace(/\*/g, 'example').replace(/\?/g, 'x');
  const account = arn.split(':')[4];
  return account !== undefined && isAccountId(account) ? { arn, account } : { arn };
}

/** Sid-safe PascalCase of a kebab-case name. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Public IPv4 addresses of a VPC's NAT gateways that can carry traffic (public, not deleted/failed). */
export function natAddresses(estate: Estate, vpcId: string): string[] {
  const ids = estate.index.natGatewaysByVpc.get(vpcId) ?? [];
  const out: string[] = [];
  for (const id of ids) {
    const n: NatGateway | undefined = estate.natGateways.get(id);
    if (n === undefined || n.connectivityType !== 'public') continue;
    if (n.state === 'deleted' || n.state === 'deleting' || n.state === 'failed') continue;
    for (const a of n.addresses) if (a.publicIp !== undefined) out.push(a.publicIp);
  }
  return sortedUnique(out);
}

/** VPCs of the accounts at or below the targets, sorted. */
export function vpcsUnder(estate: Estate, targets: readonly string[]): string[] {
  const accounts = new Set(targets.flatMap((t) => accountsUnder(estate, t)));
  if (estate.organization === undefined) for (const t of targets) if (isAccountId(t)) accounts.add(t);
  return [...estate.vpcs.values()]
    .filter((v) => accounts.has(v.accountId))
    .map((v) => v.id)
    .sort();
}

/** Role ARNs behind an instance's profile. */
export function instanceRoles(estate: Estate, instance: Instance): string[] {
  if (instance.iamInstanceProfileArn === undefined) return [];
  return [...(estate.index.rolesByInstanceProfile.get(instance.iamInstanceProfileArn) ?? [])].sort();
}

export function roleNameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function cidrOf(ip: string): string {
  return ip.includes('/') ? ip : ip.includes(':') ? `${ip}/128` : `${ip}/32`;
}

/** A usable address inside an IPv4 CIDR (network address + 10; the address itself for /31 and /32). */
export function addressIn(cidr: string): string {
  const [ip, len] = cidr.split('/');
  const parts = (ip ?? '').split('.').map(Number);
  if (parts.length !== 4 || len === undefined || Number(len) >= 31) return ip ?? cidr;
  const n = ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]! + 10;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * NAT addresses a VPC's traffic can leave through: its own NAT gateways, and for a default route
 * to a transit gateway (centralized egress, seed 002), the NAT gateways of the VPCs attached to that
 * transit gateway. An over-approximation (any NAT behind the transit gateway) — the proof notes it.
 */
export function egressNatAddresses(estate: Estate, vpcId: string): { addresses: string[]; via: string[] } {
  const addresses = new Set(natAddresses(estate, vpcId));
  const via = new Set<string>();
  for (const rtId of estate.index.routeTablesByVpc.get(vpcId) ?? []) {
    const rt = estate.routeTables.get(rtId);
    for (const r of rt?.routes ?? []) {
      if (r.state !== 'active' || r.target.kind !== 'tgw') continue;
      if (r.destination.kind !== 'cidr' || r.destination.cidr !== '0.0.0.0/0') continue;
      for (const attId of estate.index.tgwAttachmentsByTgw.get(r.target.id) ?? []) {
        const att = estate.transitGatewayAttachments.get(attId);
        if (att?.resourceType !== 'vpc' || att.resourceId === undefined || att.resourceId === vpcId) continue;
        const nats = natAddresses(estate, att.resourceId);
        if (nats.length > 0) via.add(`${r.target.id} → ${att.resourceId}`);
        for (const n of nats) addresses.add(n);
      }
    }
  }
  return { addresses: [...addresses].sort(), via: [...via].sort() };
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!/^\d{1,3}$/.test(p) || v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** Is an IPv4 address inside an IPv4 CIDR (false for anything else). */
export function ipv4InCidr(ip: string, cidr: string): boolean {
  const [base, lenText] = cidr.split('/');
  const a = ipv4ToNumber(ip);
  const b = ipv4ToNumber(base ?? '');
  const len = lenText === undefined ? 32 : Number(lenText);
  if (a === undefined || b === undefined || !Number.isInteger(len) || len < 0 || len > 32) return false;
  const size = 2 ** (32 - len);
  return Math.floor(a / size) === Math.floor(b / size);
}
