import type { LogLevel } from '@nestjs/common';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's logger levels for a LOG_LEVEL name. Read before the config module exists (NestFactory needs it),
 * so it takes the raw value; the config validates the same variable at boot.
 */
export function nestLogLevels(level: string | undefined): LogLevel[] | false {
  const name = level === 'info' || level === undefined ? 'log' : level === 'trace' ? 'verbose' : level;
  if (name === 'silent') return false;
  const index = ORDER.indexOf(name as LogLevel);
  return ORDER.slice(0, index < 0 ? 3 : index + 1);
}
