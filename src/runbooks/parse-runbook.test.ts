// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is the runbook placeholder syntax under test
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatSourceIssue, RunbookError, RunbookValidationError } from '../errors/index.ts';
import { evaluateCondition } from '../expressions/index.ts';
import { hashRunbookSource, parseRunbook } from './index.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/runbooks/', import.meta.url));

async function fixture(name: string): Promise<string> {
  return readFile(`${fixtures}${name}`, 'utf8');
}

/** The formatted issues a text produces, with the file named `f.yaml`. */
function issuesOf(text: string): string[] {
  try {
    parseRunbook(text, 'f.yaml');
  } catch (error) {
    if (error instanceof RunbookValidationError) return error.issues.map(formatSourceIssue);
    throw error;
  }
  assert.fail('expected the runbook to be rejected');
}

describe('parseRunbook on a good runbook', () => {
  it('returns the whole runbook with defaults, its version and a 12-character content hash', async () => {
    const text = await fixture('library/payment-db.yaml');
    const runbook = parseRunbook(text, 'runbooks/payment-db.yaml');
    assert.equal(runbook.definition.id, 'payment-db-exhaustion');
    assert.equal(runbook.version, 3);
    assert.equal(runbook.file, 'runbooks/payment-db.yaml');
    assert.match(runbook.hash, /^[0-9a-f]{12}$/);
    assert.equal(runbook.hash, hashRunbookSource(text));
    assert.equal(runbook.definition.parameters[0]?.type, 'string');
    assert.notEqual(parseRunbook(`${text}\n# edited\n`, 'x.yaml').hash, runbook.hash);
  });

  it('compiles every expression at load and hands it back by its source', async () => {
    const runbook = parseRunbook(await fixture('library/payment-db.yaml'), 'p.yaml');
    const decision = runbook.expression("diagnostics.db_connections.status == 'critical'");
    const context = { diagnostics: { db_connections: { status: 'critical' } } };
    assert.deepEqual(evaluateCondition(decision, context), { ok: true, matched: true });
    const health = runbook.expression('value > params.threshold');
    assert.deepEqual(evaluateCondition(health, { value: 0.95, params: { threshold: 0.9 } }), {
      ok: true,
      matched: true,
    });
  });

  it('refuses to hand out an expression that was not in the runbook', async () => {
    const runbook = parseRunbook(await fixture('library/payment-db.yaml'), 'p.yaml');
    assert.throws(
      () => runbook.expression('value > 1000'),
      (error: unknown) => error instanceof RunbookError && error.code === 'expression.invalid',
    );
  });
});

