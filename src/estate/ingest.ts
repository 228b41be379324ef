// Dispatches each document's top-level keys to its schema and collects the valid records into
// buckets (raw.ts). Dispatch is by key, never by file name (DESIGN.md "Snapshot layout").
import type { z } from 'zod';
import type { ProblemSink } from './errors.js';
import { childPath, renderValue } from './json-path.js';
import { IGNORED_KEYS, NOT_MODELLED_KEYS } from './keys.js';
import { ArrayRec, type RawBuckets, type RawEni, type RawInstanceEntry, type Rec } from './raw.js';
import { compileCheck } from './compiled-check.js';
import * as ec2 from './schemas/ec2.js';
import * as tgw from './schemas/tgw.js';
import * as elb from './schemas/elb.js';
import * as iam from './schemas/iam.js';
import * as org from './schemas/org.js';
import * as r53 from './schemas/route53.js';
import { collectionManifestSchema } from './schemas/collection.js';
import { check, checkWith } from './validate.js';
import { instanceOf, networkInterfaceOf } from './normalize/interfaces.js';
import { naclOf } from './normalize/nacls.js';
import { routeTableOf } from './normalize/route-tables.js';
import { securityGroupOf } from './normalize/security-groups.js';
import { subnetOf, vpcOf } from './normalize/vpcs.js';
import type { CollectionManifest, Instance } from './model.js';

export interface DocContext {
  readonly file: string;
  readonly accountId: string;
  readonly region: string;
  readonly data: Record<string, unknown>;
  readonly sink: ProblemSink;
  readonly buckets: RawBuckets;
  readonly notModelled: Map<string, number>;
  /** ENI ids already ingested from NetworkInterfaces (instance copies of them are skipped). */
  readonly seenEniIds?: Set<string>;
}

type Handler = (ctx: DocContext, key: string, value: unknown) => void;

/** `Key: [record, …]` validated record by record into one bucket. */
function list<S extends z.ZodType>(
  schema: S,
  bucket: (b: RawBuckets) => Rec<z.infer<S>>[],
  region?: string,
): Handler {
  const fast = compileCheck(schema);
  return (ctx, key, value) => {
    const items = arrayAt(ctx, key, value);
    if (!items) return;
    const out = bucket(ctx.buckets);
    const base = childPath('$', key);
    const where = region ?? ctx.region;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const rec: z.infer<S> | undefined =
        fast !== undefined && fast(item)
          ? (item as z.infer<S>)
          : checkWith(schema, fast, item, ctx.sink, ctx.file, `${base}[${i}]`);
      if (rec !== undefined) out.push(new ArrayRec(rec, ctx.file, base, i, ctx.accountId, where));
    }
  };
}

const eniCheck =
  compileCheck(ec2.networkInterfaceSchema) ??
  ((v: unknown) => ec2.networkInterfaceSchema.safeParse(v).success);

/** `Key: [record, …]` validated and normalized right away (high-volume kinds, see raw.ts). */
function listOf<S extends z.ZodType, M>(
  schema: S,
  convert: (r: Rec<z.infer<S>>, sink: ProblemSink) => M,
  bucket: (b: RawBuckets) => Rec<M>[],
): Handler {
  const fast = compileCheck(schema);
  return (ctx, key, value) => {
    const items = arrayAt(ctx, key, value);
    if (!items) return;
    const out = bucket(ctx.buckets);
    const base = childPath('$', key);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const rec: z.infer<S> | undefined =
        fast !== undefined && fast(item)
          ? (item as z.infer<S>)
          : checkWith(schema, fast, item, ctx.sink, ctx.file, `${base}[${i}]`);
      if (rec !== undefined) {
        // One wrapper per record: it carries the raw record into convert, then the model.
        const where = new ArrayRec<unknown>(rec, ctx.file, base, i, ctx.accountId, ctx.region);
        where.rec = convert(where as Rec<z.infer<S>>, ctx.sink);
        out.push(where as Rec<M>);
      }
    }
  };
}

