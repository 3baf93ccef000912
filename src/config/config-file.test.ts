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
