import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';

/** The subset of pino the Slack app logs through: structured fields first, then the message. */
export interface SlackLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export const silentLogger: SlackLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** Bolt's own logger interface, forwarding to ours so Bolt's lines are structured too. */
export function toBoltLogger(logger: SlackLogger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const line = (parts: unknown[]) => ({ component: 'bolt', detail: parts.map(String).join(' ') });
  return {
    debug: (...parts) => logger.debug(line(parts), 'bolt'),
    info: (...parts) => logger.info(line(parts), 'bolt'),
    warn: (...parts) => logger.warn(line(parts), 'bolt'),
    error: (...parts) => logger.error(line(parts), 'bolt'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
