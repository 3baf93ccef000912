/** The only variables a command inherits from Runbook's own environment. */
export const INHERITED_VARIABLES = ['PATH', 'HOME', 'LANG'] as const;

const FALLBACK_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * PATH, HOME and LANG from `processEnv` plus the step's own `env`; nothing else, so tokens in
 * Runbook's environment (SLACK_BOT_TOKEN, DD_API_KEY, …) never reach a child process.
 */
export function allowListedEnv(
  processEnv: Readonly<Record<string, string | undefined>>,
  stepEnv: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = processEnv[name];
    if (value !== undefined) env[name] = value;
  }
  if (!('PATH' in env)) Object.assign(env, { PATH: FALLBACK_PATH });
  return { ...env, ...stepEnv };
}
