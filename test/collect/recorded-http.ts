// A recorded-HTTP handler for the real SDK clients: replies with canned (status, XML) in turn and
// records what was sent, so tests exercise the SDK's serializers, signer, retries and parsers.
import { ClientPool, defaultClientSettings, type ClientSettings } from '../../src/collect/client-pool.js';

export const THROTTLED_XML = `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>d9a4e2b1-EXAMPLE</RequestID></Response>`;

export interface SeenRequest {
  method: string;
  hostname: string;
  body: string;
  authorization: string;
  at: number;
}

/** An HTTP handler that answers every request with the given (status, XML body) in turn. */
export function recordedHandler(replies: readonly [number, string][], seen: SeenRequest[] = []) {
  let i = 0;
  return {
    seen,
    async handle(request: {
      method: string;
      hostname: string;
      body?: unknown;
      headers: Record<string, string>;
    }) {
      seen.push({
        at: Date.now(),
        method: request.method,
        hostname: request.hostname,
        body: String(request.body ?? ''),
        authorization: request.headers.authorization ?? request.headers.Authorization ?? '',
      });
      const [statusCode, xml] = replies[Math.min(i++, replies.length - 1)]!;
      return {
        response: {
          statusCode,
          reason: statusCode === 200 ? 'OK' : 'Service Unavailable',
          headers: { 'content-type': 'text/xml;charset=UTF-8' },
          body: new TextEncoder().encode(xml),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
}

export function poolWith(handler: unknown, settings: Partial<ClientSettings> = {}): ClientPool {
  const pool = new ClientPool({ ...defaultClientSettings, ...settings, requestHandler: handler });
  pool.setCredentials('123456789012', async () => ({
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'secret',
  }));
  return pool;
}
