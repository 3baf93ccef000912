import { type DestinationStream, type Logger, pino, destination as pinoDestination } from 'pino';
import type { Config } from '../config/index.ts';

/** Keys whose values never reach a log line, wherever they appear (two levels deep). */
const SECRET_PATHS = [
  'token',
  'password',
  'authorization',
  'apiKey',
  'secret',
  '*.token',
  '*.password',
  '*.authorization',
  '*.apiKey',
  '*.secret',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Structured JSON logs for operators (pino). Human-readable output belongs to the CLI renderer.
 * `redactText` removes known secret values from messages too.
 */
export function createLogger(
  level: Config['logLevel'],
  redactText: (text: string) => string,
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { app: 'runbook' },
      redact: { paths: SECRET_PATHS, censor: '[REDACTED]' },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
      },
    },
    destination ?? pinoDestination(2),
  );
}