function arrayAt(ctx: DocContext, key: string, value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  ctx.sink.error(
    ctx.file,
    childPath('$', key),
    `expected an array of ${key} records, found ${renderValue(value)}`,
  );
  return undefined;
}

const reservationCheck = compileCheck(ec2.reservationSchema);

function reservations(ctx: DocContext, key: string, value: unknown): void {
  const items = arrayAt(ctx, key, value);
  if (!items) return;
  const { file, accountId, region } = ctx;
  const out = ctx.buckets.instances;
  for (let i = 0; i < items.length; i++) {
    const path = `$.${key}[${i}]`;
    const r = checkWith(ec2.reservationSchema, reservationCheck, items[i], ctx.sink, file, path);
    const instances = r?.Instances;
    if (!instances) continue;
    const reservationOwnerId = r.OwnerId ?? undefined;
    const instancesPath = `${path}.Instances`;
    for (let j = 0; j < instances.length; j++) {
      const inst = instances[j]!;
      // One wrapper per instance: it carries the raw entry into instanceOf, then the model.
      const where = new ArrayRec<unknown>(
        { instance: inst, reservationOwnerId },
        file,
        instancesPath,
        j,
        accountId,
        region,
      );
      where.rec = instanceOf(where as Rec<RawInstanceEntry>);
      out.push(where as Rec<Instance>);
      // The instance's ENIs as DescribeInstances shows them (used only when NetworkInterfaces lacks them).
      const nis = inst.NetworkInterfaces;
      if (!nis) continue;
      for (let k = 0; k < nis.length; k++) {
        const ni = nis[k]!;
        if (ctx.seenEniIds?.has(ni.NetworkInterfaceId) || !eniCheck(ni)) continue;
        const at = {
          file,
          path: `${where.path}.NetworkInterfaces[${k}]`,
          accountId,
          region,
        };
        const eni = networkInterfaceOf(
          { ...at, rec: ni as RawEni },
          undefined,
          inst.Placement?.AvailabilityZone ?? undefined,
        );
        ctx.buckets.instanceEnis.push({ ...at, rec: eni });
      }
    }
  }
}

/** Batfish's LoadBalancerListeners: `[{LoadBalancerArn, Listeners: [...]}]`. */
function listenersPerLb(ctx: DocContext, key: string, value: unknown): void {
  const items = arrayAt(ctx, key, value);
  if (!items) return;
  for (let i = 0; i < items.length; i++) {
    const path = `$.${key}[${i}]`;
    const r = check(elb.listenersOfLbSchema, items[i], ctx.sink, ctx.file, path);
    r?.Listeners?.forEach((l, j) => push(ctx, ctx.buckets.listeners, `${path}.Listeners[${j}]`, l));
  }
}

/** Batfish's LoadBalancerTargetHealth: `[{TargetGroupArn, TargetHealthDescriptions: [...]}]`. */
function targetHealthPerGroup(ctx: DocContext, key: string, value: unknown): void {
  const items = arrayAt(ctx, key, value);
  if (!items) return;
  for (let i = 0; i < items.length; i++) {
    const path = `$.${key}[${i}]`;
    const r = check(elb.targetHealthOfGroupSchema, items[i], ctx.sink, ctx.file, path);
    if (r)
      push(ctx, ctx.buckets.targetHealth, path, {
        targetGroupArn: r.TargetGroupArn,
        descriptions: r.TargetHealthDescriptions ?? [],
      });
  }
}

