// One SDK client per account × region × service, created on first use and reused for every call
// (connection reuse, and one adaptive rate limiter per endpoint and identity).
import { clientClasses, type ServiceClients, type ServiceId } from './services.js';

/** An AWS credential identity provider, as SDK v3 clients accept it. */
export type CredentialProvider = () => Promise<{
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}>;

export interface ClientSettings {
  /** Attempts per call, first one included (SDK `maxAttempts`). */
  readonly maxAttempts: number;
  /** `adaptive` adds client-side rate limiting on throttling to the standard backoff. */
  readonly retryMode: 'adaptive' | 'standard';
  /** Socket idle time before a request is abandoned (a `TimeoutError`). */
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  /** Shared-config profile for the caller's own credentials (`--profile`). */
  readonly profile?: string;
  /** Replaces the HTTP handler (wire-level tests); default: the SDK's Node handler with the timeouts. */
  readonly requestHandler?: unknown;
}

export const defaultClientSettings: ClientSettings = {
  maxAttempts: 8,
  retryMode: 'adaptive',
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 5_000,
};

export class ClientPool {
  private readonly clients = new Map<string, ServiceClients[ServiceId]>();
  private readonly credentials = new Map<string, CredentialProvider>();

  constructor(private readonly settings: ClientSettings = defaultClientSettings) {}

  /** Credentials for an account's clients; accounts without any use the caller's (profile/default chain). */
  setCredentials(accountId: string, provider: CredentialProvider): void {
    this.credentials.set(accountId, provider);
  }

  get<S extends ServiceId>(service: S, accountId: string, region: string): ServiceClients[S] {
    const key = `${accountId}/${region}/${service}`;
    let client = this.clients.get(key);
    if (!client) {
      const Ctor = clientClasses[service];
      const s = this.settings;
      const credentials = this.credentials.get(accountId);
      client = new Ctor({
        region,
        maxAttempts: s.maxAttempts,
        retryMode: s.retryMode,
        requestHandler: s.requestHandler ?? {
          requestTimeout: s.requestTimeoutMs,
          connectionTimeout: s.connectionTimeoutMs,
        },
        ...(credentials ? { credentials } : s.profile ? { profile: s.profile } : {}),
      });
      this.clients.set(key, client);
    }
    return client as ServiceClients[S];
  }

  /** Number of distinct clients created (one per account × region × service). */
  get size(): number {
    return this.clients.size;
  }

  destroy(): void {
    for (const c of this.clients.values()) c.destroy();
    this.clients.clear();
  }
}
