const DATABASE_URL_VARIABLE = /^RUNBOOK_DATABASE_([A-Z][A-Z0-9_]*)_URL$/;

/**
 * PostgreSQL connections by name from `RUNBOOK_DATABASE_<NAME>_URL` (e.g. RUNBOOK_DATABASE_PAYMENTS_URL
 * → "payments"): runbooks name a connection, they never carry a connection string.
 */
export function databaseUrls(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const databases: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = DATABASE_URL_VARIABLE.exec(name);
    if (!match?.[1] || value === undefined || value.trim() === '') continue;
    databases[match[1].toLowerCase()] = value.trim();
  }
  return databases;
}
