// Reads snapshot files ahead of the loader on a background thread, so the main thread only decodes,
// parses and ingests. The file bytes land in a ring of slots in one SharedArrayBuffer (no Buffer
// per file, nothing to garbage-collect); the main thread decodes each slot to a string in order.
// The baseline the loader is measured against (bench/load.ts) reads on libuv's thread pool too.
//
// Anything the reader cannot do — a file larger than a slot, an error opening or reading it — is
// left to the main thread, which reads that file itself and so reports exactly the error a plain
// readFileSync would.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Slot states (Int32 per slot in the control array). */
const EMPTY = 0;
const FULL = 1;
/** Length value for "read it yourself" (too large for a slot, or an error). */
const SELF = -1;
/** How long the main thread waits for one file before reading everything itself. */
const STALL_MS = 10_000;

// The reader runs as plain JavaScript (no build step, no TypeScript loader needed in the worker).
const READER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { openSync, fstatSync, readSync, closeSync } = require('node:fs');
const { paths, data, control, slots, slotSize } = workerData;
const state = new Int32Array(control, 0, slots);
const length = new Int32Array(control, slots * 4, slots);
const bytes = new Uint8Array(data);
const stop = new Int32Array(control, slots * 8, 1);
for (let k = 0; k < paths.length; k++) {
  const slot = k % slots;
  while (Atomics.load(state, slot) !== ${EMPTY}) {
    if (Atomics.load(stop, 0) !== 0) process.exit(0);
    Atomics.wait(state, slot, ${FULL}, 1000);
  }
  if (Atomics.load(stop, 0) !== 0) process.exit(0);
  let n = ${SELF};
  let fd = -1;
  try {
    fd = openSync(paths[k], 'r');
    const size = fstatSync(fd).size;
    if (size <= slotSize) {
      const view = bytes.subarray(slot * slotSize, slot * slotSize + slotSize);
      let got = 0;
      for (;;) {
        const r = readSync(fd, view, got, slotSize - got, null);
        if (r === 0) break;
        got += r;
        if (got === slotSize) { if (readSync(fd, new Uint8Array(1), 0, 1, null) !== 0) got = ${SELF}; break; }
      }
      n = got;
    }
  } catch {
    n = ${SELF};
  } finally {
    if (fd >= 0) try { closeSync(fd); } catch {}
  }
  Atomics.store(length, slot, n);
  Atomics.store(state, slot, ${FULL});
  Atomics.notify(state, slot);
}
`;

export interface ReadAhead {
  /** The text of the next file (in the order given), as readFileSync(path, 'utf8') would return it. */
  next(path: string): string;
  /** Stops the reader (idempotent). */
  close(): void;
}

export interface ReadAheadOptions {
  /** Number of slots (files in flight). */
  readonly slots?: number;
  /** Bytes per slot; larger files are read by the main thread. */
  readonly slotSize?: number;
}

/** Plain synchronous reading, for small snapshots (a thread costs more than it saves there). */
export function readInline(): ReadAhead {
  return { next: (path) => readFileSync(path, 'utf8'), close: () => {} };
}

/**
 * Start a reader for `paths`; `next` must then be called with each path in the same order.
 * Falls back to reading inline if the thread cannot be started.
 */
export function startReadAhead(paths: readonly string[], options: ReadAheadOptions = {}): ReadAhead {
  const slots = options.slots ?? 16;
  const slotSize = options.slotSize ?? 2 << 20;
  let data: SharedArrayBuffer;
  let control: SharedArrayBuffer;
  let worker: Worker;
  try {
    data = new SharedArrayBuffer(slots * slotSize);
    control = new SharedArrayBuffer(slots * 8 + 4);
    worker = new Worker(READER_SOURCE, {
      eval: true,
      workerData: { paths: [...paths], data, control, slots, slotSize },
      // The reader needs no flags of ours (e.g. a TypeScript loader).
      execArgv: [],
    });
  } catch {
    return readInline();
  }
  worker.unref();
  // The loader runs synchronously, so the worker's 'error'/'exit' events cannot reach it while it
  // waits: a reader that has not filled a slot within STALL_MS is given up on, and the main thread
  // reads every remaining file itself.
  let dead = false;
  const state = new Int32Array(control, 0, slots);
  const length = new Int32Array(control, slots * 4, slots);
  const stop = new Int32Array(control, slots * 8, 1);
  const bytes = Buffer.from(data);
  let k = 0;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    Atomics.store(stop, 0, 1);
    for (let s = 0; s < slots; s++) Atomics.notify(state, s);
    void worker.terminate();
  };
  return {
    next(path) {
      if (k >= paths.length || paths[k] !== path) {
        throw new Error(`read-ahead: expected ${paths[k] ?? '(end)'}, asked for ${path}`);
      }
      const slot = k % slots;
      k++;
      if (dead || closed) return readFileSync(path, 'utf8');
      let waited = 0;
      while (Atomics.load(state, slot) !== FULL) {
        if (waited >= STALL_MS) {
          dead = true;
          close();
          return readFileSync(path, 'utf8');
        }
        Atomics.wait(state, slot, EMPTY, 50);
        waited += 50;
      }
      const n = Atomics.load(length, slot);
      const text = n === SELF ? undefined : bytes.toString('utf8', slot * slotSize, slot * slotSize + n);
      Atomics.store(state, slot, EMPTY);
      Atomics.notify(state, slot);
      return text ?? readFileSync(path, 'utf8');
    },
    close,
  };
}
