import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixture } from '../../helpers/fixtures.js';
import { assertNoSecretInOutput, findingsOf, fixture, only, rangeText } from './helpers.js';

const RULE = 'dockerfile-arg-secret';

describe('dockerfile-arg-secret fixtures', () => {
  for (const name of ['Dockerfile', 'multistage.Dockerfile']) {
    it(`${name}: findings match the expect markers`, () => {
      assertNoSecretInOutput(checkFixture(fixture(RULE, name)));
    });
  }
});

describe('dockerfile-arg-secret use tracking', () => {
  const lines = (...l: string[]) => l.join('\n') + '\n';
  const argLines = (text: string) => only(findingsOf(text), RULE).map((f) => f.range.start.line);

  it('every reference form counts as a use: $NAME, ${NAME}, ${NAME:-x}, ${NAME:+x}, ${NAME#x}', () => {
    for (const ref of ['$NPM_TOKEN', '"$NPM_TOKEN"', '${NPM_TOKEN}', '${NPM_TOKEN:-}', '${NPM_TOKEN:+--token}', '${NPM_TOKEN#npm_}']) {
      assert.deepEqual(argLines(lines('FROM node:20', 'ARG NPM_TOKEN', `RUN npm ci ${ref}`)), [1], ref);
    }
  });

  it('a longer name sharing the prefix is not a use', () => {
    assert.deepEqual(argLines(lines('FROM node:20', 'ARG NPM_TOKEN', 'RUN echo "$NPM_TOKEN_FILE ${NPM_TOKENS}"')), []);
  });

  it('a RUN before the ARG does not use it', () => {
    assert.deepEqual(argLines(lines('FROM node:20', 'RUN echo "$NPM_TOKEN"', 'ARG NPM_TOKEN')), []);
  });

  it('a global ARG reaches a stage only through its re-declaration, which is what is reported', () => {
    const text = lines('ARG NPM_TOKEN', 'FROM node:20 AS a', 'RUN echo "$NPM_TOKEN"', 'FROM node:20 AS b', 'ARG NPM_TOKEN', 'RUN echo "$NPM_TOKEN"');
    assert.deepEqual(argLines(text), [4]);
  });

  it('an ARG used by RUN in a heredoc body is used', () => {
    const text = lines('FROM alpine', 'ARG GITLAB_TOKEN', 'RUN <<EOF', 'git clone "https://oauth2:${GITLAB_TOKEN}@gitlab.com/acme/x.git"', 'EOF');
    assert.deepEqual(argLines(text), [1]);
  });

  it('an ARG used by a continued RUN is used, and the range is the ARG pair', () => {
    const text = lines('FROM node:20', 'ARG HF_TOKEN', 'RUN curl -fsSL \\', '    -H "Authorization: Bearer $HF_TOKEN" \\', '    -o /models/m.gguf https://huggingface.co/acme/m/resolve/main/m.gguf');
    const [f] = only(findingsOf(text), RULE);
    assert.equal(rangeText(text, f), 'HF_TOKEN');
  });

  it('an ARG only used by FROM or LABEL, or not used at all, is fine', () => {
    assert.deepEqual(argLines(lines('ARG REGISTRY_TOKEN', 'FROM registry.internal/${REGISTRY_TOKEN}:20')), []);
    assert.deepEqual(argLines(lines('FROM node:20', 'ARG AUTH_HEADER', 'LABEL x.auth=$AUTH_HEADER')), []);
    assert.deepEqual(argLines(lines('FROM node:20', 'ARG API_SECRET')), []);
  });

  it('any ARG whose default is a credential fires, global or not, used or not', () => {
    assert.deepEqual(argLines(lines('ARG CONFIG=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', 'FROM node:20')), [0]);
    assert.deepEqual(argLines(lines('FROM node:20', 'ARG MIRROR="glpat-8CodFuI4RIdo5KjA42Rf"', 'LABEL m=$MIRROR')), [1]);
  });

  it('the credential default is reported once (no hardcoded-credential beside it)', () => {
    const text = lines('FROM node:20', 'ARG CONFIG=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');
    assert.deepEqual(findingsOf(text).map((f) => f.ruleId), [RULE]);
  });

  it('secret-looking names holding a path or a duration are judged by the default', () => {
    assert.deepEqual(argLines(lines('FROM node:20', 'ARG DEPLOY_KEY=/run/secrets/deploy_key', 'RUN ssh-add "$DEPLOY_KEY"')), []);
    assert.deepEqual(argLines(lines('FROM node:20', 'ARG SESSION_TTL=3600', 'RUN echo $SESSION_TTL')), []);
  });

  it('ENV re-exporting the ARG under another name is a use', () => {
    const text = lines('FROM node:20', 'ARG GH_TOKEN', 'ENV CONFIG_SOURCE=${GH_TOKEN}');
    assert.deepEqual(argLines(text), [1]);
  });

  it('one ARG instruction with several pairs: only the used secret pair', () => {
    const text = lines('FROM node:20', 'ARG APP=mcp SENTRY_AUTH_TOKEN VERSION=1', 'RUN sentry-cli releases new "$VERSION" --auth-token "$SENTRY_AUTH_TOKEN"');
    const found = only(findingsOf(text), RULE);
    assert.equal(found.length, 1);
    assert.equal(rangeText(text, found[0]), 'SENTRY_AUTH_TOKEN');
  });
});
