// Credentials for a member account: STS AssumeRole into `arn:aws:iam::<id>:role/<name>` (with the
// external id when given), cached and refreshed five minutes before they expire.
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { CredentialProvider } from './client-pool.js';

export class AssumeRoleError extends Error {
  constructor(
    readonly roleArn: string,
    readonly errorCode: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'AssumeRoleError';
  }
}

export interface AssumeRoleOptions {
  /** STS client holding the caller's credentials. */
  readonly sts: STSClient;
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
  readonly durationSeconds?: number;
  readonly now?: () => number;
}

const REFRESH_BEFORE_MS = 5 * 60_000;

export function roleArnFor(accountId: string, roleName: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

export function assumeRoleProvider(o: AssumeRoleOptions): CredentialProvider {
  const now = o.now ?? Date.now;
  let cached: Awaited<ReturnType<CredentialProvider>> | undefined;
  let inFlight: Promise<Awaited<ReturnType<CredentialProvider>>> | undefined;
  const fetch = async () => {
    let out;
    try {
      out = await o.sts.send(
        new AssumeRoleCommand({
          RoleArn: o.roleArn,
          RoleSessionName: o.sessionName,
          ...(o.externalId !== undefined ? { ExternalId: o.externalId } : {}),
          DurationSeconds: o.durationSeconds ?? 3600,
        }),
      );
    } catch (e) {
      const err = e as { name?: string; message?: string };
      throw new AssumeRoleError(
        o.roleArn,
        err.name,
        `sts:AssumeRole ${o.roleArn} failed: ${err.name ?? 'Error'}: ${err.message ?? String(e)}`,
      );
    }
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw new AssumeRoleError(
        o.roleArn,
        undefined,
        `sts:AssumeRole ${o.roleArn} returned no credentials (expected Credentials.AccessKeyId and SecretAccessKey)`,
      );
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  };
  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - REFRESH_BEFORE_MS > now())) {
      return cached;
    }
    inFlight ??= fetch().finally(() => {
      inFlight = undefined;
    });
    cached = await inFlight;
    return cached;
  };
}
