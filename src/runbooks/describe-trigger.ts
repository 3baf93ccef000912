import type { TriggerDefinition } from './schema.ts';

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** One trigger in a few words: `alert:KubePodCrashLooping{namespace=prod}`, `schedule:*\/5 * * * *`. */
export function describeTrigger(trigger: TriggerDefinition): string {
  switch (trigger.type) {
    case 'alert': {
      const labels = Object.entries(trigger.labels ?? {}).map(([name, value]) => `${name}=${value}`);
      const source = trigger.source ? `${trigger.source}/` : '';
      return `alert:${source}${trigger.alertName}${labels.length > 0 ? `{${labels.join(',')}}` : ''}`;
    }
    case 'metric':
      return `metric:${shorten(trigger.query, 40)} (${shorten(trigger.condition, 30)})`;
    case 'schedule':
      return `schedule:${trigger.cron}${trigger.timezone ? ` ${trigger.timezone}` : ''}`;
    case 'manual':
      return 'manual';
    default:
      trigger satisfies never;
      return 'unknown';
  }
}
