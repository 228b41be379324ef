// Where each finding's resource is defined in the snapshot's files: the file (relative to the
// snapshot root, `/` separators) and the line/column of the record's own id key, e.g.
// `"GroupId": "sg-…"` directly inside a `SecurityGroups` element. Used for SARIF physical
// locations: GitHub code scanning only shows a result whose location names a file
// (`physicalLocation.artifactLocation.uri`) and a line (`region.startLine`) —
// https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
// (also the SARIF SDK's GitHub rules GH1001 "ProvideRequiredLocationProperties" and GH1003
// "ProvideRequiredRegionProperties").
//
// Rule, per finding (first file in path order wins):
//  1. the record of the finding's resource type whose own id key holds the resource id, in a file
//     of the finding's account and region (files whose path says neither are always considered;
//     IAM and Organizations records are global, so the path's region is not compared for them);
//  2. else, when no such record exists, the top-level list key where such records live in a file
//     of that account/region (an account missing from the organization's `Accounts`, a
//     collection gap → the manifest's `failures`), marked `kind: 'list'`;
//  3. else no entry: the SARIF result keeps its logical location only (resource types we cannot
//     map to a record, e.g. ones added by newer checks).
//
// Cost: directory listing, then the first 4 KB of each file in a finding's account/region to read
// its top-level key; only files whose key can define a finding's resource type are read in full,
// searched with a regular expression for `"IdKey": "value"`, and scanned (strings skipped, brackets
// counted) up to the last match to check the JSON path and count lines. A document is taken to be
// one AWS response (DESIGN.md "Snapshot layout"): its first key tells which lists it can hold
// (GetAccountAuthorizationDetails and the organization file hold a known family of lists); a
// document starting with any other key is read in full. Measured: demo estate 10–20 ms; synthetic
// L estate (12,000 files, 114k findings whose records fill 3,000 files, 1.4 GB) about 4 s.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Finding } from '../checks/types.js';
import { NOT_MODELLED_KEYS } from '../estate/keys.js';
import { walkSnapshot, type SnapshotFile } from '../estate/load-walk.js';
import { sourceKey, type SourceLocation } from '../report/scan-sarif.js';

export interface RecordSpec {
  /** JSON path from the document to the object holding `idKey`; `*` is an array element. */
  readonly path: readonly string[];
  /** The record's own id key; absent when the type has no per-resource record (list only). */
  readonly idKey?: string;
  /** Records are account-wide (IAM, Organizations): the file's region folder is not compared. */
  readonly global?: boolean;
}

const rec = (list: string, idKey: string, global?: boolean): RecordSpec => ({
  path: [list, '*'],
  idKey,
  ...(global ? { global } : {}),
});

/** Finding resource type → where its record is defined (raw AWS describe/get JSON). */
export const recordSpecs: ReadonlyMap<string, RecordSpec> = new Map<string, RecordSpec>([
  ['security-group', rec('SecurityGroups', 'GroupId')],
  ['instance', { path: ['Reservations', '*', 'Instances', '*'], idKey: 'InstanceId' }],
  ['network-interface', rec('NetworkInterfaces', 'NetworkInterfaceId')],
  ['vpc', rec('Vpcs', 'VpcId')],
  ['subnet', rec('Subnets', 'SubnetId')],
  ['route-table', rec('RouteTables', 'RouteTableId')],
  ['network-acl', rec('NetworkAcls', 'NetworkAclId')],
  ['internet-gateway', rec('InternetGateways', 'InternetGatewayId')],
  ['egress-only-internet-gateway', rec('EgressOnlyInternetGateways', 'EgressOnlyInternetGatewayId')],
  ['nat-gateway', rec('NatGateways', 'NatGatewayId')],
  ['vpc-peering-connection', rec('VpcPeeringConnections', 'VpcPeeringConnectionId')],
  ['vpc-endpoint', rec('VpcEndpoints', 'VpcEndpointId')],
  ['transit-gateway', rec('TransitGateways', 'TransitGatewayId')],
  ['load-balancer', rec('LoadBalancers', 'LoadBalancerArn')],
  ['rds', rec('DBInstances', 'DBInstanceIdentifier')],
  // GetAccountAuthorizationDetails: findings on IAM entities carry the entity ARN as id.
  ['iam-role', rec('RoleDetailList', 'Arn', true)],
  ['iam-user', rec('UserDetailList', 'Arn', true)],
  ['iam-group', rec('GroupDetailList', 'Arn', true)],
  ['iam-policy', rec('Policies', 'Arn', true)],
  // Organizations: {"Accounts": [{"Id": …}]}, {"Policies": [{"PolicySummary": {"Id": …}}]}.
  ['account', rec('Accounts', 'Id', true)],
  ['service-control-policy', { path: ['Policies', '*', 'PolicySummary'], idKey: 'Id', global: true }],
  ['resource-control-policy', { path: ['Policies', '*', 'PolicySummary'], idKey: 'Id', global: true }],
  // collection.json (perimeter collect): no record per gap, the `failures` list is the place.
  ['collection', { path: ['failures', '*'], global: true }],
]);

