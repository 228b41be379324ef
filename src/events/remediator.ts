// Detect → decide → act → verify → escalate, for one detection at a time (seed 000: event-driven
// detection is never real time, so every action is re-decided from described state and verified).
//
// - Idempotent: a detection whose key (eventID + finding fingerprint) is done, or claimed by another
//   invocation, is a no-op (the claim/complete protocol is in idempotency.ts); the actions
//   themselves are state-driven (re-describe first), so late or out-of-order events find the
//   resource already handled and do nothing.
// - Never touches a peering whose owners are in the organization or trusted: the described owners
//   are re-classified before any call.
// - Throttling is retried with exponential backoff; "not visible yet" (EC2 eventual consistency,
//   https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html) is retried too.
// - Dry run unless mode is "enforce".
import { assessPeering } from '../checks/network/cross-org-peering.js';
import type { Intent } from '../config/intent.js';
import type { Estate } from '../estate/model.js';
import {
  awsErrorCode,
  awsErrorMessage,
  isThrottling,
  type AwsPort,
  type PortFactory,
  type SecurityGroupRuleView,
} from './aws-port.js';
import type { AuditEntry, AuditSink } from './audit-log.js';
import type { SgIngressRule } from './event-types.js';
import type { Detection } from './detectors/detector.js';
import { IdempotencyUnavailableError, isRetryableStoreError, type IdempotencyStore } from './idempotency.js';
import { peeringSteps, planFor, stepText, type Plan, type Step } from './plan.js';

export {
  IdempotencyUnavailableError,
  MemoryIdempotencyStore,
  type ClaimResult,
  type IdempotencyStore,
  type KeyState,
} from './idempotency.js';

export type Mode = 'dry-run' | 'enforce';

export interface RemediatorOptions {
  /** Describes while the resource is not visible yet. */
  readonly visibilityAttempts: number;
  /** Describes after acting, until the expected state shows. */
  readonly verifyAttempts: number;
  /** Attempts per API call while throttled. */
  readonly apiAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** Re-decisions when the state changed under us (the seed 000 race). */
  readonly maxPasses: number;
}

export const defaultRemediatorOptions: RemediatorOptions = {
  visibilityAttempts: 5,
  verifyAttempts: 8,
  apiAttempts: 5,
  backoffBaseMs: 1000,
  backoffMaxMs: 20_000,
  maxPasses: 3,
};

export interface RemediatorDeps {
  readonly ports: PortFactory;
  readonly audit: AuditSink;
  readonly idempotency: IdempotencyStore;
  readonly mode: Mode;
  readonly estate: Estate;
  readonly intent: Intent;
  readonly clock: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Where escalations go when the target's own port cannot publish (defaults to the target's port). */
  readonly escalationPort?: AwsPort;
  readonly options?: Partial<RemediatorOptions>;
}

export type OutcomeStatus = 'planned' | 'duplicate' | 'no-op' | 'remediated' | 'notified' | 'escalated';

export interface ApiCallRecord {
  readonly step: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

export interface Outcome {
  readonly key: string;
  readonly eventId: string;
  readonly fingerprint: string;
  readonly status: OutcomeStatus;
  readonly reason: string;
  readonly plan: Plan;
  readonly calls: readonly ApiCallRecord[];
  /** Set when escalated: the SNS publish failed too. */
  readonly escalationError?: string;
}

export function detectionKey(d: Detection): string {
  return `${d.eventId}|${d.finding.fingerprint}`;
}

class StepFailed extends Error {
  constructor(
    readonly step: Step,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface RunState {
  readonly det: Detection;
  readonly port: AwsPort;
  readonly calls: ApiCallRecord[];
}

type Verdict =
  { status: 'remediated' | 'no-op' | 'notified'; reason: string } | { status: 'escalate'; reason: string };

export class Remediator {
  readonly #d: RemediatorDeps;
  readonly #o: RemediatorOptions;

  constructor(deps: RemediatorDeps) {
    this.#d = deps;
    this.#o = { ...defaultRemediatorOptions, ...deps.options };
  }

  async #audit(kind: AuditEntry['kind'], det: Detection, data: Record<string, unknown> = {}): Promise<void> {
    await this.#d.audit.append({
      ts: this.#d.clock().toISOString(),
      kind,
      eventId: det.eventId,
      fingerprint: det.finding.fingerprint,
      ruleId: det.finding.ruleId,
      resourceId: det.finding.resource.id,
      ...data,
    });
  }

