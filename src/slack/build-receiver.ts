import type { Logger as BoltLogger } from '@slack/bolt';
import { HTTPReceiver, type Receiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Config } from '../config/index.ts';
import { ConfigError } from '../errors/index.ts';
import type { RequestHandler } from './health-routes.ts';

export type ReceiverChoice =
  | { mode: 'http'; receiver: HTTPReceiver }
  | { mode: 'socket'; receiver: SocketModeReceiver };

/**
 * Socket Mode when SLACK_APP_TOKEN is set (no public URL needed); otherwise HTTP, with commands,
 * events and interactivity all at POST /slack/events and the health routes on the same server.
 */
export function buildReceiver(input: {
  config: Config;
  logger: BoltLogger;
  routes: Array<{ path: string; method: string; handler: RequestHandler }>;
  clientOptions: webApi.WebClientOptions;
}): ReceiverChoice {
  const { slack } = input.config;
  if (slack.appToken) {
    return {
      mode: 'socket',
      receiver: new SocketModeReceiver({
        appToken: slack.appToken,
        logger: input.logger,
        installerOptions: { clientOptions: input.clientOptions },
      }),
    };
  }
  if (!slack.signingSecret) {
    throw new ConfigError([
      'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
  }
  return {
    mode: 'http',
    receiver: new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: '/slack/events',
      port: slack.port,
      customRoutes: input.routes,
      logger: input.logger,
      // Ack first, work after: Slack wants an answer within 3 s.
      processBeforeResponse: false,
    }),
  };
}

export type { Receiver };