/** Top-level keys that share a document with another (one response, several lists). */
const FAMILIES: readonly (readonly string[])[] = [
  ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'],
  ['Organization', 'Roots', 'OrganizationalUnits', 'Accounts', 'Policies'],
  ['version', 'collectedAt', 'collectedBy', 'tool', 'accounts', 'regions', 'calls', 'failures'],
];

/**
 * Keys that, when first in a document, say it is one single-purpose response: such a file is
 * skipped unless that key is wanted. A document starting with any other key is read in full.
 */
const KNOWN_FIRST_KEYS: ReadonlySet<string> = new Set([
  ...NOT_MODELLED_KEYS,
  ...FAMILIES.flat(),
  ...[...recordSpecs.values()].map((s) => s.path[0]!),
  'Subnets',
  'RouteTables',
  'NatGateways',
  'SecurityGroupRules',
  'Addresses',
  'PrefixLists',
  'ManagedPrefixLists',
  'Entries',
  'TransitGatewayAttachments',
  'TransitGatewayVpcAttachments',
  'TransitGatewayRouteTables',
  'TransitGatewayStaticRoutes',
  'TransitGatewayRoutes',
  'TransitGatewayPropagations',
  'Listeners',
  'LoadBalancerListeners',
  'TargetGroups',
  'LoadBalancerTargetHealth',
  'TargetHealthDescriptions',
  'HostedZones',
  'HostedZone',
]);

/** One resource we look for: its spec, id and the map key of the findings on it. */
export interface Wanted {
  readonly spec: RecordSpec;
  readonly id: string;
  readonly key: string;
  readonly accountId: string;
  readonly region: string;
}

function fileMatches(f: SnapshotFile, w: Wanted): boolean {
  if (f.accountId !== undefined && f.accountId !== w.accountId) return false;
  if (!w.spec.global && f.region !== undefined && f.region !== 'global' && f.region !== w.region)
    return false;
  return true;
}

/**
 * Reads the snapshot at `root` (any layout the loader accepts, incl. Batfish `aws_configs/`) and
 * returns, per finding resource (`sourceKey`), where it is defined. Unreadable files are skipped.
 */
