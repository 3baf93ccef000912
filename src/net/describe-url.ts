/**
 * `host/path` of a URL, for error messages and evidence: never the query string (tokens travel
 * there) nor user:password credentials.
 */
export function describeUrl(url: string | URL): string {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    return `${parsed.host}${parsed.pathname}`;
  } catch (error) {
    return `(unparseable URL: ${error instanceof Error ? error.name : 'error'})`;
  }
}

/** The URL without credentials and without the query string, safe to show a person. */
export function safeUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch (error) {
    return `(unparseable URL: ${error instanceof Error ? error.name : 'error'})`;
  }
}