  #backoff(attempt: number): number {
    return Math.min(this.#o.backoffMaxMs, this.#o.backoffBaseMs * 2 ** attempt);
  }

  async handle(det: Detection): Promise<Outcome> {
    const key = detectionKey(det);
    const plan = planFor(det, this.#d.estate);
    const base = { key, eventId: det.eventId, fingerprint: det.finding.fingerprint, plan };
    const duplicate = async (extra: Record<string, unknown>, reason: string): Promise<Outcome> => {
      await this.#audit('duplicate', det, { key, ...extra });
      return { ...base, status: 'duplicate', reason, calls: [] };
    };
    const handled = `event ${det.eventId} was already handled`;
    if (this.#d.mode === 'dry-run') {
      // Dry run marks nothing: a read, so a key already done is still reported as a duplicate.
      const seen = await this.#store('peek', key, () => this.#d.idempotency.peek(key));
      if (seen.state === 'done') return duplicate({}, handled);
    } else {
      const claim = await this.#store('claim', key, () => this.#d.idempotency.claim(key, this.#d.clock()));
      if (!claim.claimed) {
        if (claim.state === 'done') return duplicate({}, handled);
        const at = claim.claimedAt.toISOString();
        return duplicate(
          { inProgress: true, claimedAt: at },
          `event ${det.eventId} is being handled by another invocation (claimed at ${at})`,
        );
      }
    }
    await this.#audit('detection', det, {
      severity: det.finding.severity,
      message: det.finding.message,
      eventName: det.eventName,
      target: det.target,
    });
    if (this.#d.mode === 'dry-run') {
      await this.#audit('decision', det, {
        mode: 'dry-run',
        remedy: plan.remedy,
        steps: plan.steps.map(stepText),
      });
      return { ...base, status: 'planned', reason: 'dry run: nothing changed', calls: [] };
    }
    const port = this.#d.ports(det.target.accountId, det.target.region);
    const st: RunState = { det, port, calls: [] };
    let verdict: Verdict;
    try {
      verdict = await this.#act(st);
    } catch (err) {
      const code = err instanceof StepFailed ? err.code : awsErrorCode(err);
      verdict = {
        status: 'escalate',
        reason: `${err instanceof StepFailed ? stepText(err.step) : 'describe'} failed: ${code}: ${awsErrorMessage(err)}`,
      };
    }
    if (verdict.status === 'escalate') {
      const escalationError = await this.#escalate(st, verdict.reason, plan);
      // Nobody was told: not done. The claim is released and the caller fails the invocation, so
      // the retry runs again (re-decided from described state) and re-escalates.
      if (escalationError) await this.#store('release', key, () => this.#d.idempotency.release(key));
      else await this.#done(det, key, 'escalated');
      return {
        ...base,
        status: 'escalated',
        reason: verdict.reason,
        calls: st.calls,
        ...(escalationError ? { escalationError } : {}),
      };
    }
    await this.#done(det, key, verdict.status);
    return { ...base, status: verdict.status, reason: verdict.reason, calls: st.calls };
  }

  async #done(det: Detection, key: string, status: string): Promise<void> {
    // Audit is durable before the key is marked (and before the caller acknowledges the event).
    await this.#audit('done', det, { key, status });
    await this.#store('complete', key, () => this.#d.idempotency.complete(key, status, this.#d.clock()));
  }

  /**
   * One idempotency store call, retried with the API backoff while throttled. When the store stays
   * unavailable this throws IdempotencyUnavailableError: acting without a claim could remediate and
   * escalate twice, so the invocation fails and EventBridge/Lambda retries it instead.
   */
  async #store<T>(op: string, key: string, fn: () => Promise<T>): Promise<T> {
    const r = await this.#retrying(fn, isRetryableStoreError);
    if (r.ok) return r.value;
    throw new IdempotencyUnavailableError(
      key,
      r.code,
      `idempotency store ${op} of ${key} failed after ${r.attempts} attempt(s): ${r.code}: ${awsErrorMessage(r.err)} (not acting without it: the invocation fails so it is retried)`,
    );
  }

  /**
   * Runs `fn`, retrying with backoff while its error code is `retryable` and attempts remain
   * (apiAttempts); the result says how many attempts were made and, on failure, the last error.
   */
  async #retrying<T>(
    fn: () => Promise<T>,
    retryable: (code: string) => boolean,
  ): Promise<
    | { readonly ok: true; readonly value: T; readonly attempts: number }
    | { readonly ok: false; readonly err: unknown; readonly code: string; readonly attempts: number }
  > {
    for (let attempt = 1; ; attempt++) {
      try {
        return { ok: true, value: await fn(), attempts: attempt };
      } catch (err) {
        const code = awsErrorCode(err);
        if (!retryable(code) || attempt >= this.#o.apiAttempts)
          return { ok: false, err, code, attempts: attempt };
        await this.#d.sleep(this.#backoff(attempt - 1));
      }
    }
  }

  /** A failed AWS call as `calls` and the audit log record it. */
  async #failedCall(st: RunState, step: string, r: { err: unknown; code: string; attempts: number }) {
    const rec = {
      step,
      ok: false,
      attempts: r.attempts,
      errorCode: r.code,
      errorMessage: awsErrorMessage(r.err),
    };
    st.calls.push(rec);
    await this.#audit('api-call', st.det, rec);
  }

  async #escalate(st: RunState, reason: string, plan: Plan): Promise<string | undefined> {
    const message = JSON.stringify(
      {
        reason,
        finding: st.det.finding,
        event: { eventId: st.det.eventId, eventName: st.det.eventName, eventTime: st.det.eventTime },
        planned: plan.steps.map(stepText),
        tried: st.calls,
      },
      null,
      2,
    );
    const subject = `perimeter ESCALATION: ${st.det.finding.ruleId} ${st.det.finding.resource.id}`;
    await this.#audit('escalation', st.det, { reason, tried: st.calls });
    try {
      await (this.#d.escalationPort ?? st.port).publish(subject, message);
      return undefined;
    } catch (err) {
      const e = `${awsErrorCode(err)}: ${awsErrorMessage(err)}`;
      await this.#audit('escalation-failed', st.det, { error: e });
      return e;
    }
  }

  /** One AWS call with throttling retries; records and audits it. Throws StepFailed on a non-retryable error. */
  async #call(
    st: RunState,
    step: Step,
    fn: () => Promise<void>,
    tolerate: readonly string[] = [],
  ): Promise<'ok' | string> {
    const r = await this.#retrying(fn, isThrottling);
    if (r.ok) {
      st.calls.push({ step: stepText(step), ok: true, attempts: r.attempts });
      await this.#audit('api-call', st.det, { step: stepText(step), ok: true, attempts: r.attempts });
      return 'ok';
    }
    await this.#failedCall(st, stepText(step), r);
    if (tolerate.includes(r.code)) return r.code;
    throw new StepFailed(step, r.code, awsErrorMessage(r.err));
  }

  /** Describe with throttling retries; audited (not listed in `calls`, which are the changes). */
  async #describe<T>(st: RunState, what: string, fn: () => Promise<T>): Promise<T> {
    const r = await this.#retrying(fn, isThrottling);
    if (r.ok) {
      await this.#audit('api-call', st.det, { step: what, ok: true, attempts: r.attempts, readOnly: true });
      return r.value;
    }
    await this.#failedCall(st, what, r);
    throw r.err;
  }

  /** Describes until `ready` holds or attempts run out; returns the last value. */
  async #poll<T>(
    st: RunState,
    what: string,
    fn: () => Promise<T>,
    ready: (v: T) => boolean,
    attempts: number,
  ): Promise<{ value: T; ok: boolean; attempts: number }> {
    let value = await this.#describe(st, what, fn);
    let n = 1;
    while (!ready(value) && n < attempts) {
      await this.#d.sleep(this.#backoff(n - 1));
      value = await this.#describe(st, what, fn);
      n++;
    }
    return { value, ok: ready(value), attempts: n };
  }

  async #act(st: RunState): Promise<Verdict> {
    const t = st.det.target;
    switch (t.kind) {
      case 'peering':
        return this.#peering(st, t.pcxId);
      case 'internet-gateway':
        return this.#igw(st, t.igwId);
      case 'security-group-rules':
        return this.#sg(st, t.groupId, t.rules);
      case 'notify': {
        await this.#call(st, { api: 'Publish', subject: st.det.finding.title }, () =>
          (this.#d.escalationPort ?? st.port).publish(
            `perimeter: ${st.det.finding.ruleId} ${t.resourceId}`,
            JSON.stringify({ finding: st.det.finding }, null, 2),
          ),
        );
        return { status: 'notified', reason: 'no automatic change for this finding; the owner was told' };
      }
    }
  }

  async #peering(st: RunState, pcxId: string): Promise<Verdict> {
    let acted = false;
    for (let pass = 0; pass < this.#o.maxPasses; pass++) {
      const seen = await this.#poll(
        st,
        `DescribeVpcPeeringConnections ${pcxId}`,
        () => st.port.describePeering(pcxId),
        (v) => v !== undefined,
        pass === 0 ? this.#o.visibilityAttempts : 1,
      );
      const view = seen.value;
      if (view === undefined) {
        if (acted) return { status: 'remediated', reason: `${pcxId} no longer described after remediation` };
        return {
          status: 'escalate',
          reason: `${pcxId} not visible after ${seen.attempts} DescribeVpcPeeringConnections (expected the connection the event names)`,
        };
      }
      const a = assessPeering(
        view.status,
        view.requesterAccountId,
        view.accepterAccountId,
        this.#d.estate,
        this.#d.intent,
      );
      await this.#audit('decision', st.det, {
        pass,
        status: view.status,
        verdict: a.verdict,
        ourSide: a.ourSide,
        remedy: a.remedy,
      });
      if (a.verdict === 'allowed') {
        return {
          status: 'no-op',
          reason: `${pcxId} owners are in the organization or trusted (${a.requester.reason}; ${a.accepter.reason}): never touched`,
        };
      }
      if (a.verdict === 'unknown') {
        return {
          status: 'escalate',
          reason: `${pcxId}: organization membership unknown (${a.requester.reason}; ${a.accepter.reason}); not acting on a guess`,
        };
      }
      const routes =
        a.remedy === 'quarantine-then-delete'
          ? await this.#describe(st, `DescribeRouteTables ${pcxId}`, () =>
              st.port.describeRoutesTargeting(pcxId),
            )
          : [];
      const { remedy, steps } = peeringSteps(pcxId, view.status, a.ourSide, routes);
      if (remedy === 'none') {
        return acted
          ? { status: 'remediated', reason: `${pcxId} is ${view.status}` }
          : { status: 'no-op', reason: `${pcxId} is already ${view.status}: nothing to do` };
      }
      if (remedy === 'unknown')
        return { status: 'escalate', reason: `${pcxId} (${view.status}): which side we are is unknown` };
      let raced = false;
      for (const step of steps) {
        const r = await this.#call(st, step, () => this.#run(st.port, step), [
          'InvalidStateTransition',
          'InvalidVpcPeeringConnectionID.NotFound',
          'InvalidRoute.NotFound',
          'OperationNotPermitted',
        ]);
        // The peer accepted between describe and reject (or the request expired): re-decide.
        if (r !== 'ok' && step.api !== 'DeleteRoute') raced = true;
      }
      acted = true;
      if (raced) continue;
      const expected = remedy === 'reject-request' ? ['rejected'] : ['deleted', 'deleting'];
      const check = await this.#poll(
        st,
        `DescribeVpcPeeringConnections ${pcxId}`,
        async () => {
          const v = await st.port.describePeering(pcxId);
          const rs = remedy === 'quarantine-then-delete' ? await st.port.describeRoutesTargeting(pcxId) : [];
          return { v, rs };
        },
        ({ v, rs }) => (v === undefined || expected.includes(v.status)) && rs.length === 0,
        this.#o.verifyAttempts,
      );
      await this.#audit('verification', st.det, {
        ok: check.ok,
        attempts: check.attempts,
        status: check.value.v?.status ?? 'absent',
        routesLeft: check.value.rs.length,
        expected,
      });
      if (check.ok)
        return {
          status: 'remediated',
          reason: `${pcxId} verified ${check.value.v?.status ?? 'absent'} after ${remedy}`,
        };
      // Still live (e.g. the peer accepted right after our reject "succeeded"): another pass.
      if (
        check.value.v &&
        ['provisioning', 'active', 'pending-acceptance'].includes(check.value.v.status) &&
        pass + 1 < this.#o.maxPasses
      )
        continue;
      return {
        status: 'escalate',
        reason: `verification failed: ${pcxId} is ${check.value.v?.status ?? 'absent'} with ${check.value.rs.length} route(s) still targeting it after ${check.attempts} describes (expected ${expected.join('/')} and no routes)`,
      };
    }
    return { status: 'escalate', reason: `${pcxId}: state kept changing over ${this.#o.maxPasses} passes` };
  }

  async #igw(st: RunState, igwId: string): Promise<Verdict> {
    const seen = await this.#poll(
      st,
      `DescribeInternetGateways ${igwId}`,
      () => st.port.describeInternetGateway(igwId),
      (v) => v !== undefined,
      this.#o.visibilityAttempts,
    );
    if (seen.value === undefined) {
      return {
        status: 'escalate',
        reason: `${igwId} not visible after ${seen.attempts} DescribeInternetGateways (deleted already, or not yet consistent)`,
      };
    }
    const routes = await this.#describe(st, `DescribeRouteTables ${igwId}`, () =>
      st.port.describeRoutesTargeting(igwId),
    );
    const steps: Step[] = [
      ...routes.map((r) => ({
        api: 'DeleteRoute' as const,
        routeTableId: r.routeTableId,
        destination: r.destination,
      })),
      ...seen.value.attachments
        .filter((a) => a.state !== 'detached')
        .map((a) => ({ api: 'DetachInternetGateway' as const, igwId, vpcId: a.vpcId })),
      { api: 'DeleteInternetGateway', igwId },
    ];
    await this.#audit('decision', st.det, { remedy: 'detach-then-delete-igw', steps: steps.map(stepText) });
    for (const step of steps)
      await this.#call(st, step, () => this.#run(st.port, step), ['InvalidRoute.NotFound']);
    const check = await this.#poll(
      st,
      `DescribeInternetGateways ${igwId}`,
      async () => ({
        g: await st.port.describeInternetGateway(igwId),
        rs: await st.port.describeRoutesTargeting(igwId),
      }),
      ({ g, rs }) => g === undefined && rs.length === 0,
      this.#o.verifyAttempts,
    );
    await this.#audit('verification', st.det, {
      ok: check.ok,
      attempts: check.attempts,
      igwPresent: check.value.g !== undefined,
      routesLeft: check.value.rs.length,
    });
    return check.ok
      ? { status: 'remediated', reason: `${igwId} verified deleted, no route targets it` }
      : {
          status: 'escalate',
          reason: `verification failed: ${igwId} still ${check.value.g ? 'exists' : 'absent'} with ${check.value.rs.length} route(s) targeting it after ${check.attempts} describes (expected NotFound and no routes)`,
        };
  }

  async #sg(st: RunState, groupId: string, wanted: readonly SgIngressRule[]): Promise<Verdict> {
    const match = (rules: readonly SecurityGroupRuleView[]) => matchRules(rules, wanted);
    const seen = await this.#poll(
      st,
      `DescribeSecurityGroupRules ${groupId}`,
      () => st.port.describeSecurityGroupRules(groupId),
      (v) => v !== undefined && match(v).length > 0,
      this.#o.visibilityAttempts,
    );
    if (seen.value === undefined) {
      return {
        status: 'escalate',
        reason: `${groupId} not found after ${seen.attempts} describes (InvalidGroup.NotFound)`,
      };
    }
    const ids = match(seen.value);
    if (ids.length === 0) {
      return {
        status: 'no-op',
        reason: `the offending rules are no longer in ${groupId} (checked ${seen.attempts} times)`,
      };
    }
    const step: Step = { api: 'RevokeSecurityGroupIngress', groupId, ruleIds: ids };
    await this.#audit('decision', st.det, { remedy: 'revoke-rules', steps: [stepText(step)] });
    // Revoke can report success without removing anything (Cloud Custodian's silent failure): an
    // error here is recorded, and verification decides either way.
    await this.#call(st, step, () => this.#run(st.port, step), ['RevokeNotApplied']);
    const check = await this.#poll(
      st,
      `DescribeSecurityGroupRules ${groupId}`,
      () => st.port.describeSecurityGroupRules(groupId),
      (v) => v === undefined || v.every((r) => !ids.includes(r.ruleId)),
      this.#o.verifyAttempts,
    );
    const left = (check.value ?? []).filter((r) => ids.includes(r.ruleId)).map((r) => r.ruleId);
    await this.#audit('verification', st.det, { ok: check.ok, attempts: check.attempts, rulesLeft: left });
    return check.ok
      ? { status: 'remediated', reason: `${ids.join(', ')} verified revoked from ${groupId}` }
      : {
          status: 'escalate',
          reason: `verification failed: ${left.join(', ')} still in ${groupId} after ${check.attempts} describes (expected revoked)`,
        };
  }

  #run(port: AwsPort, step: Step): Promise<void> {
    switch (step.api) {
      case 'DeleteVpcPeeringConnection':
        return port.deletePeering(step.pcxId);
      case 'RejectVpcPeeringConnection':
        return port.rejectPeering(step.pcxId);
      case 'DeleteRoute':
        return port.deleteRoute({ routeTableId: step.routeTableId, destination: step.destination });
      case 'DetachInternetGateway':
        return port.detachInternetGateway(step.igwId, step.vpcId);
      case 'DeleteInternetGateway':
        return port.deleteInternetGateway(step.igwId);
      case 'RevokeSecurityGroupIngress':
        return port.revokeSecurityGroupIngress(step.groupId, step.ruleIds);
      case 'Publish':
        return port.publish(step.subject, step.subject);
    }
  }
}

/** Rule ids in `rules` that are the offending ingress rules: by id when known, else by content. */
export function matchRules(
  rules: readonly SecurityGroupRuleView[],
  wanted: readonly SgIngressRule[],
): string[] {
  const out = new Set<string>();
  for (const w of wanted) {
    for (const r of rules) {
      if (r.isEgress) continue;
      if (w.ruleId !== undefined) {
        if (r.ruleId === w.ruleId) out.add(r.ruleId);
        continue;
      }
      const samePorts = (w.fromPort ?? -1) === (r.fromPort ?? -1) && (w.toPort ?? -1) === (r.toPort ?? -1);
      if (r.protocol === w.protocol && samePorts && r.cidrV4 === w.cidrV4 && r.cidrV6 === w.cidrV6)
        out.add(r.ruleId);
    }
  }
  return [...out].sort();
}
