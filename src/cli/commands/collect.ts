// perimeter collect --out DIR [--profile P] [--regions a,b] [--org] [--role-name N] [--external-id X]
//                   [--concurrency N] [--max-attempts N] [--timeout S] [--format text|json] [--quiet]
// perimeter collect --print-policy [--role-name N] [--external-id X] [--collector-account ID]
import type { Command } from 'commander';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  collect,
  DEFAULT_CONCURRENCY,
  DEFAULT_HOME_REGION,
  DEFAULT_ROLE_NAME,
} from '../../collect/collect.js';
import { defaultClientSettings } from '../../collect/client-pool.js';
import { collectorAssumePolicy, memberTrustPolicy, readOnlyPolicy } from '../../collect/policy.js';
import { formatProgress, type CollectProgress } from '../../collect/progress.js';
import { parseRegionList } from '../../collect/regions.js';
import { allCollectors } from '../../collect/registry.js';
import { formatSummaryJson, formatSummaryText, summarize } from '../../collect/summary.js';
import { checkOutputDir, OutputDirError, writeSnapshot } from '../../collect/writer.js';
import { isAccountId } from '../../estate/ids.js';
import { UsageError } from '../errors.js';
import { parseFormat, writeOut } from '../options.js';
import { toolVersion } from '../version.js';
import { resolve } from 'node:path';

interface CollectFlags {
  out?: string;
  profile?: string;
  regions?: string;
  org?: boolean;
  roleName: string;
  externalId?: string;
  concurrency: string;
  maxAttempts: string;
  timeout: string;
  format: string;
  quiet?: boolean;
  printPolicy?: boolean;
  collectorAccount?: string;
}

function positiveInt(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) {
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not a whole number between 1 and ${max}`);
  }
  return n;
}

export function register(program: Command): void {
  program
    .command('collect')
    .description('snapshot a live AWS estate (the caller account, or the whole organization with --org)')
    .option('--out <dir>', 'snapshot directory to write (new, empty, or a previous snapshot to replace)')
    .option('--profile <name>', 'AWS shared-config profile for the caller credentials')
    .option('--regions <list>', 'comma-separated regions (default: every region enabled in each account)')
    .option('--org', 'walk the organization and collect every ACTIVE member account')
    .option('--role-name <name>', 'role assumed in member accounts', DEFAULT_ROLE_NAME)
    .option('--external-id <id>', 'sts:ExternalId passed when assuming the member role')
    .option(
      '--concurrency <n>',
      'API calls in flight at once, across accounts and regions',
      String(DEFAULT_CONCURRENCY),
    )
    .option(
      '--max-attempts <n>',
      'attempts per API call (adaptive retry)',
      String(defaultClientSettings.maxAttempts),
    )
    .option(
      '--timeout <seconds>',
      'per-request timeout',
      String(defaultClientSettings.requestTimeoutMs / 1000),
    )
    .option('--format <format>', 'summary format: text, json', 'text')
    .option('--quiet', 'no progress on stderr (also when CI is set or stderr is not a terminal)')
    .option(
      '--print-policy',
      'print the read-only IAM policy and the member-role trust policy, collect nothing',
    )
    .option(
      '--collector-account <id>',
      'with --print-policy: the account the collector runs in (default: the caller)',
    )
    .action(async (opts: CollectFlags) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const);
      if (opts.printPolicy) {
        await printPolicy(opts, format);
        return;
      }
      if (!opts.out) throw new UsageError('collect needs --out DIR (the snapshot directory to write)');
      let regions: string[] | undefined;
      try {
        regions = opts.regions === undefined ? undefined : parseRegionList(opts.regions);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const concurrency = positiveInt('--concurrency', opts.concurrency, 256);
      const maxAttempts = positiveInt('--max-attempts', opts.maxAttempts, 20);
      const timeoutS = positiveInt('--timeout', opts.timeout, 600);
      try {
        await checkOutputDir(opts.out);
      } catch (e) {
        if (e instanceof OutputDirError) throw new UsageError(e.message);
        throw e;
      }
      const showProgress = !opts.quiet && !process.env.CI && process.stderr.isTTY === true;
      const progress = showProgress ? progressRenderer() : undefined;
      const result = await collect({
        org: opts.org === true,
        regions,
        roleName: opts.roleName,
        externalId: opts.externalId,
        concurrency,
        client: {
          maxAttempts,
          requestTimeoutMs: timeoutS * 1000,
          ...(opts.profile ? { profile: opts.profile } : {}),
        },
        tool: `perimeter ${toolVersion}`,
        onProgress: progress?.update,
      });
      progress?.done();
      await writeSnapshot(opts.out, result.documents, result.manifest);
      const summary = summarize(result.manifest, resolve(opts.out));
      writeOut(format === 'json' ? formatSummaryJson(summary) : formatSummaryText(summary));
    });
}

/** One progress line on stderr, redrawn at most every 200 ms. */
function progressRenderer(): { update: (p: CollectProgress) => void; done: () => void } {
  let last = 0;
  let latest: CollectProgress | undefined;
  const draw = () => {
    if (latest) process.stderr.write(`\r\x1b[2Kcollect: ${formatProgress(latest)}`);
  };
  return {
    update(p) {
      latest = p;
      const now = Date.now();
      if (now - last >= 200) {
        last = now;
        draw();
      }
    },
    done() {
      draw();
      if (latest) process.stderr.write('\n');
    },
  };
}

async function printPolicy(opts: CollectFlags, format: 'text' | 'json'): Promise<void> {
  let account = opts.collectorAccount;
  if (account !== undefined && !isAccountId(account)) {
    throw new UsageError(`--collector-account ${JSON.stringify(account)} is not a 12-digit account id`);
  }
  if (account === undefined) {
    const sts = new STSClient({
      region: DEFAULT_HOME_REGION,
      ...(opts.profile ? { profile: opts.profile } : {}),
    });
    try {
      account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
    } catch (e) {
      throw new UsageError(
        `--print-policy needs the collector's account for the trust policy: pass --collector-account ID (sts:GetCallerIdentity failed: ${(e as Error).message})`,
      );
    } finally {
      sts.destroy();
    }
    if (!account)
      throw new UsageError(
        '--print-policy: sts:GetCallerIdentity returned no account; pass --collector-account ID',
      );
  }
  const out = {
    roleName: opts.roleName,
    memberRolePermissionPolicy: readOnlyPolicy(allCollectors),
    memberRoleTrustPolicy: memberTrustPolicy(account, opts.externalId),
    collectorPermissionPolicy: collectorAssumePolicy(opts.roleName),
  };
  if (format === 'json') {
    writeOut(JSON.stringify(out, null, 2) + '\n');
    return;
  }
  writeOut(
    [
      `# Permission policy of role ${opts.roleName} in every account to collect (read-only)`,
      JSON.stringify(out.memberRolePermissionPolicy, null, 2),
      '',
      `# Trust policy of role ${opts.roleName}: the collector account ${account} may assume it${opts.externalId !== undefined ? ' with the external id' : ''}`,
      JSON.stringify(out.memberRoleTrustPolicy, null, 2),
      '',
      `# Extra permission of the principal that runs \`perimeter collect --org\` in ${account}`,
      JSON.stringify(out.collectorPermissionPolicy, null, 2),
      '',
    ].join('\n'),
  );
}