/** Raw DescribeTargetHealth output: needs a `TargetGroupArn` sibling to say which group. */
function targetHealthDescriptions(ctx: DocContext, key: string, value: unknown): void {
  const arn = ctx.data.TargetGroupArn;
  if (typeof arn !== 'string') {
    ctx.sink.warn(
      ctx.file,
      '$',
      `TargetHealthDescriptions without a "TargetGroupArn" string beside it, found ${renderValue(arn)}: cannot tell which target group; ignored`,
    );
    return;
  }
  const items = arrayAt(ctx, key, value);
  if (!items) return;
  const descriptions = [];
  for (let i = 0; i < items.length; i++) {
    const d = check(elb.targetHealthDescriptionSchema, items[i], ctx.sink, ctx.file, `$.${key}[${i}]`);
    if (d) descriptions.push(d);
  }
  push(ctx, ctx.buckets.targetHealth, `$.${key}`, { targetGroupArn: arn, descriptions });
}

/** GetManagedPrefixListEntries output: `{"Entries": [...]}` with a `PrefixListId` sibling. */
function prefixListEntries(ctx: DocContext, key: string, value: unknown): void {
  const id = ctx.data.PrefixListId;
  if (typeof id !== 'string') {
    ctx.sink.warn(
      ctx.file,
      '$',
      `Entries without a "PrefixListId" string beside it, found ${renderValue(id)}: cannot tell which prefix list; ignored`,
    );
    return;
  }
  const items = arrayAt(ctx, key, value);
  if (!items) return;
  const cidrs: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const e = check(ec2.prefixListEntrySchema, items[i], ctx.sink, ctx.file, `$.${key}[${i}]`);
    if (e) cidrs.push(e.Cidr);
  }
  push(ctx, ctx.buckets.prefixListEntries, `$.${key}`, { prefixListId: id, cidrs });
}

function tgwRoutes(ctx: DocContext, key: string, value: unknown): void {
  const items = arrayAt(ctx, key, value);
  if (!items) return;
  for (let i = 0; i < items.length; i++) {
    const path = `$.${key}[${i}]`;
    const r = check(tgw.tgwRoutesOfTableSchema, items[i], ctx.sink, ctx.file, path);
    if (r)
      push(ctx, ctx.buckets.tgwRoutes, path, {
        routeTableId: r.TransitGatewayRouteTableId,
        routes: r.Routes ?? [],
      });
  }
}

function tgwPropagations(ctx: DocContext, key: string, value: unknown): void {
  const items = arrayAt(ctx, key, value);
  if (!items) return;
  for (let i = 0; i < items.length; i++) {
    const path = `$.${key}[${i}]`;
    const r = check(tgw.tgwPropagationsOfTableSchema, items[i], ctx.sink, ctx.file, path);
    if (r) {
      push(ctx, ctx.buckets.tgwPropagations, path, {
        routeTableId: r.TransitGatewayRouteTableId,
        propagations: r.TransitGatewayRouteTablePropagations ?? [],
      });
    }
  }
}

/** GetHostedZone output: `{"HostedZone": {...}, "VPCs": [...]}`. */
function hostedZone(ctx: DocContext, key: string, value: unknown): void {
  const zone = check(r53.hostedZoneSchema, value, ctx.sink, ctx.file, `$.${key}`);
  if (!zone) return;
  push(ctx, ctx.buckets.hostedZones, `$.${key}`, zone, 'global');
  const vpcsRaw = ctx.data.VPCs;
  if (vpcsRaw === undefined) return;
  const items = arrayAt(ctx, 'VPCs', vpcsRaw);
  if (!items) return;
  const vpcs = [];
  for (let i = 0; i < items.length; i++) {
    const v = check(r53.hostedZoneVpcSchema, items[i], ctx.sink, ctx.file, `$.VPCs[${i}]`);
    if (v) vpcs.push({ vpcId: v.VPCId, region: v.VPCRegion });
  }
  push(ctx, ctx.buckets.hostedZoneVpcs, '$.VPCs', { zoneId: zone.Id, vpcs }, 'global');
}

function organization(ctx: DocContext, key: string, value: unknown): void {
  const o = check(org.organizationSchema, value, ctx.sink, ctx.file, `$.${key}`);
  if (o) push(ctx, ctx.buckets.organizations, `$.${key}`, o, 'global');
}

