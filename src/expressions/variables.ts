/**
 * The variables each kind of expression may read. Keep in step with the README's format reference.
 *
 * Health conditions see one diagnostic's result:
 *   value  (number | null)  the primary number: a scalar, a single series, or a count
 *   values (list of number) every series' latest value
 *   series (list of {labels: map, value: number})
 *   items  (list of map)    provider records: pods, events, log lines, revisions, nodes, URLs checked
 *   count  (number)         number of series or items
 *   fields (map)            provider-specific scalars (http: status, latency_ms, cert_days_left, …)
 *   params (map)            the run's parameters
 */
export const HEALTH_VARIABLES = ['value', 'values', 'series', 'items', 'count', 'fields', 'params'] as const;

/**
 * Decision rules and remediation `when` see every diagnostic by id:
 *   diagnostics.<id>.status ('healthy' | 'warning' | 'critical' | 'unknown' | 'error'), .value, .count, .fields …
 *   params
 */
export const DECISION_VARIABLES = ['diagnostics', 'params'] as const;

/** Metric-threshold triggers see the query result, as health conditions do. */
export const TRIGGER_VARIABLES = HEALTH_VARIABLES;

/** Step `if:` conditions see parameters and earlier steps' results by id. */
export const STEP_VARIABLES = ['params', 'steps', 'diagnostics'] as const;
