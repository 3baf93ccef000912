/** Incident: diagnose a live problem, walk a decision tree, propose a fix for approval. */
export const INCIDENT_TEMPLATE = `# {{id}}: an incident runbook. Runbook runs the diagnostics in parallel, walks the decision
# tree, and proposes remediations; nothing changes until an approver approves.
# Check it with \`npx runbook validate\`; try it with \`npx runbook run {{id}} --param service=checkout\`.
id: {{id}}
name: {{name}}
description: What this runbook diagnoses, in one sentence.
status: draft # draft runs by hand with a warning; publish it once reviewed so alerts can match it
version: 1
severity: P2
owner: your-team
parameters:
  - name: service
    description: The Deployment under investigation
    default: my-service
    fromLabel: service # filled from the alert's "service" label
  - name: namespace
    default: production
    fromLabel: namespace
triggers:
  - type: alert
    alertName: HighErrorRate # the alert name (or a glob like "High*") that starts this runbook
  - type: manual
diagnostics:
  - id: error_rate
    name: 5xx per second
    type: prometheus_query
    query: 'sum(rate(http_requests_total{service="\${service}",code=~"5.."}[5m]))'
    health:
      critical: 'value > 5.0'
      warning: 'value > 1.0'
  - id: rollouts
    name: Recent rollouts
    type: kubernetes
    resource: rollout_history
    namespace: '\${namespace}'
    workload: '\${service}'
decision:
  # Rules are tried in order; the first whose "when" holds gives the conclusion.
  - when: "diagnostics.error_rate.status == 'critical'"
    conclusion: The service is failing requests
    category: bad-deploy
    recommend: [roll-back]
remediations:
  - id: roll-back
    name: Roll back to the previous revision
    type: automated
    risk: medium
    action:
      type: rollback
      target: {name: '\${service}', namespace: '\${namespace}'}
    rollback: Roll forward again with the same image
steps:
  # A checklist for the person on call; it shows in the report and in Slack.
  - Confirm the alert matches what users see (status page, support tickets).
  - Note when the errors began and compare it with the last rollout.
`;