export async function locateSources(
  root: string,
  findings: readonly Finding[],
  options: { readonly onRead?: (rel: string) => void } = {},
): Promise<Map<string, SourceLocation>> {
  const out = new Map<string, SourceLocation>();
  const wanted = new Map<string, Wanted>();
  for (const f of findings) {
    const spec = recordSpecs.get(f.resource.type);
    const key = sourceKey(f.resource);
    if (!spec || wanted.has(key)) continue;
    wanted.set(key, {
      spec,
      id: f.resource.id,
      key,
      accountId: f.resource.accountId,
      region: f.resource.region,
    });
  }
  if (wanted.size === 0) return out;
  let files: SnapshotFile[];
  try {
    files = (await walkSnapshot(root)).files;
  } catch {
    return out;
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  // Files under accounts/<id>/ only concern that account's findings: bucket them once.
  const all = [...wanted.values()];
  const byAccount = new Map<string, Wanted[]>();
  for (const w of all) {
    const list = byAccount.get(w.accountId);
    if (list) list.push(w);
    else byAccount.set(w.accountId, [w]);
  }
  const fallbacks = new Map<string, SourceLocation>();
  const reader = new FileReader();
  for (const file of files) {
    const pool = file.accountId === undefined ? all : (byAccount.get(file.accountId) ?? []);
    let open = pool.filter((w) => !out.has(w.key) && fileMatches(file, w));
    if (open.length === 0) continue;
    let bytes: Buffer | undefined;
    try {
      bytes = reader.read(file.path, (first) => {
        // A document whose first key we know holds only that key's family of lists.
        if (first === undefined) return false;
        if (!KNOWN_FIRST_KEYS.has(first)) return true;
        const family = FAMILIES.filter((fam) => fam.includes(first)).flat();
        open = open.filter((w) => w.spec.path[0] === first || family.includes(w.spec.path[0]!));
        return open.length > 0;
      });
    } catch {
      continue;
    }
    if (!bytes) continue;
    options.onRead?.(file.rel);
    const found = locateInBytes(bytes, file.rel, open);
    for (const w of open) {
      const hit = found.records.get(w.key);
      if (hit) out.set(w.key, hit);
      else if (!fallbacks.has(w.key)) {
        const list = found.lists.get(w.spec.path[0]!);
        if (list) fallbacks.set(w.key, list);
      }
    }
  }
  for (const [k, v] of fallbacks) if (!out.has(k)) out.set(k, v);
  return out;
}

const HEAD_BYTES = 4096;
const FIRST_KEY = /^\uFEFF?\s*\{\s*"((?:[^"\\]|\\.)*)"\s*:/;

/**
 * Reads files into one reused buffer: the scan runs with the whole estate in memory, and a fresh
 * string or buffer per file (1.4 GB for the synthetic L estate) would cost more in garbage
 * collection than the reading itself.
 */
class FileReader {
  private buf = Buffer.allocUnsafe(1 << 20);

  /** The file's bytes when `wanted(first top-level key)` says so; valid until the next call. */
  read(path: string, wanted: (firstKey: string | undefined) => boolean): Buffer | undefined {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const head = readSync(fd, this.buf, 0, Math.min(HEAD_BYTES, size), 0);
      if (!wanted(FIRST_KEY.exec(this.buf.toString('utf8', 0, head))?.[1])) return undefined;
      if (size > this.buf.length) {
        const bigger = Buffer.allocUnsafe(2 ** Math.ceil(Math.log2(size)));
        this.buf.copy(bigger, 0, 0, head);
        this.buf = bigger;
      }
      let n = head;
      while (n < size) {
        const r = readSync(fd, this.buf, n, size - n, n);
        if (r === 0) break;
        n += r;
      }
      return this.buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }
}

const SPACE = 32;
const QUOTE_BYTE = 34;
const BACKSLASH = 92;
const COLON_BYTE = 58;
const NEWLINE = 10;

function isWhitespace(c: number | undefined): boolean {
  return c === SPACE || c === NEWLINE || c === 9 || c === 13;
}

/** Index of the quote closing the string whose opening quote is at `open` (length if none). */
function stringEnd(b: Buffer, open: number): number {
  let j = b.indexOf(QUOTE_BYTE, open + 1);
  while (j > 0 && escaped(b, j)) j = b.indexOf(QUOTE_BYTE, j + 1);
  return j < 0 ? b.length : j;
}

function escaped(b: Buffer, quote: number): boolean {
  let n = 0;
  for (let k = quote - 1; k >= 0 && b[k] === BACKSLASH; k--) n++;
  return n % 2 === 1;
}

/** After a key token ending at `i`: the offset of its value (past `:` and whitespace), or -1. */
function valueAfterKey(b: Buffer, i: number): number {
  while (isWhitespace(b[i])) i++;
  if (b[i] !== COLON_BYTE) return -1;
  i++;
  while (isWhitespace(b[i])) i++;
  return i;
}

function plainAscii(b: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (b[k]! >= 0x80 || b[k] === BACKSLASH) return false;
  return true;
}

/**
 * Synchronous core over one file's bytes (UTF-8, as the loader reads them): finds the records
 * of `wanted`, and for those without one here, the top-level key of their list. `rel` (relative
 * to the snapshot root, `/` separators) becomes the URI, each segment percent-encoded.
 */
