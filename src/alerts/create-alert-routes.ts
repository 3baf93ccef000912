import { Hono } from 'hono';
import type { Config } from '../config/index.ts';
import { type EndpointContext, handleWebhook } from './alert-endpoint.ts';
import { AlertmanagerPayload, alertmanagerNotification } from './alertmanager-payload.ts';
import { bearerToken, checkPagerDutySignature, checkToken } from './authenticate.ts';
import { DatadogPayload, datadogNotification } from './datadog-payload.ts';
import { GenericPayload, genericNotification } from './generic-payload.ts';
import { PagerDutyPayload, pagerDutyNotification } from './pagerduty-payload.ts';
import { MAX_ALERT_BODY_BYTES } from './read-limited-body.ts';
import type { AlertDeps } from './types.ts';

export interface AlertRoutesInput {
  deps: AlertDeps;
  webhooks: Config['webhooks'];
  isDraining?: () => boolean;
  maxBodyBytes?: number;
}

/**
 * POST /alerts/alertmanager, /alerts/pagerduty, /alerts/datadog, /alerts/generic as a Hono app
 * (mount it at the root of the server).
 */
export function createAlertRoutes(input: AlertRoutesInput): Hono {
  const { webhooks } = input;
  const context: EndpointContext = {
    deps: input.deps,
    maxBodyBytes: input.maxBodyBytes ?? MAX_ALERT_BODY_BYTES,
    isDraining: input.isDraining ?? (() => false),
  };
  const anyToken = [webhooks.alertmanagerToken, webhooks.datadogToken, webhooks.pagerdutySecret];
  return new Hono()
    .post('/alerts/alertmanager', (c) =>
      handleWebhook(
        c,
        {
          source: 'alertmanager',
          authenticate: (request) =>
            checkToken(
              bearerToken(request.headers.get('authorization')),
              [webhooks.alertmanagerToken],
              'ALERTMANAGER_WEBHOOK_TOKEN',
            ),
          schema: AlertmanagerPayload,
          normalize: alertmanagerNotification,
        },
        context,
      ),
    )
    .post('/alerts/pagerduty', (c) =>
      handleWebhook(
        c,
        {
          source: 'pagerduty',
          authenticate: (request, body) =>
            checkPagerDutySignature(
              request.headers.get('x-pagerduty-signature'),
              body,
              webhooks.pagerdutySecret,
            ),
          schema: PagerDutyPayload,
          normalize: pagerDutyNotification,
        },
        context,
      ),
    )
    .post('/alerts/datadog', (c) =>
      handleWebhook(
        c,
        {
          source: 'datadog',
          authenticate: (request) =>
            checkToken(
              request.headers.get('x-runbook-token') ?? bearerToken(request.headers.get('authorization')),
              [webhooks.datadogToken],
              'DATADOG_WEBHOOK_TOKEN',
            ),
          schema: DatadogPayload,
          normalize: datadogNotification,
        },
        context,
      ),
    )
    .post('/alerts/generic', (c) =>
      handleWebhook(
        c,
        {
          source: 'generic',
          authenticate: (request) =>
            checkToken(
              bearerToken(request.headers.get('authorization')),
              anyToken,
              'ALERTMANAGER_WEBHOOK_TOKEN, DATADOG_WEBHOOK_TOKEN or PAGERDUTY_WEBHOOK_SECRET',
            ),
          schema: GenericPayload,
          normalize: genericNotification,
        },
        context,
      ),
    );
}
