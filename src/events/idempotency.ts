// Idempotency for the remediator: one key per detection (eventID + finding fingerprint), claimed
// before acting and completed after the audit trail is durable. Safe when containers race:
//
// - enforce: `claim(key, now)` is a conditional write. It succeeds only when the key is absent or
//   holds a claim older than the lease (a container that crashed or timed out mid-remediation must
//   not block the key forever). A key that is done → status "duplicate" ("event … was already
//   handled", as before). A fresh claim held by another invocation (two containers got the same
//   event) → also "duplicate", with a reason saying who holds it: acting too would remediate and
//   escalate twice. If that holder crashed, its own invocation failed (Errors alarm); retries that
//   land inside the lease are duplicates, and the scheduled reconcile (keys of its own, state from
//   live describes) is the backstop; a DLQ re-drive after the lease claims the stale key.
// - After acting: audit "done" (durable), then `complete(key, status)`. A crash in between leaves a
//   claim that goes stale; the re-delivery re-decides from described state (a no-op when handled).
// - Escalation that itself failed (nobody was told): not done. `release(key)` makes the claim
//   stale at once and the handler fails the invocation, so Lambda's retry (then a DLQ re-drive)
//   runs again and re-escalates instead of finding a duplicate.
// - dry-run marks nothing: it only reads (`peek`) so a key already done is still a duplicate.
// - A store that stays unavailable (after the remediator's throttling retries) throws: the
//   invocation fails and EventBridge/Lambda retries it rather than remediating without a claim.
//
// The lease must exceed the longest healthy remediation (the Lambda timeout, 10 minutes): 15 minutes.

export const DEFAULT_LEASE_SECONDS = 15 * 60;

export type KeyState =
  | { readonly state: 'absent' }
  /** Claimed and not completed; `claimedAt` says whether the claim is stale. */
  | { readonly state: 'claimed'; readonly claimedAt: Date }
  | { readonly state: 'done'; readonly status: string };

export type ClaimResult =
  | { readonly claimed: true }
  | { readonly claimed: false; readonly state: 'done'; readonly status: string }
  | { readonly claimed: false; readonly state: 'in-progress'; readonly claimedAt: Date };

export interface IdempotencyStore {
  /** Conditional: succeeds when the key is absent or its claim is older than the lease. */
  claim(key: string, now: Date): Promise<ClaimResult>;
  /** Marks the key done with the outcome status (after the audit entry is durable). */
  complete(key: string, status: string, now: Date): Promise<void>;
  /** Read only (dry-run). */
  peek(key: string): Promise<KeyState>;
  /** Gives up a claim (claimedAt = epoch 0) so the next delivery takes it at once; a done key stays done. */
  release(key: string): Promise<void>;
}

/**
 * Store errors retried with the remediator's backoff: throttling, and DynamoDB's capacity and
 * transient server errors. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
export function isRetryableStoreError(code: string): boolean {
  return (
    code === 'ProvisionedThroughputExceededException' ||
    code === 'ThrottlingException' ||
    code === 'RequestLimitExceeded' ||
    code === 'InternalServerError' ||
    code === 'ServiceUnavailable' ||
    code === 'Throttling'
  );
}

/** Thrown by the remediator when the store stays unavailable: the caller must fail, not act. */
export class IdempotencyUnavailableError extends Error {
  constructor(
    readonly key: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IdempotencyUnavailableError';
  }
}

/**
 * One process (CLI replay/reconcile, tests, a Lambda without a table). `initial` keys are done
 * (e.g. read back from an audit log's "done" entries).
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #items = new Map<string, { status: string; claimedAt: number }>();
  readonly #leaseMs: number;

  constructor(initial: Iterable<string> = [], leaseSeconds = DEFAULT_LEASE_SECONDS) {
    for (const k of initial) this.#items.set(k, { status: 'done', claimedAt: 0 });
    this.#leaseMs = leaseSeconds * 1000;
  }

  claim(key: string, now: Date): Promise<ClaimResult> {
    const it = this.#items.get(key);
    if (it === undefined || (it.status === 'claimed' && it.claimedAt < now.getTime() - this.#leaseMs)) {
      this.#items.set(key, { status: 'claimed', claimedAt: now.getTime() });
      return Promise.resolve({ claimed: true });
    }
    return Promise.resolve(
      it.status === 'claimed'
        ? { claimed: false, state: 'in-progress', claimedAt: new Date(it.claimedAt) }
        : { claimed: false, state: 'done', status: it.status },
    );
  }

  complete(key: string, status: string, now: Date): Promise<void> {
    this.#items.set(key, { status, claimedAt: this.#items.get(key)?.claimedAt ?? now.getTime() });
    return Promise.resolve();
  }

  release(key: string): Promise<void> {
    const it = this.#items.get(key);
    if (it?.status === 'claimed') this.#items.set(key, { status: 'claimed', claimedAt: 0 });
    return Promise.resolve();
  }

  peek(key: string): Promise<KeyState> {
    const it = this.#items.get(key);
    if (it === undefined) return Promise.resolve({ state: 'absent' });
    return Promise.resolve(
      it.status === 'claimed'
        ? { state: 'claimed', claimedAt: new Date(it.claimedAt) }
        : { state: 'done', status: it.status },
    );
  }
}
