// Exit codes and error mapping for the CLI (DESIGN.md "Command-line contract").
export const exitCodes = {
  ok: 0,
  findings: 1,
  usage: 2,
  runtime: 3,
} as const;

/** A user error (bad flag, bad input file): exit 2 with a message, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An unexpected failure: message on stderr, stack only with PERIMETER_DEBUG=1; exit 3. */
export function reportFatal(err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`perimeter: ${message}\n`);
  if (process.env.PERIMETER_DEBUG === '1' && err instanceof Error && err.stack) {
    process.stderr.write(`${err.stack}\n`);
  }
  return exitCodes.runtime;
}
