import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured logs: one JSON event per line, named `creneau`, level from `CRENEAU_LOG_LEVEL`
 * (silent under test unless asked). `fallbackLevel` and `destination` are for commands whose
 * stdout is their output (`creneau check --json` logs warnings to stderr).
 */
export function createLogger(
  options: { fallbackLevel?: string; destination?: DestinationStream } = {},
): Logger {
  const fallbackLevel = options.fallbackLevel ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  const settings = { name: 'creneau', level: process.env.CRENEAU_LOG_LEVEL ?? fallbackLevel };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** The process's one logger. */
export const logger = createLogger();