export function locateInBytes(
  b: Buffer,
  rel: string,
  wanted: readonly Wanted[],
): { records: Map<string, SourceLocation>; lists: Map<string, SourceLocation> } {
  const uri = rel
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
  interface Candidate {
    readonly start: number;
    readonly end: number;
    readonly spec: RecordSpec;
    readonly keys: readonly string[];
  }
  const candidates: Candidate[] = [];
  // Group what we look for by spec, then find every `"IdKey": "value"` of that key in one pass.
  const bySpec = new Map<RecordSpec, Map<string, string[]>>();
  for (const w of wanted) {
    let ids = bySpec.get(w.spec);
    if (!ids) bySpec.set(w.spec, (ids = new Map()));
    ids.set(w.id, [...(ids.get(w.id) ?? []), w.key]);
  }
  for (const [spec, ids] of bySpec) {
    if (!spec.idKey) continue;
    const needle = Buffer.from(`"${spec.idKey}"`);
    for (let p = b.indexOf(needle); p >= 0; p = b.indexOf(needle, p + needle.length)) {
      const v = valueAfterKey(b, p + needle.length);
      if (v < 0 || b[v] !== QUOTE_BYTE) continue;
      const close = stringEnd(b, v);
      const value = plainAscii(b, v + 1, close)
        ? b.toString('latin1', v + 1, close)
        : unescapeJson(b.toString('utf8', v + 1, close));
      const keys = value === undefined ? undefined : ids.get(value);
      if (keys) candidates.push({ start: p, end: close + 1, spec, keys });
    }
  }
  candidates.sort((x, y) => x.start - y.start);
  const records = new Map<string, SourceLocation>();
  const scanner = new PathScanner(b);
  for (const c of candidates) {
    if (!scanner.advanceTo(c.start) || !scanner.atKeyOf(c.spec.path)) continue;
    const loc = scanner.region(uri, c.start, c.end, 'record');
    for (const k of c.keys) if (!records.has(k)) records.set(k, loc);
  }
  // Only for what has no record here: the top-level key of the list where it would be.
  const lists = new Map<string, SourceLocation>();
  const listKeys = [...new Set(wanted.filter((w) => !records.has(w.key)).map((w) => w.spec.path[0]!))];
  for (const list of listKeys.sort()) {
    const top = new PathScanner(b);
    const needle = Buffer.from(`"${list}"`);
    for (let p = b.indexOf(needle); p >= 0; p = b.indexOf(needle, p + needle.length)) {
      if (valueAfterKey(b, p + needle.length) < 0 || !top.advanceTo(p)) continue;
      if (top.atKeyOf([])) {
        lists.set(list, top.region(uri, p, p + needle.length, 'list'));
        break;
      }
    }
  }
  return { records, lists };
}

