import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const optionalUrl = optionalText.pipe(z.url({ message: 'expected a URL like http://host:port' }).optional());

const commaList = optionalText.transform((value) =>
  value === undefined
    ? []
    : value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
);

/** The environment variables of INTERFACE.md. Names are a contract: add freely, rename never. */
export const EnvironmentSchema = z
  .object({
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.pipe(
      z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-').optional(),
    ),
    SLACK_API_URL: optionalUrl,
    PORT: optionalText.pipe(
      z
        .string()
        .regex(/^\d+$/, 'expected a port number')
        .transform(Number)
        .pipe(z.number().int().max(65_535, 'expected a port number up to 65535'))
        .optional(),
    ),
    RUNBOOK_APPROVERS: commaList,
    RUNBOOK_DATA_DIR: optionalText,
    RUNBOOK_AUDIT_LOG: optionalText,
    RUNBOOK_RUNBOOKS_DIR: optionalText,
    RUNBOOK_DEFAULT_CHANNEL: optionalText,
    RUNBOOK_CONFIG: optionalText,
    REDIS_URL: optionalText.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, 'expected redis://host:port or rediss://…')
        .optional(),
    ),
    PROMETHEUS_URL: optionalUrl,
    PROMETHEUS_BEARER_TOKEN: optionalText,
    PROMETHEUS_USERNAME: optionalText,
    PROMETHEUS_PASSWORD: optionalText,
    KUBECONFIG: optionalText,
    KUBE_CONTEXT: optionalText,
    DD_API_KEY: optionalText,
    DD_APP_KEY: optionalText,
    DD_SITE: optionalText,
    DATADOG_API_URL: optionalUrl,
    ANTHROPIC_API_KEY: optionalText,
    ANTHROPIC_BASE_URL: optionalUrl,
    RUNBOOK_MODEL: optionalText,
    ALERTMANAGER_WEBHOOK_TOKEN: optionalText,
    PAGERDUTY_WEBHOOK_SECRET: optionalText,
    DATADOG_WEBHOOK_TOKEN: optionalText,
    /** `name:role1+role2:sha256hex,…`: HTTP API bearer tokens, stored as the sha256 of the secret (roles read, run, approve). */
    RUNBOOK_API_TOKENS: commaList.pipe(
      z.array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9_.-]{1,64}:(read|run|approve)(\+(read|run|approve))*:[0-9a-fA-F]{64}$/,
            'expected name:role1+role2:sha256hex entries (roles read, run, approve; the hash is sha256 of the token, 64 hex characters)',
          ),
      ),
    ),
    /** `1` lets MCP clients save draft runbooks and start runs; otherwise `runbook mcp` is read-only. */
    RUNBOOK_MCP_WRITE: optionalText.pipe(z.enum(['0', '1', 'true', 'false']).optional()),
    /** Verifies `X-Hub-Signature-256` of GitHub `deployment_status` webhooks (`/alerts/github`). */
    GITHUB_WEBHOOK_SECRET: optionalText,
    /** Bearer token Argo CD notifications send to `/alerts/argocd`. */
    ARGOCD_WEBHOOK_TOKEN: optionalText,
    /** `name=host:port,…`: where HTTP checks reach a host name (scenario harness, split-horizon DNS). */
    RUNBOOK_HOST_OVERRIDES: commaList.pipe(
      z.array(z.string().regex(/^[A-Za-z0-9.-]+=[A-Za-z0-9.-]+(:\d+)?$/, 'expected name=host:port entries')),
    ),
    LOG_LEVEL: optionalText.pipe(
      z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).optional(),
    ),
  })
  .superRefine((env, context) => {
    if (env.PROMETHEUS_USERNAME !== undefined && env.PROMETHEUS_PASSWORD === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['PROMETHEUS_PASSWORD'],
        message: 'required when PROMETHEUS_USERNAME is set',
      });
    }
    if ((env.DD_API_KEY === undefined) !== (env.DD_APP_KEY === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.DD_API_KEY === undefined ? 'DD_API_KEY' : 'DD_APP_KEY'],
        message: 'DD_API_KEY and DD_APP_KEY go together',
      });
    }
  });

export type Environment = z.infer<typeof EnvironmentSchema>;