/** `Policies` is IAM's managed policies beside *DetailList keys, else Organizations policies. */
function policies(ctx: DocContext, key: string, value: unknown): void {
  const d = ctx.data;
  const isIam = 'UserDetailList' in d || 'RoleDetailList' in d || 'GroupDetailList' in d;
  const isOrg =
    'Organization' in d ||
    'Roots' in d ||
    'OrganizationalUnits' in d ||
    'Accounts' in d ||
    (Array.isArray(value) &&
      value.length > 0 &&
      typeof value[0] === 'object' &&
      value[0] !== null &&
      'PolicySummary' in value[0]);
  if (isOrg && !isIam) list(org.orgPolicySchema, (b) => b.orgPolicies, 'global')(ctx, key, value);
  else list(iam.iamManagedPolicySchema, (b) => b.iamPolicies, 'global')(ctx, key, value);
}

function push<T>(ctx: DocContext, out: Rec<T>[], path: string, rec: T, region?: string): void {
  out.push({ rec, file: ctx.file, path, accountId: ctx.accountId, region: region ?? ctx.region });
}

const networkInterfaces = listOf(ec2.networkInterfaceSchema, networkInterfaceOf, (b) => b.networkInterfaces);

const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['Vpcs', listOf(ec2.vpcSchema, vpcOf, (b) => b.vpcs)],
  ['Subnets', listOf(ec2.subnetSchema, subnetOf, (b) => b.subnets)],
  ['RouteTables', listOf(ec2.routeTableSchema, routeTableOf, (b) => b.routeTables)],
  ['InternetGateways', list(ec2.internetGatewaySchema, (b) => b.internetGateways)],
  ['EgressOnlyInternetGateways', list(ec2.egressOnlyGatewaySchema, (b) => b.egressOnlyInternetGateways)],
  ['NatGateways', list(ec2.natGatewaySchema, (b) => b.natGateways)],
  ['SecurityGroupRules', list(ec2.securityGroupRuleSchema, (b) => b.securityGroupRules)],
  ['NetworkAcls', listOf(ec2.networkAclSchema, naclOf, (b) => b.networkAcls)],
  ['SecurityGroups', listOf(ec2.securityGroupSchema, securityGroupOf, (b) => b.securityGroups)],
  [
    'NetworkInterfaces',
    (ctx, key, value) => {
      const out = ctx.buckets.networkInterfaces;
      const from = out.length;
      networkInterfaces(ctx, key, value);
      for (let i = from; i < out.length; i++) ctx.seenEniIds?.add(out[i]!.rec.id);
    },
  ],
  ['Reservations', reservations],
  ['Addresses', list(ec2.addressSchema, (b) => b.addresses)],
  ['VpcPeeringConnections', list(ec2.peeringSchema, (b) => b.peerings)],
  ['VpcEndpoints', list(ec2.vpcEndpointSchema, (b) => b.endpoints)],
  ['PrefixLists', list(ec2.prefixListSchema, (b) => b.prefixLists)],
  ['ManagedPrefixLists', list(ec2.managedPrefixListSchema, (b) => b.managedPrefixLists)],
  ['Entries', prefixListEntries],
  ['TransitGateways', list(tgw.transitGatewaySchema, (b) => b.transitGateways)],
  ['TransitGatewayAttachments', list(tgw.tgwAttachmentSchema, (b) => b.tgwAttachments)],
  ['TransitGatewayVpcAttachments', list(tgw.tgwVpcAttachmentSchema, (b) => b.tgwVpcAttachments)],
  ['TransitGatewayRouteTables', list(tgw.tgwRouteTableSchema, (b) => b.tgwRouteTables)],
  ['TransitGatewayStaticRoutes', tgwRoutes],
  ['TransitGatewayRoutes', tgwRoutes],
  ['TransitGatewayPropagations', tgwPropagations],
  ['LoadBalancers', list(elb.loadBalancerSchema, (b) => b.loadBalancers)],
  ['Listeners', list(elb.listenerSchema, (b) => b.listeners)],
  ['LoadBalancerListeners', listenersPerLb],
  ['TargetGroups', list(elb.targetGroupSchema, (b) => b.targetGroups)],
  ['LoadBalancerTargetHealth', targetHealthPerGroup],
  ['TargetHealthDescriptions', targetHealthDescriptions],
  ['DBInstances', list(elb.dbInstanceSchema, (b) => b.dbInstances)],
  ['UserDetailList', list(iam.iamUserSchema, (b) => b.iamUsers, 'global')],
  ['GroupDetailList', list(iam.iamGroupSchema, (b) => b.iamGroups, 'global')],
  ['RoleDetailList', list(iam.iamRoleSchema, (b) => b.iamRoles, 'global')],
  ['Policies', policies],
  ['Organization', organization],
  ['Roots', list(org.rootSchema, (b) => b.orgRoots, 'global')],
  ['OrganizationalUnits', list(org.ouSchema, (b) => b.orgUnits, 'global')],
  ['Accounts', list(org.orgAccountSchema, (b) => b.orgAccounts, 'global')],
  ['HostedZones', list(r53.hostedZoneSchema, (b) => b.hostedZones, 'global')],
  ['HostedZone', hostedZone],
]);

