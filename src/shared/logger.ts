import pino from 'pino';

/** One structured logger for the whole process: one JSON event per line, level from `CRENEAU_LOG_LEVEL`. */
export const logger = pino({
  name: 'creneau',
  level: process.env.CRENEAU_LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
});
