import { buildApp } from './app.ts';
import { loadConfig, withDotEnv } from './config/index.ts';
import { ConfigError, errorMessage } from './errors/index.ts';

/**
 * `npm start`: the Slack app. The only file (with the CLI's main) that touches process.env,
 * signals and the exit code.
 */
async function main(): Promise<number> {
  // `.env` in the working directory fills in what the environment does not set.
  const env = withDotEnv(process.env, process.cwd());
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`${problem}\n`);
      return 1;
    }
    throw error;
  }
  const missing = [
    config.slack.botToken === undefined ? 'SLACK_BOT_TOKEN' : undefined,
    config.slack.signingSecret === undefined && config.slack.appToken === undefined
      ? 'SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)'
      : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    for (const name of missing) process.stderr.write(`${name}: required to start the Slack app\n`);
    process.stderr.write('To try Runbook without Slack: npm run demo (see README.md)\n');
    return 1;
  }

  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp(config, { processEnv: env });
  } catch (error) {
    // RUNBOOK_CONFIG problems, one `file:line: field: message` a line, before any port opens.
    if (error instanceof ConfigError) {
      for (const problem of error.problems) process.stderr.write(`${problem}\n`);
      return 1;
    }
    throw error;
  }
  const { port } = await app.start();
  app.logger.info(
    { mode: config.slack.appToken ? 'socket' : 'http', port, runbooks: app.catalog.list().length },
    'runbook is up',
  );

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      app.logger.info({ signal }, 'shutting down: finishing in-flight work');
      resolve();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await app.stop();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`runbook: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  },
);
