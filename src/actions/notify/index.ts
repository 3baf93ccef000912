export { createEscalateAction } from './escalate-action.ts';
export type { Notifier } from './notifier.ts';
export { createNotifyAction } from './notify-action.ts';
export {
  createPagerDutySender,
  type PagerDutyOptions,
  type PagerDutySender,
  type PagerDutySeverity,
  type PagerDutyTrigger,
} from './pagerduty.ts';
