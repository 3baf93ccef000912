import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunbookValidationError } from '../errors/index.ts';
import { parseRunbook } from './parse-runbook.ts';

function issuesOf(text: string): string[] {
  try {
    parseRunbook(text, 'flow.yaml');
  } catch (error) {
    if (error instanceof RunbookValidationError)
      return error.issues.map((issue) => `${issue.line}: ${issue.field}: ${issue.message}`);
    throw error;
  }
  return [];
}

const HEAD = 'id: flow\nname: Flow\n';

describe('procedure steps at load', () => {
  it('accepts plain strings beside every step kind', () => {
    const runbook = parseRunbook(
      `${HEAD}parameters:
  - name: env
    default: staging
diagnostics:
  - {id: errors, type: prometheus_query, query: errors}
remediations:
  - {id: restart, name: Restart, type: automated, risk: low, action: {type: restart, target: {name: api}}}
steps:
  - Announce the work.
  - {id: check, diagnostic: errors, retry: {attempts: 3, backoff: 1s}, timeout: 30s}
  - {id: gate, approval: Go ahead?, if: "steps.check.status == 'complete'"}
  - {id: act, action: restart, continueOnError: true}
  - {id: sub, runbook: other, params: {env: '\${env}'}}
  - id: both
    parallel:
      - Watch the dashboard.
      - {diagnostic: {id: inline, type: prometheus_query, query: up, health: {critical: 'value < 1.0'}}}
successCriteria:
  - "diagnostics.errors.value < 1.0"
`,
      'flow.yaml',
    );
    assert.deepEqual(runbook.calls, [{ runbookId: 'other', line: 15, field: 'steps[4].runbook' }]);
    assert.ok(runbook.expression("steps.check.status == 'complete'"));
  });

  it('rejects an if: that reads an unknown step, variable or parameter, at its line', () => {
    assert.deepEqual(
      issuesOf(`${HEAD}steps:
  - {id: one, instruction: Do it.}
  - {id: two, instruction: Then this., if: "steps.onr.status == 'complete'"}
  - {id: three, instruction: And this., if: "alert.name == 'x'"}
  - {id: four, instruction: Last., if: "params.region == 'eu'"}
`),
      [
        '5: steps[1].if: no step "onr" in this runbook',
        `6: steps[2].if: "alert.name == 'x'" uses unknown variable "alert"; available here: params, steps, diagnostics`,
        '7: steps[3].if: no parameter "region" is declared',
      ],
    );
  });

  it('rejects duplicate step ids (parallel members included), unknown references and a self-call', () => {
    const issues = issuesOf(`${HEAD}steps:
  - {id: same, instruction: One.}
  - id: group
    parallel:
      - {id: same, instruction: Two.}
  - {action: nowhere}
  - {diagnostic: missing}
  - {runbook: flow}
`);
    assert.deepEqual(issues, [
      '7: steps[1].parallel[0].id: duplicate step id "same" (first at steps[0])',
      '8: steps[2].action: no remediation "nowhere" in this runbook',
      '9: steps[3].diagnostic: no diagnostic "missing" in this runbook',
      '10: steps[4].runbook: a runbook cannot call itself',
    ]);
  });

  it('warns, without failing, about compound and vague steps, hard-coded URLs, times and thresholds', () => {
    const runbook = parseRunbook(
      `${HEAD}parameters:
  - name: dashboard_url
steps:
  - Drain the node and then reboot it.
  - Fix the issue as needed.
  - Open https://grafana.example.com/d/abc and compare.
  - Wait until 14:30 UTC.
  - Alert when usage is above 85%.
  - Open \${dashboard_url} for the service.
`,
      'flow.yaml',
    );
    assert.deepEqual(
      (runbook.warnings ?? []).map((warning) => `${warning.line}: ${warning.message.split(':')[0]}`),
      [
        '6: compound step',
        '7: vague step',
        '8: hard-coded URL https',
        '9: hard-coded time',
        '10: hard-coded threshold "above 85%"',
      ],
    );
  });

  it('warns about a procedure of more than 20 steps', () => {
    const steps = Array.from({ length: 21 }, (_, index) => `  - Step number ${index + 1} is done.`).join(
      '\n',
    );
    const runbook = parseRunbook(`${HEAD}steps:\n${steps}\n`, 'flow.yaml');
    assert.ok((runbook.warnings ?? []).some((warning) => /21 steps: more than 20/.test(warning.message)));
  });
});
