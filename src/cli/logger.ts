// Logs and progress go to stderr (stdout is for results). pino, synchronous to fd 2.
import { pino, type Logger } from 'pino';

let logger: Logger | undefined;

export function getLogger(): Logger {
  if (!logger) {
    const level =
      process.env.PERIMETER_LOG_LEVEL ?? (process.env.PERIMETER_VERBOSE === '1' ? 'debug' : 'warn');
    logger = pino({ level, base: undefined, timestamp: false }, pino.destination({ fd: 2, sync: true }));
  }
  return logger;
}
