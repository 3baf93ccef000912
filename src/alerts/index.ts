export { ALERT_DEDUPE_TTL_MS } from './alert-keys.ts';
export { bearerToken, checkPagerDutySignature, checkToken, secretsEqual } from './authenticate.ts';
export { type AlertRoutesInput, createAlertRoutes } from './create-alert-routes.ts';
export { handleNotification } from './handle-notification.ts';
export { createLogSink } from './log-sink.ts';
export { MAX_ALERT_BODY_BYTES } from './read-limited-body.ts';
export { routeChannel } from './route-channel.ts';
export type {
  AlertCatalog,
  AlertDeps,
  AlertDisplay,
  AlertLogger,
  AlertNotification,
  AlertOutcome,
  AlertSource,
} from './types.ts';
