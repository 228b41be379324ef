// perimeter simulate [SNAPSHOT] --principal ARN --action A --resource R [--resource-account ID]
//   [--region R] [--format text|json]
// The request's decision on every network path the estate makes possible for the principal, plus
// stolen-credential paths (from the internet, from an attacker's own AWS account).
import type { Command } from 'commander';
import { egressLookupFor } from '../../checks/shared/egress-lookup.js';
import { isAccountId } from '../../estate/ids.js';
import { simulate, SimulateError } from '../../iam/simulate.js';
import { formatSimulationText } from '../../iam/simulate-text.js';
import { UsageError } from '../errors.js';
import { loadEstateForCli } from '../load-estate.js';
import { parseFormat, writeOut } from '../options.js';
import { resolveSnapshotArg } from '../paths.js';

export function register(program: Command): void {
  program
    .command('simulate')
    .description("a request's decision on every network path the estate allows, plus stolen-credential paths")
    .argument('[snapshot]', 'snapshot directory (default: the bundled demo estate)')
    .requiredOption('--principal <arn>', 'IAM role or user ARN (a role session ARN maps to its role)')
    .requiredOption('--action <action>', 'service:Action, e.g. s3:GetObject')
    .requiredOption('--resource <arn>', 'resource ARN, or * for actions without one')
    .option(
      '--resource-account <id>',
      "account that owns the resource (default: from the ARN, else the principal's)",
    )
    .option(
      '--region <region>',
      'region the request goes to (aws:RequestedRegion; default: from the resource ARN)',
    )
    .option('--format <format>', 'output format: text, json', 'text')
    .action(
      async (
        snapshot: string | undefined,
        opts: {
          principal: string;
          action: string;
          resource: string;
          resourceAccount?: string;
          region?: string;
          format: string;
        },
      ) => {
        const format = parseFormat(opts.format, ['text', 'json'] as const);
        if (opts.resourceAccount !== undefined && !isAccountId(opts.resourceAccount)) {
          throw new UsageError(
            `--resource-account ${JSON.stringify(opts.resourceAccount)} is not an account id (expected 12 digits)`,
          );
        }
        const estate = await loadEstateForCli(resolveSnapshotArg(snapshot));
        let result;
        try {
          result = simulate(estate, {
            principal: opts.principal,
            action: opts.action,
            resource: opts.resource,
            ...(opts.resourceAccount !== undefined ? { resourceAccount: opts.resourceAccount } : {}),
            ...(opts.region !== undefined ? { region: opts.region } : {}),
            egressOf: egressLookupFor(estate),
          });
        } catch (err) {
          if (err instanceof SimulateError) throw new UsageError(err.message);
          throw err;
        }
        writeOut(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatSimulationText(result));
      },
    );
}