function unescapeJson(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

const OBJ = 0;
const ARR = 1;
const MAX_DEPTH = 512;
// Byte classes for the scanner: 0 = nothing to do (whitespace, literals, digits, UTF-8 bytes).
const QUOTE = 1;
const OPEN_OBJ = 2;
const OPEN_ARR = 3;
const CLOSE = 4;
const COLON = 5;
const COMMA = 6;
const CLASS = new Uint8Array(256);
CLASS[34] = QUOTE;
CLASS[123] = OPEN_OBJ;
CLASS[91] = OPEN_ARR;
CLASS[125] = CLOSE;
CLASS[93] = CLOSE;
CLASS[58] = COLON;
CLASS[44] = COMMA;

/**
 * Forward scanner over JSON bytes that knows, at any token boundary, the chain of containers and
 * the key each object is at, and the line. Valid JSON only (the loader has parsed every file).
 */
export class PathScanner {
  private pos = 0;
  private depth = 0;
  private line = 1;
  private lineStart = 0;
  private readonly kind = new Uint8Array(MAX_DEPTH);
  private readonly expectKey = new Uint8Array(MAX_DEPTH);
  private readonly keyStart = new Int32Array(MAX_DEPTH);
  private readonly keyEnd = new Int32Array(MAX_DEPTH);
  private readonly bom: boolean;

  constructor(private readonly b: Buffer) {
    this.bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  }

  /** Scans up to `to` (a token start); false when `to` lies inside a string or was passed. */
  advanceTo(to: number): boolean {
    const b = this.b;
    const { kind, expectKey, keyStart, keyEnd } = this;
    let i = this.pos;
    let depth = this.depth;
    if (i > to) return false;
    while (i < to) {
      const c = b[i]!;
      // Most bytes of pretty-printed JSON outside strings are indentation: skip it 4 bytes at a
      // time (`to` is a quote, never inside a run of spaces). Lines are counted with indexOf.
      if (c === SPACE) {
        if (b[i + 1] === SPACE && b[i + 2] === SPACE && b[i + 3] === SPACE) {
          i += 4;
          if (b[i] === SPACE && b[i + 1] === SPACE && b[i + 2] === SPACE && b[i + 3] === SPACE) i += 4;
        } else i++;
        continue;
      }
      if (c === NEWLINE) {
        i++;
        continue;
      }
      const k = CLASS[c]!;
      if (k === 0) {
        i++;
        continue;
      }
      switch (k) {
        case QUOTE: {
          const j = stringEnd(b, i);
          const d = depth - 1;
          if (d >= 0 && expectKey[d] === 1) {
            keyStart[d] = i + 1;
            keyEnd[d] = j;
          }
          i = j + 1;
          continue;
        }
        case OPEN_OBJ:
        case OPEN_ARR:
          if (depth === MAX_DEPTH) {
            this.pos = b.length;
            this.depth = depth;
            return false;
          }
          kind[depth] = k === OPEN_OBJ ? OBJ : ARR;
          expectKey[depth] = k === OPEN_OBJ ? 1 : 0;
          depth++;
          break;
        case CLOSE:
          if (depth > 0) depth--;
          break;
        case COLON:
          if (depth > 0) expectKey[depth - 1] = 0;
          break;
        case COMMA:
          if (depth > 0 && kind[depth - 1] === OBJ) expectKey[depth - 1] = 1;
          break;
      }
      i++;
    }
    this.pos = i;
    this.depth = depth;
    return i === to;
  }

  /** At a key of an object reached by `path` (object keys, `*` for array elements). */
  atKeyOf(path: readonly string[]): boolean {
    const top = this.depth - 1;
    if (top !== path.length || this.kind[top] !== OBJ || this.expectKey[top] !== 1) return false;
    for (let k = 0; k < path.length; k++) {
      const p = path[k]!;
      if (p === '*') {
        if (this.kind[k] !== ARR) return false;
      } else if (this.kind[k] !== OBJ || !this.keyIs(this.keyStart[k]!, this.keyEnd[k]!, p)) {
        return false;
      }
    }
    return true;
  }

  private keyIs(start: number, end: number, name: string): boolean {
    if (end - start !== name.length) return false;
    for (let k = 0; k < name.length; k++) if (this.b[start + k] !== name.charCodeAt(k)) return false;
    return true;
  }

  /** Advances the line count to `offset` (at or after the last one asked). */
  private lineAt(offset: number): void {
    const b = this.b;
    for (let j = b.indexOf(NEWLINE, this.lineStart); j >= 0 && j < offset; j = b.indexOf(NEWLINE, j + 1)) {
      this.line++;
      this.lineStart = j + 1;
    }
  }

  /** 1-based column of `offset` on the line starting at `lineStart`, in UTF-16 code units. */
  private column(lineStart: number, offset: number): number {
    const b = this.b;
    let ascii = true;
    for (let k = lineStart; k < offset; k++) if (b[k]! >= 0x80) ascii = false;
    const units = ascii ? offset - lineStart : b.toString('utf8', lineStart, offset).length;
    // A byte-order mark is not a column.
    return units + 1 - (this.bom && lineStart === 0 ? 1 : 0);
  }

  /** The region [start, end) as 1-based line/column (UTF-16 code units, SARIF's default). */
  region(uri: string, start: number, end: number, kind: SourceLocation['kind']): SourceLocation {
    this.lineAt(start);
    const startLine = this.line;
    const startColumn = this.column(this.lineStart, start);
    let endLine = startLine;
    let endLineStart = this.lineStart;
    for (let j = this.b.indexOf(NEWLINE, start); j >= 0 && j < end; j = this.b.indexOf(NEWLINE, j + 1)) {
      endLine++;
      endLineStart = j + 1;
    }
    return { uri, startLine, startColumn, endLine, endColumn: this.column(endLineStart, end), kind };
  }
}
