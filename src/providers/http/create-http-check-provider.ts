import { errorMessage } from '../../errors/index.ts';
import { safeUrl } from '../../net/index.ts';
import { stepTimeoutMs } from '../step-timeout.ts';
import { type CheckContext, type CheckResult, errorResult, type Provider } from '../types.ts';
import { compileBodyMatch } from './match-body.ts';
import { type ProbeOutcome, probeUrl } from './probe-url.ts';

type HttpStep = Parameters<Provider<'http_check'>['check']>[0];

export interface HttpCheckOptions {
  /** Host name → `host:port` (RUNBOOK_HOST_OVERRIDES). */
  hostOverrides?: Readonly<Record<string, string>>;
  /** Extra trusted CA certificate (PEM), e.g. an internal CA; replaces the system roots when set. */
  ca?: string;
  now?: () => number;
}

const MAX_URLS = 50;

function parseUrls(step: HttpStep): URL[] {
  const texts = Array.isArray(step.url) ? step.url : [step.url];
  if (texts.length > MAX_URLS) throw new Error(`at most ${MAX_URLS} URLs per check, got ${texts.length}`);
  return texts.map((text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new Error(`not a URL: ${text.split('?')[0]}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`only http and https URLs can be checked, not ${url.protocol}`);
    }
    if (url.username || url.password)
      throw new Error(`put credentials in headers, not in the URL ${safeUrl(url)}`);
    return url;
  });
}

function describe(outcome: ProbeOutcome): string {
  if (outcome.error !== undefined) return `${outcome.url}: ${outcome.error}`;
  const parts = [`${outcome.url}: ${outcome.status} in ${outcome.latency_ms} ms`];
  if (outcome.body_matched === false) parts.push('body did not match');
  if (outcome.cert_days_left !== null) parts.push(`certificate expires in ${outcome.cert_days_left} days`);
  if (outcome.tls_error !== undefined) parts.push(`TLS: ${outcome.tls_error}`);
  return parts.join(', ');
}

/**
 * Fields of the whole check: for one URL its own values; for several, the worst of each
 * (`ok` all passed, `status` of the first failing URL, `latency_ms` max, `cert_days_left` min).
 */
function aggregate(outcomes: ProbeOutcome[]): Record<string, unknown> {
  const failing = outcomes.find((outcome) => !outcome.ok);
  const latencies = outcomes.flatMap((outcome) => (outcome.latency_ms === null ? [] : [outcome.latency_ms]));
  const certDays = outcomes.flatMap((outcome) =>
    outcome.cert_days_left === null ? [] : [outcome.cert_days_left],
  );
  const matches = outcomes.flatMap((outcome) =>
    outcome.body_matched === null ? [] : [outcome.body_matched],
  );
  return {
    ok: failing === undefined,
    status: (failing ?? outcomes[0])?.status ?? null,
    latency_ms: latencies.length === 0 ? null : Math.max(...latencies),
    cert_days_left: certDays.length === 0 ? null : Math.min(...certDays),
    body_matched: matches.length === 0 ? null : matches.every(Boolean),
    passed: outcomes.length - outcomes.filter((outcome) => !outcome.ok).length,
    total: outcomes.length,
  };
}

async function runCheck(
  options: HttpCheckOptions,
  step: HttpStep,
  context: CheckContext,
): Promise<CheckResult> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  let urls: URL[];
  let bodyMatch: ((body: string) => boolean) | undefined;
  try {
    urls = parseUrls(step);
    bodyMatch = step.bodyMatch === undefined ? undefined : compileBodyMatch(step.bodyMatch);
  } catch (error) {
    return errorResult(`http_check failed: ${errorMessage(error)}`, elapsed());
  }
  const query = urls.map((url) => safeUrl(url)).join(' ');
  const nowMs = (options.now ?? Date.now)();
  const outcomes = await Promise.all(
    urls.map((url) =>
      probeUrl({
        url,
        method: step.method ?? 'GET',
        headers: step.headers ?? {},
        expectStatus: step.expectStatus,
        bodyMatch,
        verifyTls: step.checkCertificate !== false,
        timeoutMs: stepTimeoutMs(step, 10_000),
        signal: context.signal,
        hostOverrides: options.hostOverrides ?? {},
        ca: options.ca,
        nowMs,
      }),
    ),
  );
  const fields = aggregate(outcomes);
  const failing = outcomes.filter((outcome) => !outcome.ok);
  const summary =
    outcomes.length === 1
      ? `${outcomes[0]?.ok ? 'passed' : 'failed'}: ${describe(outcomes[0] as ProbeOutcome)}`
      : `${outcomes.length - failing.length}/${outcomes.length} URLs passed${
          failing.length === 0 ? '' : `; failing: ${failing.map(describe).join('; ')}`
        }`;
  return {
    status: 'ok',
    value: failing.length === 0 ? 1 : 0,
    series: [],
    items: outcomes.map((outcome) => ({ ...outcome })),
    fields,
    summary,
    query,
    durationMs: elapsed(),
  };
}

/**
 * Status, latency, optional body match and TLS certificate days left for one or several URLs,
 * probed concurrently. `value` is 1 when every URL passed, else 0 (like blackbox `probe_success`).
 * A URL passes on a 2xx (or `expectStatus`), a matching body when `bodyMatch` is set, and for
 * https a certificate that verifies for the host name; `checkCertificate: false` still reports
 * the days left but lets an untrusted certificate pass.
 */
export function createHttpCheckProvider(options: HttpCheckOptions = {}): Provider<'http_check'> {
  return {
    type: 'http_check',
    isConfigured: true,
    check: (step, context) => runCheck(options, step, context),
  };
}
