import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../errors/index.ts';
import { parseConfigFile } from './index.ts';

const GOOD = `routing:
  - match: {labels: {team: payments}, severity: [critical, page]}
    channel: C0PAYMENTS
  - match: {service: "search-*", source: datadog}
    channel: C0SEARCH
sweeps:
  - name: morning
    cron: "0 9 * * 1-5"
    timezone: Europe/Paris
    runbooks: [payment-db-exhaustion]
    channel: C0OPS
    mode: on_change
    params: {threshold: 0.8}
approvers:
  default: [U0LEAD]
  runbooks:
    payment-db-exhaustion: [S0DBA, U0ALICE]
`;

function problemsOf(text: string): string[] {
  try {
    parseConfigFile(text, 'runbook.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('the RUNBOOK_CONFIG file', () => {
  it('reads routing rules, sweeps with defaults, and per-runbook approvers', () => {
    const file = parseConfigFile(GOOD, 'runbook.yaml');
    assert.equal(file.routing.length, 2);
    assert.deepEqual(file.routing[0]?.match.severity, ['critical', 'page']);
    assert.equal(file.sweeps[0]?.timeout, '120s');
    assert.equal(file.sweeps[0]?.mode, 'on_change');
    assert.deepEqual(file.approvers.runbooks['payment-db-exhaustion'], ['S0DBA', 'U0ALICE']);
  });

  it('treats an empty file as no rules, no sweeps and no per-runbook approvers', () => {
    assert.deepEqual(parseConfigFile('', 'empty.yaml'), {
      routing: [],
      sweeps: [],
      approvers: { runbooks: {} },
    });
  });

  it('names file, line and field of a bad cron, an unknown time zone, a bad channel and an unknown field', () => {
    const problems = problemsOf(`sweeps:
  - name: nightly
    cron: "61 * * * *"
    timezone: Mars/Olympus
    runbooks: [disk]
routing:
  - match: {severty: critical}
    channel: general
`);
    assert.ok(
      problems.includes(
        'runbook.yaml:3: sweeps[0].cron: not a valid cron expression (5 or 6 fields, e.g. "*/15 * * * *")',
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((line) => line.startsWith('runbook.yaml:4: sweeps[0].timezone: unknown time zone')),
    );
    assert.ok(
      problems.some((line) =>
        line.startsWith('runbook.yaml:8: routing[0].channel: expected a Slack channel ID'),
      ),
    );
    assert.ok(
      problems.some((line) => line.startsWith('runbook.yaml:7: routing[0].match.severty: unknown field')),
    );
  });

  it('refuses two sweeps with one name and says where the YAML itself is broken', () => {
    const duplicate = problemsOf(`sweeps:
  - {name: a, cron: "* * * * *", runbooks: [x]}
  - {name: a, cron: "* * * * *", runbooks: [y]}
`);
    assert.deepEqual(duplicate, ['runbook.yaml:3: sweeps[1].name: duplicate sweep name "a"']);
    const broken = problemsOf('routing: [\n  {match: }\n');
    assert.match(broken[0] ?? '', /^runbook\.yaml:\d+: \(yaml\): /);
  });
});

describe('sweep checks and handoff sweeps in the RUNBOOK_CONFIG file', () => {
  it('reads inline checks in the runbook diagnostic format, and a handoff sweep', () => {
    const file = parseConfigFile(
      `sweeps:
  - name: edge
    cron: "*/5 * * * *"
    params: {limit: 100}
    checks:
      - id: homepage
        type: http_check
        url: https://example.com/
        timeout: 5s
        health: {critical: "value == 0"}
      - id: backlog
        type: command
        command: [sh, -c, "echo 3"]
        health: {warning: "double(fields.number) > double(params.limit)"}
  - name: shift
    cron: "0 8,20 * * *"
    handoff: true
    since: 12h
    channel: C0ONCALL
`,
      'runbook.yaml',
    );
    assert.deepEqual(
      file.sweeps[0]?.checks.map((check) => check.type),
      ['http_check', 'command'],
    );
    assert.deepEqual(file.sweeps[0]?.runbooks, []);
    assert.equal(file.sweeps[1]?.handoff, true);
    assert.equal(file.sweeps[1]?.since, '12h');
  });

  it('names file, line and field of a check whose CEL does not compile or reads an unknown parameter', () => {
    const problems = problemsOf(`sweeps:
  - name: edge
    cron: "*/5 * * * *"
    checks:
      - id: homepage
        type: http_check
        url: https://example.com/
        health:
          critical: "value =="
      - id: backlog
        type: command
        command: [sh, -c, "echo 3"]
        health:
          warning: "double(fields.number) > params.limit"
      - id: pods
        type: kubernetes
        resource: pods
        health:
          critical: "diagnostics.x.value > 1"
`);
    assert.ok(
      problems.some((line) => line.startsWith('runbook.yaml:9: sweeps[0].checks[0].health.critical: ')),
      problems.join('\n'),
    );
    assert.ok(
      problems.includes(
        `runbook.yaml:14: sweeps[0].checks[1].health.warning: no parameter "limit" in this sweep's params`,
      ),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((line) => line.startsWith('runbook.yaml:19: sweeps[0].checks[2].health.critical: ')),
      problems.join('\n'),
    );
  });

  it('refuses a check of an unknown type, naming the types there are', () => {
    const problems = problemsOf(`sweeps:
  - name: edge
    cron: "*/5 * * * *"
    checks:
      - {id: ping, type: icmp}
`);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(
      problems[0] ?? '',
      /^runbook\.yaml:5: sweeps\[0\]\.checks\[0\]\.type: .*'http_check' \| 'command'/,
    );
  });

  it('refuses a mutating command as a check and a check id already used in the sweep', () => {
    const problems = problemsOf(`sweeps:
  - name: edge
    cron: "*/5 * * * *"
    runbooks: [api]
    checks:
      - {id: wipe, type: command, command: [rm, -rf, /tmp/x], mutating: true}
      - {id: api, type: command, command: ["true"]}
`);
    assert.deepEqual(problems, [
      'runbook.yaml:6: sweeps[0].checks[0].mutating: checks are read-only: a command that changes something belongs in a runbook remediation',
      'runbook.yaml:7: sweeps[0].checks[1].id: "api" is already a runbook or check of this sweep: give each check its own id',
    ]);
  });

  it('refuses a sweep with nothing to do, a handoff sweep with checks, and since without handoff', () => {
    const problems = problemsOf(`sweeps:
  - name: empty
    cron: "0 * * * *"
  - name: shift
    cron: "0 8 * * *"
    handoff: true
    mode: on_change
    runbooks: [api]
  - name: stray
    cron: "0 8 * * *"
    runbooks: [api]
    since: 12h
`);
    assert.deepEqual(problems, [
      'runbook.yaml:2: sweeps[0].runbooks: expected at least one runbook id, a check, or handoff: true',
      'runbook.yaml:7: sweeps[1].mode: a handoff sweep always posts: remove "mode: on_change"',
      'runbook.yaml:8: sweeps[1].runbooks: a handoff sweep posts the handoff only: move runbooks and checks to a sweep of their own',
      'runbook.yaml:12: sweeps[2].since: only a handoff sweep reads "since": add handoff: true or remove it',
    ]);
  });
});
