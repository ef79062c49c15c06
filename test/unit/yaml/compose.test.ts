import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixture } from '../../helpers/fixtures.js';
import { fixture, rangeText, read } from './support.js';

const SECRETS = [
  'sk-proj-F3a4fLUYhLuFP57Jfl5kT3BlbkFJpKnN5E0WjnadErYOrrGa', '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', 'Kd8s2nVq4xLp',
  'xoxb-Wv2nXYYpws2uL62VlewnJBCqtRjPVb', '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', 'hunter2hunter2', 'pg-Xk9mQ2vLp7',
];

describe('docker-compose', () => {
  it('compose.yaml: map form, build.args, fallbacks, anchors, flow style', () => {
    const found = checkFixture(fixture('container-env-literal-secret/compose.yaml'));
    const text = read('container-env-literal-secret/compose.yaml');
    const byLine = new Map(found.map((f) => [f.range.start.line + 1, f]));
    // The value only, never the key or the line.
    assert.equal(rangeText(text, byLine.get(11)!), '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');
    assert.equal(rangeText(text, byLine.get(12)!), 'pg-Xk9mQ2vLp7');
    assert.equal(rangeText(text, byLine.get(13)!), 'Kd8s2nVq4xLp');
    // A fallback: the credential inside `${VAR:-…}`.
    assert.equal(rangeText(text, byLine.get(14)!), 'xoxb-Wv2nXYYpws2uL62VlewnJBCqtRjPVb');
    assert.match(byLine.get(14)!.message, /falls back to .*\$\{SLACK_BOT_TOKEN\}/);
    assert.equal(rangeText(text, byLine.get(46)!), 'hf_kM4NuaZTZcaiZgyFbeiUm2zE7mprgDDn');
    assert.equal(rangeText(text, byLine.get(49)!), 'glpat-stc6cGe0qEK8OBT020L5');
    assert.equal(byLine.get(11)!.symbolPath, 'services.mcp-server.environment.GITHUB_TOKEN');
    assert.equal(byLine.get(35)!.symbolPath, 'services.mcp-server.build.args.NPM_TOKEN');
    assert.match(byLine.get(35)!.message, /image history/);
    // The anchored map is used by two services: one finding, at the anchor.
    assert.equal(found.filter((f) => f.range.start.line === 2).length, 1);
  });

  it('docker-compose.yml: list form, vault-static-token, TLS', () => {
    const found = checkFixture(fixture('container-env-literal-secret/docker-compose.yml'));
    const text = read('container-env-literal-secret/docker-compose.yml');
    const at = (line: number) => found.find((f) => f.range.start.line === line - 1)!;
    assert.equal(rangeText(text, at(6)), 'sk-proj-F3a4fLUYhLuFP57Jfl5kT3BlbkFJpKnN5E0WjnadErYOrrGa');
    assert.equal(rangeText(text, at(7)), 'Qm7vT2pX9zLw');
    assert.equal(rangeText(text, at(8)), 'hunter2hunter2');
    // VAULT_TOKEN with a literal: one diagnostic (vault-static-token), not two.
    assert.equal(at(10).ruleId, 'vault-static-token');
    assert.equal(found.filter((f) => f.range.start.line === 9).length, 1);
    assert.match(at(10).message, /AppRole/);
    assert.match(at(10).message, /Kubernetes auth/);
    assert.match(at(10).message, /Vault Agent/);
    assert.deepEqual(at(10).fixes, []);
    assert.equal(rangeText(text, at(11)), '0');
    assert.equal(at(23).ruleId, 'vault-static-token');
    assert.equal(rangeText(text, at(23)), '${VAULT_TOKEN}');
  });

  it('never shows a secret in a message or a fix title', () => {
    for (const rel of ['container-env-literal-secret/compose.yaml', 'container-env-literal-secret/docker-compose.yml']) {
      for (const f of checkFixture(fixture(rel))) {
        for (const s of SECRETS.filter((x) => x.length > 8)) {
          assert.ok(!f.message.includes(s), `${rel}:${f.range.start.line + 1} message shows a secret`);
          for (const fix of f.fixes) assert.ok(!fix.title.includes(s), `${rel}:${f.range.start.line + 1} fix title shows a secret`);
        }
      }
    }
  });

  it('compose fixes are unsafe and titled with the reference they write', () => {
    const found = checkFixture(fixture('container-env-literal-secret/compose.yaml'));
    const f = found.find((x) => x.range.start.line === 10)!;
    assert.deepEqual(f.fixes.map((x) => [x.title, x.applicability]), [
      ['secretzero (container-env-literal-secret): replace the value with ${GITHUB_TOKEN}', 'unsafe'],
    ]);
    assert.equal(f.fixes[0].isPreferred, true);
  });
});
