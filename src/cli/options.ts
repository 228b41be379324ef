// Flag parsing shared by commands: formats and --fail-on severities, validated with clear errors.
import type { Severity } from '../checks/types.js';
import { severities } from '../checks/types.js';
import { UsageError } from './errors.js';

export function parseFormat<T extends string>(value: string, allowed: readonly T[], flag = '--format'): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `${flag} ${JSON.stringify(value)} is not supported (expected one of: ${allowed.join(', ')})`,
  );
}

export function parseSeverity(value: string, flag = '--fail-on'): Severity | 'none' {
  if (value === 'none') return 'none';
  if ((severities as readonly string[]).includes(value)) return value as Severity;
  throw new UsageError(
    `${flag} ${JSON.stringify(value)} is not a severity (expected one of: ${severities.join(', ')}, none)`,
  );
}

export function writeOut(text: string): void {
  process.stdout.write(text);
}
