/** The Slack app's own counters, in Prometheus exposition format at GET /metrics. */
export interface SlackMetrics {
  increment(name: CounterName, labels?: Record<string, string>): void;
  setQueueDepth(read: () => number): void;
  render(): string;
}

export type CounterName =
  | 'slack_commands_total'
  | 'slack_events_total'
  | 'slack_events_duplicate_total'
  | 'slack_actions_total'
  | 'runbook_runs_started_total'
  | 'runbook_approval_decisions_total'
  | 'slack_api_errors_total'
  | 'slack_api_rate_limited_total';

const HELP: Record<CounterName, string> = {
  slack_commands_total: 'Slash commands received, by subcommand.',
  slack_events_total: 'Events API events received, by type.',
  slack_events_duplicate_total: 'Events ignored because their event_id was already handled (Slack retries).',
  slack_actions_total: 'Interactive actions (button clicks) received, by action id.',
  runbook_runs_started_total: 'Runs started from Slack, by kind.',
  runbook_approval_decisions_total: 'Approval clicks, by decision and result.',
  slack_api_errors_total: 'Slack Web API calls that failed, by method.',
  slack_api_rate_limited_total: 'Slack Web API calls answered 429, by method.',
};

function labelKey(labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '';
  const escaped = entries.map(
    ([key, value]) =>
      `${key}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`,
  );
  return `{${escaped.join(',')}}`;
}

export function createSlackMetrics(): SlackMetrics {
  const counters = new Map<CounterName, Map<string, number>>();
  let queueDepth: () => number = () => 0;
  return {
    increment(name, labels = {}) {
      const series = counters.get(name) ?? new Map<string, number>();
      const key = labelKey(labels);
      series.set(key, (series.get(key) ?? 0) + 1);
      counters.set(name, series);
    },
    setQueueDepth(read) {
      queueDepth = read;
    },
    render() {
      const lines: string[] = [];
      for (const name of Object.keys(HELP) as CounterName[]) {
        lines.push(`# HELP ${name} ${HELP[name]}`, `# TYPE ${name} counter`);
        for (const [key, value] of counters.get(name) ?? []) lines.push(`${name}${key} ${value}`);
      }
      lines.push(
        '# HELP slack_post_queue_depth Slack messages waiting in the per-channel post queues.',
        '# TYPE slack_post_queue_depth gauge',
        `slack_post_queue_depth ${queueDepth()}`,
      );
      return `${lines.join('\n')}\n`;
    },
  };
}
