// loadSnapshot: read a snapshot directory (every layout in DESIGN.md) into an Estate.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EstateBuilder, groupKey, type RawDocument } from './build.js';
import { SnapshotError } from './errors.js';
import { JsonSyntaxError, parseJsonText } from './json-text.js';
import type { Estate, LoadProblem } from './model.js';
import { readInline, startReadAhead, type ReadAhead } from './load-read-ahead.js';
import { walkSnapshot, type SnapshotFile } from './load-walk.js';

export interface LoadOptions {
  /** Progress messages (for stderr); never results. */
  readonly onProgress?: (msg: string) => void;
  /**
   * Read files ahead on a background thread (see load-read-ahead.ts). Default: when the snapshot
   * has at least READ_AHEAD_MIN_FILES files; `true`/`false` force it on or off (tests).
   */
  readonly readAhead?: boolean;
}

/** Below this many files a reader thread costs more (about 20 ms to start) than it saves. */
const READ_AHEAD_MIN_FILES = 200;

const EXPECTED =
  'expected files like Vpcs.json, Subnets.json, NetworkInterfaces.json (raw AWS describe-* JSON), in <root>/, <root>/<region>/, <root>/accounts/<id>/<region>/ or <root>/aws_configs/';

export async function loadSnapshot(root: string, options: LoadOptions = {}): Promise<Estate> {
  const abs = resolve(root);
  const progress = options.onProgress ?? (() => {});
  let info;
  try {
    info = await stat(abs);
  } catch {
    throw new SnapshotError(
      [
        {
          severity: 'error',
          file: root,
          jsonPath: '$',
          message: `snapshot not found: no such file or directory (${EXPECTED})`,
        },
      ],
      `snapshot not found: ${root}`,
    );
  }
  if (!info.isDirectory()) {
    throw new SnapshotError(
      [
        {
          severity: 'error',
          file: root,
          jsonPath: '$',
          message: 'expected a snapshot directory, found a file',
        },
      ],
      `snapshot is not a directory: ${root}`,
    );
  }

  let walked;
  try {
    walked = await walkSnapshot(abs);
  } catch (e) {
    throw new SnapshotError(
      [
        {
          severity: 'error',
          file: root,
          jsonPath: '$',
          message: `could not list the snapshot: ${(e as Error).message}`,
        },
      ],
      `snapshot could not be read: ${root}`,
    );
  }
  const { files, skipped } = walked;
  progress(`${root}: ${files.length} JSON files`);
  const problems: LoadProblem[] = [];
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).join(', ');
    problems.push({
      severity: 'warning',
      file: root,
      jsonPath: '$',
      message: `${skipped.length} file${skipped.length === 1 ? '' : 's'}/folder${skipped.length === 1 ? '' : 's'} outside the snapshot layout ignored (not <name>.json in a layout folder): ${shown}${skipped.length > 5 ? ', …' : ''}`,
    });
  }

  // Group by directory (and account/region from the path) and build group by group, so each
  // group's raw JSON can be garbage-collected once ingested (memory ~ the model, not the files).
  const groups = new Map<string, SnapshotFile[]>();
  for (const f of files) {
    const k = groupKey({ file: f.rel, accountId: f.accountId, region: f.region });
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const builder = new EstateBuilder({ source: abs, problems });
  // Units of ingestion, in group-key order then file order (the order buildEstate uses). A group
  // whose path gives account and region is ingested file by file as soon as each is parsed, so
  // only one file's parsed JSON is alive at a time (it dies young, cheap to collect); a group that
  // needs its account or region inferred from the data is read whole first.
  const units: SnapshotFile[][] = [];
  for (const k of [...groups.keys()].sort()) {
    const group = groups.get(k)!.sort((x, y) => (x.rel < y.rel ? -1 : x.rel > y.rel ? 1 : 0));
    if (group.every((f) => f.accountId !== undefined && f.region !== undefined))
      for (const f of group) units.push([f]);
    else units.push(group);
  }
  // Files are read synchronously (one native call each, far cheaper than fs/promises' round
  // trips), by a reader thread ahead of the parser when there are many.
  const ordered = units.flat();
  const useThread = options.readAhead ?? ordered.length >= READ_AHEAD_MIN_FILES;
  const reader = useThread ? startReadAhead(ordered.map((f) => f.path)) : readInline();
  const toDoc = (f: SnapshotFile): RawDocument => ({
    file: f.rel,
    accountId: f.accountId,
    region: f.region,
    data: readDocument(f, reader, builder),
  });
  let done = 0;
  let reported = 0;
  try {
    for (const unit of units) {
      builder.addGroup(unit.map(toDoc));
      done += unit.length;
      if (done - reported >= 1000) {
        reported = done;
        progress(`loaded ${done}/${files.length} files`);
      }
    }
  } finally {
    reader.close();
  }
  const { estate, records } = builder.finish();
  if (records === 0 && estate.notModelled.size === 0) {
    throw new SnapshotError(
      [
        ...estate.problems,
        {
          severity: 'error',
          file: root,
          jsonPath: '$',
          message: `no AWS data found under ${root} (${EXPECTED})`,
        },
      ],
      `no AWS data found under ${root}`,
    );
  }
  progress(
    `${root}: ${estate.vpcs.size} VPCs, ${estate.subnets.size} subnets, ${estate.networkInterfaces.size} ENIs, ${estate.instances.size} instances`,
  );
  return estate;
}

/** Read and parse one file; a syntax error becomes a problem (and the file counts as empty). */
function readDocument(f: SnapshotFile, reader: ReadAhead, builder: EstateBuilder): unknown {
  try {
    return parseJsonText(reader.next(f.path));
  } catch (e) {
    const message =
      e instanceof JsonSyntaxError
        ? `expected valid JSON, found a syntax error at ${e.message}`
        : `could not read the file: ${(e as Error).message}`;
    builder.addProblem({ severity: 'error', file: f.rel, jsonPath: '$', message });
    return {};
  }
}
