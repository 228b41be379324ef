import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientPool, defaultClientSettings } from '../../src/collect/client-pool.js';

let pool: ClientPool;
beforeEach(() => {
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
  pool = new ClientPool({
    ...defaultClientSettings,
    requestTimeoutMs: 1234,
    connectionTimeoutMs: 567,
    maxAttempts: 5,
  });
});
afterEach(() => {
  pool.destroy();
  vi.unstubAllEnvs();
});

describe('ClientPool', () => {
  it('one client per account × region × service, reused', () => {
    const a = pool.get('ec2', '111111111111', 'us-east-1');
    expect(pool.get('ec2', '111111111111', 'us-east-1')).toBe(a);
    expect(pool.get('ec2', '111111111111', 'eu-west-1')).not.toBe(a);
    expect(pool.get('ec2', '222222222222', 'us-east-1')).not.toBe(a);
    expect(pool.get('rds', '111111111111', 'us-east-1')).not.toBe(a);
    expect(pool.size).toBe(4);
  });

  it('adaptive retry with maxAttempts, request and connection timeouts on the HTTP handler', async () => {
    const config = pool.get('ec2', '111111111111', 'us-east-1').config as unknown as {
      retryMode: string;
      maxAttempts: () => Promise<number>;
      retryStrategy: () => Promise<{ mode: string }>;
      requestHandler: {
        constructor: { name: string };
        configProvider: Promise<{ requestTimeout?: number; connectionTimeout?: number }>;
      };
      region: () => Promise<string>;
    };
    expect(config.retryMode).toBe('adaptive');
    expect(await config.maxAttempts()).toBe(5);
    expect((await config.retryStrategy()).mode).toBe('adaptive');
    expect(await config.region()).toBe('us-east-1');
    expect(config.requestHandler.constructor.name).toBe('NodeHttpHandler');
    expect(await config.requestHandler.configProvider).toMatchObject({
      requestTimeout: 1234,
      connectionTimeout: 567,
    });
  });

  it("an account's credentials are used by every client of that account", async () => {
    pool.setCredentials('222222222222', async () => ({ accessKeyId: 'AKID222', secretAccessKey: 's' }));
    const config = pool.get('iam', '222222222222', 'us-east-1').config as unknown as {
      credentials: () => Promise<{ accessKeyId: string }>;
    };
    expect((await config.credentials()).accessKeyId).toBe('AKID222');
  });
});
