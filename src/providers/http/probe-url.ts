import { errorMessage } from '../../errors/index.ts';
import { fetchWithPolicy, safeUrl } from '../../net/index.ts';
import { createProbeTransport, type ProbeInfo } from './probe-transport.ts';
import { resolveTarget } from './resolve-target.ts';

/** One URL's outcome: an `items` entry of the http_check result. */
export interface ProbeOutcome {
  url: string;
  status: number | null;
  latency_ms: number | null;
  ok: boolean;
  cert_days_left: number | null;
  body_matched: boolean | null;
  tls_error?: string;
  error?: string;
}

export interface ProbeRequest {
  url: URL;
  method: 'GET' | 'HEAD' | 'POST';
  headers: Record<string, string>;
  expectStatus: number | undefined;
  bodyMatch: ((body: string) => boolean) | undefined;
  verifyTls: boolean;
  timeoutMs: number;
  signal: AbortSignal;
  hostOverrides: Readonly<Record<string, string>>;
  ca: string | undefined;
  nowMs: number;
}

const MAX_BODY_BYTES = 1024 * 1024;

function statusPasses(status: number, expected: number | undefined): boolean {
  return expected === undefined ? status >= 200 && status < 300 : status === expected;
}

/** One probe, like blackbox_exporter's http module: never throws, a failure is `ok: false` with a reason. */
export async function probeUrl(request: ProbeRequest): Promise<ProbeOutcome> {
  const info: ProbeInfo = {};
  const target = resolveTarget(request.url, request.hostOverrides);
  const transport = createProbeTransport(
    target,
    { ca: request.ca, verifyTls: request.verifyTls, nowMs: request.nowMs },
    info,
  );
  const known = () => ({
    url: safeUrl(request.url),
    latency_ms: info.latencyMs ?? null,
    cert_days_left: info.certDaysLeft ?? null,
    ...(info.tlsError === undefined ? {} : { tls_error: info.tlsError }),
  });
  try {
    const response = await fetchWithPolicy(
      request.url.toString(),
      { method: request.method, headers: request.headers },
      {
        timeoutMs: request.timeoutMs,
        retries: 0,
        maxResponseBytes: MAX_BODY_BYTES,
        oversize: 'truncate',
        signal: request.signal,
        service: 'http_check',
        fetch: transport,
      },
    );
    const bodyMatched = request.bodyMatch ? request.bodyMatch(response.text()) : null;
    const tlsOk = !request.verifyTls || info.tlsError === undefined;
    return {
      ...known(),
      status: response.status,
      ok: statusPasses(response.status, request.expectStatus) && bodyMatched !== false && tlsOk,
      body_matched: bodyMatched,
    };
  } catch (error) {
    return { ...known(), status: null, ok: false, body_matched: null, error: errorMessage(error) };
  }
}
