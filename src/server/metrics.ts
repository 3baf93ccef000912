/** Counters of the app's own work (alerts, sweeps), in Prometheus exposition format at GET /metrics. */
export interface ServerMetrics {
  increment(name: ServerCounter, labels?: Record<string, string>): void;
  render(): string;
}

export type ServerCounter = 'runbook_alerts_total' | 'runbook_sweeps_total' | 'runbook_sweep_checks_total';

const HELP: Record<ServerCounter, string> = {
  runbook_alerts_total:
    'Alert webhook requests, by source and outcome (started, duplicate, resolved, rejected_4xx…).',
  runbook_sweeps_total:
    'Scheduled sweeps, by sweep and outcome (ran, skipped_lease, skipped_overlap, failed).',
  runbook_sweep_checks_total: 'Runbooks run by sweeps, by sweep and health.',
};

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '';
  const escapeValue = (value: string) =>
    value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
  return `{${entries.map(([key, value]) => `${key}="${escapeValue(value)}"`).join(',')}}`;
}

export function createServerMetrics(): ServerMetrics {
  const counters = new Map<ServerCounter, Map<string, number>>();
  return {
    increment(name, labels = {}) {
      const series = counters.get(name) ?? new Map<string, number>();
      const key = labelText(labels);
      series.set(key, (series.get(key) ?? 0) + 1);
      counters.set(name, series);
    },
    render() {
      const lines: string[] = [];
      for (const name of Object.keys(HELP) as ServerCounter[]) {
        lines.push(`# HELP ${name} ${HELP[name]}`, `# TYPE ${name} counter`);
        for (const [key, value] of counters.get(name) ?? []) lines.push(`${name}${key} ${value}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
