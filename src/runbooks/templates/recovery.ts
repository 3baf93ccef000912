/** Recovery: bring a service back, checking before and after, with Claude reading along when a key is set. */
export const RECOVERY_TEMPLATE = `# {{id}}: a recovery procedure. Preconditions must hold before the first step; success criteria
# are checked after each action and at the end, and a failure walks the actions back.
id: {{id}}
name: {{name}}
description: Bring a service back after an outage.
status: draft
version: 1
severity: P1
owner: your-team
mode: procedure
parameters:
  - name: service
    default: my-service
  - name: namespace
    default: production
diagnostics:
  - id: errors
    name: 5xx per second
    type: prometheus_query
    query: 'sum(rate(http_requests_total{service="\${service}",code=~"5.."}[5m]))'
    health:
      critical: 'value > 5.0'
  - id: pods
    name: Pods
    type: kubernetes
    resource: pods
    namespace: '\${namespace}'
    workload: '\${service}'
remediations:
  - id: restart
    name: Restart the Deployment
    type: automated
    risk: medium
    action: {type: restart, target: {name: '\${service}', namespace: '\${namespace}'}}
    rollback: pods restart on their own; nothing to undo
preconditions:
  - expression: "diagnostics.pods.status != 'error'"
    message: the cluster must answer before anything is restarted
steps:
  - id: look
    parallel:
      - diagnostic: errors
      - diagnostic: pods
  - id: findings
    instruction: Read the recent logs of \${service} and say what changed.
    agent: true # with ANTHROPIC_API_KEY, Claude does it with read-only tools; without, a person does
  - id: restart_it
    if: "steps.look.status == 'complete' || diagnostics.errors.status == 'critical'"
    action: restart
  - id: confirm
    diagnostic: errors
    retry: {attempts: 4, backoff: 15s}
successCriteria:
  - expression: "diagnostics.errors.status != 'critical'"
    message: the error rate is back under its critical threshold
onFailure: rollback
`;
