// perimeter lint POLICY.json --type identity|resource|trust|scp|rcp|vpce|boundary|session
//   [--format json|text] [--fail-on SEV] [--endpoint-vpc VPC_ID] [--hub-endpoint]
// Exit 1 when a finding is at or above --fail-on. The default is `high`: syntax errors, quota
// overruns and lame ducks that silently disable a guardrail (or deny legitimate callers) fail a
// CI run; medium/low advice does not. `--fail-on none` never fails.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { hasFindingAtOrAbove, lintPolicy } from '../../iam/lint.js';
import { policyTypes, type PolicyType } from '../../iam/types.js';
import { exitCodes, UsageError } from '../errors.js';
import { parseFormat, parseSeverity, writeOut } from '../options.js';

export function register(program: Command): void {
  program
    .command('lint')
    .description('validate a policy and find lame-duck conditions (DOMAIN.md §4 L1–L12), size against quotas')
    .argument('<policy>', 'policy document (JSON file)')
    .requiredOption('--type <type>', `policy type: ${policyTypes.join(', ')}`)
    .option('--format <format>', 'output format: text, json', 'text')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding is at or above this severity (critical|high|medium|low|info|none)',
      'high',
    )
    .option('--endpoint-vpc <vpcId>', 'for --type vpce: the VPC the endpoint lives in')
    .option('--hub-endpoint', 'for --type vpce: the endpoint is a centralized (hub) endpoint')
    .action(
      (
        file: string,
        opts: { type: string; format: string; failOn: string; endpointVpc?: string; hubEndpoint?: boolean },
      ) => {
        const type = parseFormat(opts.type, policyTypes, '--type') as PolicyType;
        const format = parseFormat(opts.format, ['text', 'json'] as const);
        const failOn = parseSeverity(opts.failOn);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          throw new UsageError(`${file}: cannot read the policy (${(err as Error).message})`);
        }
        const findings = lintPolicy(text, type, {
          ...(opts.endpointVpc !== undefined ? { endpointVpcId: opts.endpointVpc } : {}),
          ...(opts.hubEndpoint ? { hubEndpoint: true } : {}),
        });
        if (format === 'json') writeOut(`${JSON.stringify({ file, type, findings }, null, 2)}\n`);
        else if (findings.length === 0) writeOut(`${file}: no findings (${type} policy)\n`);
        else {
          writeOut(
            findings.map((f) => `${file}: ${f.severity} ${f.code} ${f.path}: ${f.message}\n`).join(''),
          );
        }
        if (failOn !== 'none' && hasFindingAtOrAbove(findings, failOn)) process.exitCode = exitCodes.findings;
      },
    );
}
