import { ConsoleLogger, LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/**
 * Structured JSON logs (one object per line) through Nest's own logger. Messages are written by our
 * code, which logs ids and counts, never names, e-mails, titles or tokens.
 */
export function createLogger(level: 'debug' | 'log' | 'warn' | 'error', json: boolean): ConsoleLogger {
  const levels = ORDER.slice(ORDER.indexOf(level));
  return new ConsoleLogger({ json, logLevels: levels, colors: !json });
}
