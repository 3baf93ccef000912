import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftToYaml, parseAuthoringRequest } from './author-draft.ts';
import { parseRunbook } from './parse-runbook.ts';

describe('authoring a runbook from a numbered list', () => {
  it('reads the name, the steps and the parameters of an inline request', () => {
    const draft = parseAuthoringRequest(
      `create a runbook called db-failover with these steps: 1. Check replication lag on <replica>. 2. Promote \${replica} to primary. 3. Tell #incidents.`,
    );
    assert.deepEqual(draft, {
      id: 'db-failover',
      name: 'db-failover',
      description: '',
      steps: [`Check replication lag on \${replica}.`, `Promote \${replica} to primary.`, 'Tell #incidents.'],
      parameters: ['replica'],
    });
  });

  it('reads one step a line and ignores text that is not a request', () => {
    const draft = parseAuthoringRequest(
      'make a runbook named Cache Flush:\n1) Drain traffic\n2) Flush {{cluster}}\n3) Restore traffic',
    );
    assert.equal(draft?.id, 'cache-flush');
    assert.deepEqual(draft?.steps, ['Drain traffic', `Flush \${cluster}`, 'Restore traffic']);
    assert.equal(parseAuthoringRequest('payment-service is slow'), undefined);
  });

  it('writes a draft that loads as a valid procedure, even with YAML-looking text in steps', () => {
    const draft = parseAuthoringRequest(
      'create a runbook called db-failover with these steps: 1. Check lag: it must be 0 on <replica> # really 2. Promote it',
    );
    assert.ok(draft);
    const runbook = parseRunbook(draftToYaml(draft, 'U0ALICE'), 'db-failover.yaml');
    assert.equal(runbook.definition.status, 'draft');
    assert.equal(runbook.definition.mode, 'procedure');
    assert.deepEqual(runbook.definition.steps, [
      `Check lag: it must be 0 on \${replica} # really`,
      'Promote it',
    ]);
    assert.deepEqual(
      runbook.definition.parameters.map((parameter) => parameter.name),
      ['replica'],
    );
  });
});
