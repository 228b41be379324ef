// The detector contract: one CloudTrail call family in, findings (the same model as checks) out,
// each with the remediation target it would get.
import type { Finding, FindingResource, Severity } from '../../checks/types.js';
import { fingerprintOf } from '../../checks/fingerprint.js';
import type { Intent } from '../../config/intent.js';
import type { Estate } from '../../estate/model.js';
import type { NormalizedEvent } from '../event-types.js';
import type { RemediationTarget } from '../remediation-target.js';

export interface DetectorContext {
  readonly estate: Estate;
  readonly intent: Intent;
}

export interface Detection {
  readonly detectorId: string;
  readonly finding: Finding;
  readonly eventId: string;
  readonly eventName: string;
  readonly eventTime: string;
  readonly target: RemediationTarget;
}

export interface Detector {
  /** kebab-case, equal to the file name. */
  readonly id: string;
  /** The finding rule id (shared with the matching check, so reconcile and events agree). */
  readonly ruleId: string;
  readonly title: string;
  readonly remediation: string;
  /** CloudTrail eventName values this detector reads. */
  readonly eventNames: readonly string[];
  detect(event: NormalizedEvent, ctx: DetectorContext): readonly Detection[];
}

export interface DetectionDraft {
  readonly severity: Severity;
  readonly resource: FindingResource;
  readonly message: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly discriminator?: string;
  readonly remediation?: string;
  readonly target: RemediationTarget;
}

/** Builds the Detection: finding with fingerprint, event evidence (eventID, time, principal) attached. */
export function detection(detector: Detector, event: NormalizedEvent, d: DetectionDraft): Detection {
  return {
    detectorId: detector.id,
    eventId: event.eventId,
    eventName: event.eventName,
    eventTime: event.eventTime,
    target: d.target,
    finding: {
      ruleId: detector.ruleId,
      severity: d.severity,
      title: detector.title,
      resource: d.resource,
      message: d.message,
      evidence: {
        ...d.evidence,
        event: {
          eventId: event.eventId,
          eventName: event.eventName,
          eventTime: event.eventTime,
          principal: event.principal,
          ...(event.sourceIp ? { sourceIp: event.sourceIp } : {}),
        },
      },
      remediation: d.remediation ?? detector.remediation,
      fingerprint: fingerprintOf(detector.ruleId, d.resource.id, d.discriminator ?? ''),
    },
  };
}