describe('parseRunbook on hostile runbooks', () => {
  const cases: [string, string[]][] = [
    ['malformed-yaml.yaml', ['f.yaml:2: (yaml): this quoted string is never closed']],
    [
      'wrong-types.yaml',
      [
        'f.yaml:3: severity: expected one of P1, P2, P3, P4, got "P9"',
        'f.yaml:4: version: expected a number, got "two"',
        'f.yaml:8: diagnostics[0].query: expected a string, got 42',
        'f.yaml:11: diagnostics[1].type: unknown type "http_chek"; expected one of prometheus_query, datadog_query, datadog_logs, kubernetes, http_check, command, log_search, database_query; did you mean "http_check"?',
        'f.yaml:17: remediations[0].risk: expected one of low, medium, high, got "extreme"',
      ],
    ],
    [
      'unknown-fields.yaml',
      [
        'f.yaml:3: sevrity: unknown field; did you mean "severity"?',
        'f.yaml:8: diagnostics[0].timout: unknown field; did you mean "timeout"?',
        'f.yaml:10: diagnostics[0].health.critcal: unknown field; did you mean "critical"?',
      ],
    ],
    [
      'bad-duration.yaml',
      [
        'f.yaml:15: diagnostics[2].timeout: expected a duration like "500ms", "10s", "5m" or "1h"',
        'f.yaml:17: diagnostics[2].range.window: expected a duration like "500ms", "10s", "5m" or "1h"',
      ],
    ],
    [
      'expression-typo.yaml',
      [
        'f.yaml:8: diagnostics[0].health.critical: "valeu > 90" uses unknown variable "valeu"; available here: value, values, series, items, count, fields, params',
        'f.yaml:10: decision[0].when: no diagnostic "cpu_usge" in this runbook; did you mean "cpu_usage"?',
      ],
    ],
    [
      'expression-syntax.yaml',
      [
        'f.yaml:8: diagnostics[0].health.critical: cannot parse "value >> 90": at 1:7: found > but expecting end of input',
        'f.yaml:9: diagnostics[0].health.warning: cannot parse "value > 50 &&": at 1:12: found & but expecting end of input',
      ],
    ],
    [
      'missing-remediation.yaml',
      [
        'f.yaml:9: decision[0].recommend[0]: no remediation "restart-pods" in this runbook; did you mean "restart-pod"?',
      ],
    ],
    [
      'unknown-param.yaml',
      [
        'f.yaml:9: diagnostics[0].query: unknown parameter "${servce}"; did you mean "service"?',
        'f.yaml:12: diagnostics[1].command[4]: unknown parameter "${namespace}"; declared: service',
      ],
    ],
    [
      'mutating-without-approval.yaml',
      [
        'f.yaml:8: remediations[0].requiresApproval: a scale action changes the system and always needs an approval: remove "requiresApproval: false"',
      ],
    ],
    [
      'mutating-diagnostic.yaml',
      [
        'f.yaml:7: diagnostics[0].mutating: diagnostics are read-only: move a command that changes something to remediations as a run_command action',
      ],
    ],
    [
      'bad-triggers.yaml',
      [
        'f.yaml:5: triggers[0].alertName: only * and ? are wildcards; [ ] { } are not supported',
        'f.yaml:7: triggers[1].cron: "every five minutes" is not a valid cron expression; expected five or six fields like "*/5 * * * *"',
        'f.yaml:8: triggers[1].timezone: unknown time zone "Mars/Olympus_Mons"; expected an IANA name like "Europe/Paris" or "UTC"',
        'f.yaml:11: triggers[2].condition: "diagnostics.x.value > 1" uses unknown variable "diagnostics"; available here: value, values, series, items, count, fields, params',
      ],
    ],
    [
      'duplicate-diagnostics.yaml',
      [
        'f.yaml:7: diagnostics[1].id: duplicate diagnostic id "errors" (first at diagnostics[0])',
        'f.yaml:15: remediations[1].id: duplicate remediation id "restart" (first at remediations[0])',
      ],
    ],
    [
      'empty.yaml',
      ['f.yaml:1: (runbook): expected a mapping with id, name, diagnostics…; this file has none'],
    ],
  ];
  for (const [name, expected] of cases) {
    it(`reports every problem of ${name} with its line and field`, async () => {
      assert.deepEqual(issuesOf(await fixture(`hostile/${name}`)), expected);
    });
  }

  it('throws a RunbookValidationError with code runbook.invalid and all issues in its message', async () => {
    assert.throws(
      () => parseRunbook('id: x\nname: y\nseverity: P7\nversion: 0\n', 'runbooks/x.yaml'),
      (error: unknown) => {
        assert.ok(error instanceof RunbookValidationError);
        assert.equal(error.code, 'runbook.invalid');
        assert.equal(error.issues.length, 2);
        assert.match(
          error.message,
          /^runbooks\/x\.yaml:3: severity: .*\nrunbooks\/x\.yaml:4: version: expected more than 0, got 0$/,
        );
        return true;
      },
    );
  });

  it('points a missing required field at the mapping that lacks it', () => {
    const text = 'id: x\nname: y\ndiagnostics:\n  - id: a\n    type: prometheus_query\n';
    assert.deepEqual(issuesOf(text), ['f.yaml:4: diagnostics[0].query: required: expected a string']);
  });

  it('rejects duplicate keys, several documents and unknown tags as YAML errors', () => {
    assert.deepEqual(issuesOf('id: x\nid: y\nname: z\n'), ['f.yaml:2: (yaml): Map keys must be unique']);
    assert.match(
      issuesOf('id: x\nname: y\n---\nid: z\n')[0] ?? '',
      /^f\.yaml:3: \(yaml\): Source contains multiple documents/,
    );
    assert.match(
      issuesOf('id: x\nname: !!js/function "y"\n')[0] ?? '',
      /^f\.yaml:2: \(yaml\): Unresolved tag/,
    );
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    assert.match(issuesOf(`${lines.join('\n')}\n`)[0] ?? '', /^f\.yaml:1: \(yaml\): .*alias/i);
  });

  it('checks params.<name> in expressions and parameter defaults and patterns', () => {
    const text = [
      'id: x',
      'name: y',
      'parameters:',
      '  - name: limit',
      '    type: number',
      '    default: lots',
      '  - name: pod',
      '    pattern: "[a-z"',
      'diagnostics:',
      '  - id: a',
      '    type: prometheus_query',
      '    query: up',
      '    health:',
      '      critical: value > params.limt',
      '',
    ].join('\n');
    assert.deepEqual(issuesOf(text), [
      'f.yaml:6: parameters[0].default: "lots": expected a number like 3 or 0.5',
      'f.yaml:8: parameters[1].pattern: not a valid regular expression: Invalid regular expression: /^(?:[a-z)$/u: Unterminated character class',
      'f.yaml:14: diagnostics[0].health.critical: no parameter "limt" is declared; did you mean "limit"?',
    ]);
  });

  it('accepts a mutation with an explicit approval and a notify without one', () => {
    const text = [
      'id: x',
      'name: y',
      'remediations:',
      '  - {id: restart, name: Restart, type: automated, risk: low, requiresApproval: true, action: {type: restart, target: {name: web}}}',
      '  - {id: tell, name: Tell, type: automated, risk: low, requiresApproval: false, action: {type: notify, message: hi}}',
      '',
    ].join('\n');
    assert.equal(parseRunbook(text, 'f.yaml').definition.remediations.length, 2);
  });
});
