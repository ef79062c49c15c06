import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixture } from '../../helpers/fixtures.js';
import { assertNoSecretInOutput, findingsOf, fixture, only, rangeText } from './helpers.js';

const RULE = 'dockerfile-env-secret';

describe('dockerfile-env-secret fixtures', () => {
  for (const name of ['Dockerfile', 'escape.Dockerfile', 'multistage.Dockerfile']) {
    it(`${name}: findings match the expect markers`, () => {
      assertNoSecretInOutput(checkFixture(fixture(RULE, name)));
    });
  }
});

describe('dockerfile-env-secret ranges', () => {
  it('covers exactly the NAME=value pair, not the instruction or the other pairs', () => {
    const text = 'FROM node:20\nENV PORT=8080 DB_PASSWORD=hunter2-Xq93kLm0 NODE_ENV=production\n';
    const [f] = only(findingsOf(text), RULE);
    assert.equal(rangeText(text, f), 'DB_PASSWORD=hunter2-Xq93kLm0');
    assert.deepEqual(f.range.start, { line: 1, character: 14 });
  });

  it('a pair on a continuation line starts on that line', () => {
    const text = 'FROM node:20\nENV PORT=8080 \\\n    GITHUB_TOKEN=${GITHUB_TOKEN} \\\n    NODE_ENV=production\n';
    const found = only(findingsOf(text), RULE);
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 2);
    assert.equal(rangeText(text, found[0]), 'GITHUB_TOKEN=${GITHUB_TOKEN}');
  });

  it('legacy "ENV NAME value" covers the name and the whole value', () => {
    const text = 'FROM node:20\nENV SENTRY_AUTH_TOKEN ${SENTRY_AUTH_TOKEN}\n';
    const [f] = only(findingsOf(text), RULE);
    assert.equal(rangeText(text, f), 'SENTRY_AUTH_TOKEN ${SENTRY_AUTH_TOKEN}');
  });

  it('quoted values keep their quotes in the range', () => {
    const text = 'FROM node:20\nENV API_KEY="a value with spaces"\n';
    const [f] = only(findingsOf(text), RULE);
    assert.equal(rangeText(text, f), 'API_KEY="a value with spaces"');
  });

  it('backtick escape directive: continuation is followed and the pair on the second line found', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV APP_HOME=C:\\app `\n    SLACK_BOT_TOKEN=${SLACK_BOT_TOKEN}\n';
    const found = only(findingsOf(text), RULE);
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 3);
  });

  it('comment lines inside a continuation (allowed by BuildKit) do not hide the pair', () => {
    const text = 'FROM node:20\nENV PORT=8080 \\\n# the API key, for now\n    OPENAI_API_KEY=${OPENAI_API_KEY}\n';
    const found = only(findingsOf(text), RULE);
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 3);
  });

  it('CRLF line endings give the same findings and columns', () => {
    const lf = 'FROM node:20\nENV PORT=8080 \\\n    GITHUB_TOKEN=${GITHUB_TOKEN}\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(only(findingsOf(crlf), RULE).map((f) => f.range), only(findingsOf(lf), RULE).map((f) => f.range));
  });
});

describe('dockerfile-env-secret judgement', () => {
  const fires = (pair: string) => only(findingsOf(`FROM node:20\nENV ${pair}\n`), RULE).length > 0;

  it('fires on secret-like names whatever the value', () => {
    for (const pair of ['NPM_TOKEN=${NPM_TOKEN}', 'API_KEY=$UPSTREAM_KEY', 'DB_PASSWORD=changeme', 'githubPat=${X:-}', 'STRIPE_SECRET_KEY=replace-me']) {
      assert.ok(fires(pair), `${pair} should fire`);
    }
  });

  it('judges shape names (durations, counts, paths, *_FILE, versions, ids) by value', () => {
    for (const pair of [
      'TOKEN_TTL=3600', 'SESSION_TIMEOUT=30m', 'MAX_TOKENS=4096', 'API_KEY_FILE=/run/secrets/api_key',
      'SSH_KEY_PATH=/root/.ssh/id_ed25519', 'TOKEN_LIB_VERSION=2.1.0', 'SIGNING_KEY_ID=2024-06', 'SECRET_ARN_PREFIX=arn:aws:secretsmanager',
      'PASSWORD_MIN_LENGTH=12', 'TOKEN_REFRESH_INTERVAL_MS=60000',
    ]) {
      assert.ok(!fires(pair), `${pair} should not fire`);
    }
  });

  it('a shape name holding a known credential format still fires', () => {
    assert.ok(fires('API_KEY_FILE=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'));
  });

  it('a secret-like name holding a path, a flag or a version is judged by that value', () => {
    for (const pair of ['GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/sa.json', 'AUTH=false', 'PRIVATE=1', 'AUTH_TOKEN=""']) {
      assert.ok(!fires(pair), `${pair} should not fire`);
    }
  });

  it('GPG key fingerprints are public: neither dockerfile-env-secret nor hardcoded-credential', () => {
    const findings = findingsOf('FROM python:3.12\nENV GPG_KEY A035C8C19219BA821ECEA86B64E628F8D684696D\n');
    assert.deepEqual(findings.map((f) => f.ruleId), []);
  });

  it('a credential value under a neutral name fires, and hardcoded-credential is not reported twice', () => {
    const text = 'FROM node:20\nENV CONFIG=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\n';
    assert.deepEqual(findingsOf(text).map((f) => f.ruleId), [RULE]);
  });

  it('a URL with an inline password is a credential value: one diagnostic, not also connection-string-password', () => {
    const text = 'FROM node:20\nENV DATABASE_URL=postgres://app:Zq8vPc2LmW4xTn7R@db:5432/app\n';
    assert.deepEqual(findingsOf(text).map((f) => f.ruleId), [RULE]);
  });

  it('the fingerprint does not depend on the line', () => {
    const a = only(findingsOf('FROM node:20\nENV NPM_TOKEN=${NPM_TOKEN}\n'), RULE)[0];
    const b = only(findingsOf('FROM node:20\n\n\nRUN true\nENV NPM_TOKEN=${NPM_TOKEN}\n'), RULE)[0];
    assert.equal(a.fingerprint, b.fingerprint);
  });

  it('the stage alias and the variable are the symbol path', () => {
    const [f] = only(findingsOf('FROM node:20 AS runtime\nENV NPM_TOKEN=${NPM_TOKEN}\n'), RULE);
    assert.equal(f.symbolPath, 'runtime.NPM_TOKEN');
  });

  it('a suppression comment on the line before silences it', () => {
    const text = 'FROM node:20\n# secretzero-ignore-next-line dockerfile-env-secret -- demo\nENV NPM_TOKEN=${NPM_TOKEN}\n';
    assert.deepEqual(only(findingsOf(text), RULE), []);
  });
});