/** Keys consumed by another key's handler. */
const CONSUMED_BY: ReadonlyMap<string, string> = new Map([['VPCs', 'HostedZone']]);

/** GetCallerIdentity output (`{"UserId", "Account", "Arn"}`): used only to locate its directory. */
export function isCallerIdentity(d: Record<string, unknown>): boolean {
  return (
    typeof d.Account === 'string' &&
    typeof d.Arn === 'string' &&
    Object.keys(d).every((k) => k === 'UserId' || k === 'Account' || k === 'Arn' || k === 'ResponseMetadata')
  );
}

/** The collection manifest is recognised by its shape, not by a resource key. */
export function isCollectionManifest(d: Record<string, unknown>): boolean {
  return 'collectedAt' in d && 'calls' in d && 'version' in d;
}

/** Ingest one document. */
export function ingestDocument(ctx: DocContext): void {
  const d = ctx.data;
  if (isCollectionManifest(d)) {
    const m = check(collectionManifestSchema, d, ctx.sink, ctx.file, '$');
    if (m) push(ctx, ctx.buckets.collections, '$', m as CollectionManifest, 'global');
    return;
  }
  if (isCallerIdentity(d)) {
    ctx.notModelled.set('CallerIdentity', (ctx.notModelled.get('CallerIdentity') ?? 0) + 1);
    return;
  }
  const unknown: string[] = [];
  for (const key of Object.keys(d).sort()) {
    const value = d[key];
    const handler = HANDLERS.get(key);
    if (handler) {
      handler(ctx, key, value);
    } else if (NOT_MODELLED_KEYS.has(key)) {
      const n = Array.isArray(value) ? value.length : 1;
      if (n > 0) ctx.notModelled.set(key, (ctx.notModelled.get(key) ?? 0) + n);
    } else if (IGNORED_KEYS.has(key)) {
      // pagination markers and sibling ids
    } else if (CONSUMED_BY.has(key) && CONSUMED_BY.get(key)! in d) {
      // read by its sibling's handler
    } else {
      unknown.push(key);
    }
  }
  if (unknown.length > 0) {
    ctx.sink.warn(
      ctx.file,
      '$',
      `unknown top-level key${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => JSON.stringify(k)).join(', ')}: not an AWS response perimeter reads; ignored`,
    );
  }
}

/** Whether the document holds a resource key we model (even with an empty list). */
export function hasModelledKey(d: Record<string, unknown>): boolean {
  for (const k in d) if (HANDLERS.has(k)) return true;
  return false;
}
