// What kind of partial failure an SDK error is (CollectionFailure.kind in src/estate/model.ts).
import { AssumeRoleError } from './assume-role.js';

export type FailureKind =
  'access-denied' | 'opt-in-region' | 'throttled' | 'assume-role-failed' | 'timeout' | 'other';

export interface ClassifiedError {
  readonly kind: FailureKind;
  readonly errorCode?: string;
  readonly message: string;
}

// Error codes from the EC2, ELBv2, RDS, IAM, Route 53, Organizations and STS API references.
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AccessDeniedForDependencyException',
  'AuthorizationError',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'PriorRequestNotComplete',
  'SlowDown',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
]);
const TIMEOUT = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ETIMEDOUT',
  'ECONNRESET',
]);

export function classifyError(e: unknown): ClassifiedError {
  if (e instanceof AssumeRoleError) {
    return { kind: 'assume-role-failed', errorCode: e.errorCode, message: e.message };
  }
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const code = err.name && err.name !== 'Error' ? err.name : err.code;
  const message = err.message ?? String(e);
  if (code === 'OptInRequired' || /opt[- ]?in/i.test(message)) {
    return { kind: 'opt-in-region', errorCode: code, message };
  }
  if (code && ACCESS_DENIED.has(code)) return { kind: 'access-denied', errorCode: code, message };
  if (code && THROTTLED.has(code)) return { kind: 'throttled', errorCode: code, message };
  if ((code && TIMEOUT.has(code)) || (err.code && TIMEOUT.has(err.code))) {
    return { kind: 'timeout', errorCode: code, message };
  }
  if (err.$metadata?.httpStatusCode === 403) return { kind: 'access-denied', errorCode: code, message };
  if (err.$metadata?.httpStatusCode === 429) return { kind: 'throttled', errorCode: code, message };
  return { kind: 'other', errorCode: code, message };
}
