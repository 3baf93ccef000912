import { isIP } from 'node:net';

/** Where a probe connects, and what it tells the server it asked for. */
export interface ProbeTarget {
  url: URL;
  connectHost: string;
  connectPort: number;
  /** Set only when the host is overridden: the original `host[:port]`. */
  hostHeader: string | undefined;
  /** TLS server name (SNI, certificate check): the original host name, never an IP. */
  servername: string | undefined;
}

function splitAddress(address: string): { host: string; port: number | undefined } {
  const match = /^(.*?)(?::(\d+))?$/.exec(address);
  return { host: match?.[1] ?? address, port: match?.[2] === undefined ? undefined : Number(match[2]) };
}

/**
 * Applies `RUNBOOK_HOST_OVERRIDES` (`fraud-service` → `127.0.0.1:41234`): the connection goes to
 * the override, the Host header and TLS name stay the original (like curl's `--connect-to`).
 */
export function resolveTarget(url: URL, hostOverrides: Readonly<Record<string, string>>): ProbeTarget {
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  const port = url.port === '' ? defaultPort : Number(url.port);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const override = Object.hasOwn(hostOverrides, hostname) ? hostOverrides[hostname] : undefined;
  const servername = isIP(hostname) === 0 ? hostname : undefined;
  if (override === undefined) {
    return { url, connectHost: hostname, connectPort: port, hostHeader: undefined, servername };
  }
  const address = splitAddress(override);
  return {
    url,
    connectHost: address.host,
    connectPort: address.port ?? port,
    hostHeader: url.host,
    servername,
  };
}
