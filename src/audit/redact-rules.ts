/** What every removed secret becomes. */
export const REDACTED = '[REDACTED]';

export interface TextRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

// Names whose value is a secret, as they appear in env dumps, query strings, JSON, YAML and logs:
// `SLACK_BOT_TOKEN=`, `?access_token=`, `"password":`, `DD-API-KEY:`, `client_secret:`.
const SECRET_NAME =
  '[A-Za-z0-9_.-]*?(?:password|passwd|passphrase|secret|token|api[_-]?key|app[_-]?key|application[_-]?key|access[_-]?key|private[_-]?key|credentials?)';

// A value: a double- or single-quoted string (with JSON escapes), or a bare word up to a separator.
const QUOTED_OR_BARE = `"(?:[^"\\\\\\r\\n]|\\\\.)*"|'[^'\\r\\n]*'|[^\\s&;,"'<>(){}\\[\\]]+`;

function keepQuotes(value: string): string {
  const first = value[0];
  if ((first === '"' || first === "'") && value.length >= 2 && value.endsWith(first)) {
    return `${first}${REDACTED}${first}`;
  }
  return REDACTED;
}

/**
 * Every pattern is compiled once, here, and is linear: no nested quantifiers, so a hostile log
 * line cannot make redaction slow. Order matters: whole blocks first, then structured pairs, then
 * bare token shapes.
 */
export const TEXT_RULES: readonly TextRule[] = [
  {
    name: 'private key block',
    pattern:
      /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----(?:[\s\S]*?-----END \1PRIVATE KEY\2-----|[\s\S]*$)/g,
    replace: () => REDACTED,
  },
  {
    name: 'credentials in a URL',
    pattern: /\b([a-z][a-z0-9+.-]{1,20}:\/\/)[^\s/?#@:"'<>]+:[^\s/?#@"'<>]*@/gi,
    replace: (_match, scheme) => `${scheme}${REDACTED}@`,
  },
  {
    name: 'authorization value',
    pattern:
      /\b((?:proxy-)?authorization)(\\?["']?\s*[=:]\s*)(\\?["']?)(?!(?:(?:Bearer|Basic|Token|Digest|Bot|ApiKey|SSWS|Splunk)\s+)?\[REDACTED\])(?:(Bearer|Basic|Token|Digest|Bot|ApiKey|SSWS|Splunk)\s+)?[^\s"'\\,;&]+/gi,
    replace: (_match, name, separator, quote, scheme) =>
      `${name}${separator}${quote}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  },
  {
    name: 'bearer or basic credentials',
    pattern: /\b(Bearer|Basic)\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{6,}/g,
    replace: (_match, scheme) => `${scheme} ${REDACTED}`,
  },
  {
    name: 'cookie header',
    pattern: /\b((?:set-)?cookie)(\s*:\s*)(?!"|\[REDACTED\])[^\r\n"]+/gi,
    replace: (_match, name, separator) => `${name}${separator}${REDACTED}`,
  },
  {
    name: 'secret-named pair',
    pattern: new RegExp(
      `(?<![A-Za-z0-9_.-])(${SECRET_NAME})(\\\\?["']?\\s*[=:]\\s*)(?!\\\\?["']?\\[REDACTED\\])(\\\\"(?:[^"\\\\]|\\\\[^"])*\\\\"|${QUOTED_OR_BARE})`,
      'gi',
    ),
    replace: (_match, name, separator, value) =>
      value.startsWith('\\"')
        ? `${name}${separator}\\"${REDACTED}\\"`
        : `${name}${separator}${keepQuotes(value)}`,
  },
  {
    name: 'Slack token',
    pattern: /\b(?:xox[abposr]|xapp)-[A-Za-z0-9-]{6,}/g,
    replace: () => REDACTED,
  },
  {
    name: 'Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
    replace: () => `https://hooks.slack.com/${REDACTED}`,
  },
  {
    name: 'AWS access key id',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
    replace: () => REDACTED,
  },
  {
    name: 'JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    replace: () => REDACTED,
  },
  {
    name: 'Anthropic or OpenAI key',
    pattern: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g,
    replace: () => REDACTED,
  },
  {
    name: 'GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g,
    replace: () => REDACTED,
  },
];

const EXACT_SECRET_NAMES = new Set(['auth', 'pass', 'pwd', 'dsn']);
const SECRET_NAME_SUFFIXES = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'apikey',
  'appkey',
  'applicationkey',
  'accesskey',
  'privatekey',
  'authorization',
  'cookie',
  'credential',
  'credentials',
  'sessionid',
];

/**
 * Whether an object key names a secret: `password`, `apiKey`, `DD-API-KEY`, `slack_bot_token`,
 * `Authorization`, `set-cookie`. Counts such as `input_tokens` or `max_tokens` are not secrets.
 */
export function isSecretName(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (EXACT_SECRET_NAMES.has(normalised)) return true;
  return SECRET_NAME_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

/** One alternation of the known secret values, longest first, so a secret inside another is not left half. */
export function knownSecretsRule(knownSecrets: readonly string[], minLength: number): TextRule | undefined {
  const long = knownSecrets.filter((value) => value.length >= minLength);
  // A secret also travels URL-encoded (a password with `@` in a connection string).
  const values = [...new Set([...long, ...long.map(encodeURIComponent)])].sort((a, b) => b.length - a.length);
  if (values.length === 0) return undefined;
  const escaped = values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { name: 'known secret', pattern: new RegExp(escaped.join('|'), 'g'), replace: () => REDACTED };
}
