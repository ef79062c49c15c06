import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types.js';
import { checkFixture } from '../../helpers/fixtures.js';
import { assertNoSecretInOutput, findingsOf, fixture, only, rangeText } from './helpers.js';

describe('dockerfile-misc fixture (vault, TLS, literals)', () => {
  it('Dockerfile: findings match the expect markers', () => {
    assertNoSecretInOutput(checkFixture(fixture('dockerfile-misc', 'Dockerfile')));
  });
});

describe('vault-static-token in Dockerfiles', () => {
  it('replaces dockerfile-env-secret / dockerfile-arg-secret / hardcoded-credential for VAULT_TOKEN: one diagnostic', () => {
    const text = 'FROM node:20\nARG VAULT_TOKEN\nRUN vault login "$VAULT_TOKEN"\nENV VAULT_TOKEN=hvs.7CvsCfmFblBAcmmWnUEAxbyHfqz3VQ\n';
    assert.deepEqual(findingsOf(text).map((f) => `${f.range.start.line}:${f.ruleId}`), ['1:vault-static-token', '3:vault-static-token']);
  });

  it('points at auth methods and offers no automatic fix', () => {
    const [f] = findingsOf('FROM node:20\nENV VAULT_TOKEN=${VAULT_TOKEN}\n');
    assert.equal(f.ruleId, 'vault-static-token');
    assert.match(f.message, /AppRole/);
    assert.match(f.message, /Kubernetes auth/);
    assert.match(f.message, /Vault Agent/);
    assert.deepEqual(f.fixes, []);
  });

  it('other Vault settings and an empty value do not fire', () => {
    assert.deepEqual(findingsOf('FROM node:20\nENV VAULT_ADDR=https://vault:8200 VAULT_TOKEN_FILE=/vault/agent/token VAULT_TOKEN=""\n'), []);
  });
});

describe('tls-verification-disabled in Dockerfiles', () => {
  it('fires on 0 and "0" in both ENV forms, not on 1', () => {
    const text = 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nENV NODE_TLS_REJECT_UNAUTHORIZED "0"\nENV NODE_TLS_REJECT_UNAUTHORIZED=1\n';
    const found = only(findingsOf(text), 'tls-verification-disabled');
    assert.deepEqual(found.map((f) => rangeText(text, f)), ['NODE_TLS_REJECT_UNAUTHORIZED=0', 'NODE_TLS_REJECT_UNAUTHORIZED "0"']);
    for (const f of found) {
      assert.equal(f.fixes.length, 1);
      assert.equal(f.fixes[0].applicability, 'safe');
      assert.equal(f.fixes[0].title, 'secretzero (tls-verification-disabled): set NODE_TLS_REJECT_UNAUTHORIZED=1');
    }
  });
});

describe('credentials in instruction arguments', () => {
  it('a token on a continuation line of RUN is reported on that line, with the token as the range', () => {
    const text = 'FROM alpine\nRUN curl -fsSL \\\n    -H "Authorization: Bearer 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" \\\n    https://api.github.com/user\n';
    const [f] = findingsOf(text);
    assert.equal(f.ruleId, 'hardcoded-credential');
    assert.equal(f.range.start.line, 2);
    assert.equal(rangeText(text, f), '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');
  });

  it('a credential inside a RUN heredoc body is found', () => {
    const text = 'FROM alpine\nRUN <<EOF\necho "xoxb-002193743267-8glswDo1FIGmhG8iRz3UNbnW" > /slack\nEOF\n';
    assert.deepEqual(findingsOf(text).map((f) => `${f.range.start.line}:${f.ruleId}`), ['2:hardcoded-credential']);
  });

  it('CMD/ENTRYPOINT JSON arguments are scanned too', () => {
    const text = 'FROM node:20\nCMD ["node", "index.js", "--api-key", "sk-proj-7NDzcoURoWnmvuKRxp9lT3BlbkFJQjV0PD7UpfrEZzojHgbCZ2cQa0tP"]\n';
    assert.deepEqual(findingsOf(text).map((f) => f.ruleId), ['hardcoded-credential']);
  });
});

describe('malformed Dockerfiles', () => {
  it('the Dockerfile analyzer never throws (no fallback to the text scan) and still reports what parses', () => {
    const texts = [
      '', 'ENV', 'ARG', 'FROM', 'COPY', 'RUN', 'ENV =x', 'ARG =', 'COPY .env', 'ENV A', 'RUN \\', 'ENV A=1 \\',
      'FROM node\nENV NPM_TOKEN', 'FROM node\nCOPY [".env"', 'FROM node\nARG X=${', '\u0000\u0001garbage', '# escape=`\nFROM x\nENV `',
    ];
    for (const t of texts) {
      const errors: unknown[] = [];
      analyze({ path: '/ws/Dockerfile', text: t }, DEFAULT_SETTINGS, { onError: (e) => errors.push(e) });
      assert.deepEqual(errors, [], JSON.stringify(t));
    }
    const partial = findingsOf('FROM node:20\nENV\nCOPY\nENV GITHUB_TOKEN=${GITHUB_TOKEN}\n');
    assert.deepEqual(partial.map((f) => f.ruleId), ['dockerfile-env-secret']);
  });
});
