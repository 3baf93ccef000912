/** What a new runbook needs to know to start from a working skeleton. */
export interface TemplateRequest {
  id: string;
  name?: string | undefined;
  service?: string | undefined;
  alertName?: string | undefined;
}

/**
 * A draft runbook that validates as written: one Prometheus diagnostic with a health condition,
 * a decision, and an approval-gated restart. Authors (or assistants) edit it, then define it.
 */
export function runbookTemplate(request: TemplateRequest): string {
  const service = request.service ?? 'my-service';
  const trigger = request.alertName
    ? `  - type: alert\n    alertName: ${JSON.stringify(request.alertName)}\n`
    : '';
  return `id: ${request.id}
name: ${JSON.stringify(request.name ?? `Investigate ${service}`)}
description: What this runbook checks and when to use it.
status: draft
service: ${service}
severity: P3
categories: [downstream-unavailable]
parameters:
  - name: service
    default: ${service}
    fromLabel: [service, app]
  - name: namespace
    default: production
    fromLabel: [namespace]
triggers:
${trigger}  - type: manual
diagnostics:
  - id: error_rate
    name: Error rate (5xx per second)
    type: prometheus_query
    query: 'sum(rate(http_requests_total{service="\${service}",code=~"5.."}[5m]))'
    range: { window: 1h, step: 1m }
    timeout: 10s
    evidenceFor: [downstream-unavailable]
    health:
      critical: value > 5.0
      warning: value > 1.0
decision:
  - when: "diagnostics.error_rate.status == 'critical'"
    conclusion: The service is failing requests
    category: downstream-unavailable
    recommend: [restart]
remediations:
  - id: restart
    name: Restart the service
    type: automated
    risk: medium
    action: { type: restart, target: { name: '\${service}', namespace: '\${namespace}' } }
    rollback: Pods restart on their own; nothing to undo
`;
}
