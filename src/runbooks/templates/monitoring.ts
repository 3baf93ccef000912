/** Monitoring: a scheduled health round that posts a summary and recommends nothing risky. */
export const MONITORING_TEMPLATE = `# {{id}}: a monitoring round. A sweep runs it on a schedule and posts the summary; run it by hand
# with \`npx runbook run {{id}}\`.
id: {{id}}
name: {{name}}
description: A health round over the service's endpoints and metrics.
status: draft
version: 1
severity: P4
owner: your-team
parameters:
  - name: service
    default: my-service
  - name: health_url
    description: The service's health endpoint
    default: http://my-service.internal/healthz
triggers:
  - type: schedule
    cron: '*/15 * * * *' # every 15 minutes
    timezone: UTC
  - type: manual
diagnostics:
  - id: health
    name: Health endpoint
    type: http_check
    url: '\${health_url}'
    expectStatus: 200
    timeout: 5s
    health:
      critical: "fields.status != 200"
  - id: latency
    name: p99 latency (s)
    type: prometheus_query
    query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="\${service}"}[5m])))'
    health:
      critical: 'value > 2.0'
      warning: 'value > 0.5'
decision:
  - when: "diagnostics.health.status == 'critical'"
    conclusion: The health endpoint is failing
    category: downstream-unavailable
    recommend: [tell-the-team]
remediations:
  - id: tell-the-team
    name: Tell the owning team
    type: automated
    risk: low
    action: {type: notify, message: '\${service} failed its health round'}
`;
