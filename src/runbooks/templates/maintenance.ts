/** Maintenance: an ordered procedure with a gate, actions that are approved one by one, and a walk-back. */
export const MAINTENANCE_TEMPLATE = `# {{id}}: a maintenance procedure. Steps run in order; a person confirms each checklist item,
# every action waits for an approval, and pause/resume/abort work between steps.
id: {{id}}
name: {{name}}
description: Planned work on a service, step by step.
status: draft
version: 1
severity: P4
owner: your-team
mode: procedure
parameters:
  - name: service
    default: my-service
  - name: namespace
    default: production
  - name: replicas
    type: number
    description: How many replicas to run after the work
    default: 3
diagnostics:
  - id: available
    name: Available replicas
    type: kubernetes
    resource: deployment
    namespace: '\${namespace}'
    workload: '\${service}'
remediations:
  - id: scale-down
    name: Scale to zero for the work
    type: automated
    risk: high
    action: {type: scale, target: {name: '\${service}', namespace: '\${namespace}'}, replicas: 0}
  - id: scale-up
    name: Scale back up
    type: automated
    risk: medium
    action: {type: scale, target: {name: '\${service}', namespace: '\${namespace}'}, replicas: '\${replicas}'}
steps:
  - Announce the maintenance window in the team channel.
  - id: go
    approval: Start the maintenance on \${service} now?
  - id: stop
    action: scale-down
  - id: work
    instruction: Apply the database migration.
    timeout: 2h
  - id: start
    action: scale-up
  - id: check
    diagnostic: available
    retry: {attempts: 5, backoff: 10s} # waits 10 s, 20 s, 40 s… for the pods to come back
successCriteria:
  # Checked after every action and at the end; when one fails, onFailure: rollback proposes
  # the inverse of each action taken, newest first, each with its own approval.
  - expression: "diagnostics.available.status != 'critical'"
    message: the Deployment has its replicas back
onFailure: rollback
`;
