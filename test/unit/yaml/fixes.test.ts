import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { MemoryHost } from '../../helpers/memoryHost.js';
import { applyAllFixes, assertFixedFile, findings, fixture, read } from './support.js';

const ENV_RULE = 'container-env-literal-secret';

describe('YAML fixes', () => {
  it('compose: ${NAME} in every form (map, quoted, fallback, odd key, list, flow)', () => {
    const rel = 'container-env-literal-secret/fixes/compose.yaml';
    const fixed = applyAllFixes(fixture(rel), read(rel), ENV_RULE);
    assertFixedFile(fixture(rel), fixed, 'container-env-literal-secret/fixes/compose.fixed.yaml', ENV_RULE);
  });

  it('compose: with a git-ignored .env beside the file, the preferred fix also moves the value there', () => {
    const text = read('container-env-literal-secret/fixes/compose.yaml');
    const host = new MemoryHost('/ws', { 'compose.yaml': text, '.env': 'EXISTING=1' }, { ignored: ['.env'] });
    const found = findings('/ws/compose.yaml', text, host).filter((f) => f.ruleId === ENV_RULE);
    const openai = found.find((f) => f.range.start.line === 4)!;
    assert.deepEqual(openai.fixes.map((f) => [f.title, f.isPreferred]), [
      ['secretzero (container-env-literal-secret): replace the value with ${OPENAI_API_KEY} and move it to .env', true],
      ['secretzero (container-env-literal-secret): replace the value with ${OPENAI_API_KEY}', false],
    ]);
    const ext = openai.fixes[0].externalEdits!;
    assert.equal(ext.length, 1);
    assert.equal(ext[0].path, '/ws/.env');
    assert.equal(ext[0].create, false);
    assert.equal(applyEdits('EXISTING=1', ext[0].edits), 'EXISTING=1\nOPENAI_API_KEY=sk-proj-F3a4fLUYhLuFP57Jfl5kT3BlbkFJpKnN5E0WjnadErYOrrGa\n');
    // A fallback moves the fallback, under the variable the reference keeps.
    const slack = found.find((f) => f.range.start.line === 7)!;
    assert.equal(applyEdits('', slack.fixes[0].externalEdits![0].edits), '\nSLACK_TOKEN=xoxb-Wv2nXYYpws2uL62VlewnJBCqtRjPVb\n');
    // The document edits are the same as without .env.
    const fixed = applyAllFixes('/ws/compose.yaml', text, ENV_RULE, { host, titleIncludes: 'move it to .env' });
    assert.equal(fixed, read('container-env-literal-secret/fixes/compose.fixed.yaml'));
  });

  it('compose: no .env fix when .env is not ignored, is elsewhere, or already defines the name', () => {
    const text = read('container-env-literal-secret/fixes/compose.yaml');
    const dotenvFixes = (host: MemoryHost, p: string) =>
      findings(p, text, host).filter((f) => f.ruleId === ENV_RULE).flatMap((f) => f.fixes).filter((x) => x.externalEdits?.length);
    assert.equal(dotenvFixes(new MemoryHost('/ws', { '.env': '' }), '/ws/compose.yaml').length, 0);
    assert.equal(dotenvFixes(new MemoryHost('/ws', { '.env': '' }, { ignored: ['.env'] }), '/ws/deploy/compose.yaml').length, 0);
    const defined = dotenvFixes(new MemoryHost('/ws', { '.env': 'OPENAI_API_KEY=sk-old\n' }, { ignored: ['.env'] }), '/ws/compose.yaml');
    assert.ok(!defined.some((f) => f.title.includes('${OPENAI_API_KEY}')));
    assert.ok(defined.some((f) => f.title.includes('${STRIPE_KEY}')));
  });

  it('Kubernetes: valueFrom.secretKeyRef at the right indentation (block, flow, key order, block scalar)', () => {
    const rel = 'container-env-literal-secret/fixes/k8s/deployment.yaml';
    const found = findings(fixture(rel), read(rel)).filter((f) => f.ruleId === ENV_RULE);
    assert.deepEqual(found.map((f) => f.fixes.map((x) => [x.title, x.applicability])), [
      [['secretzero (container-env-literal-secret): use secretKeyRef mcp-server-secrets/openai-api-key — create that Secret first', 'unsafe']],
      [['secretzero (container-env-literal-secret): use secretKeyRef mcp-server-secrets/redis-password — create that Secret first', 'unsafe']],
      [['secretzero (container-env-literal-secret): use secretKeyRef mcp-server-secrets/github-token — create that Secret first', 'unsafe']],
      [['secretzero (container-env-literal-secret): use secretKeyRef nightly-sync-secrets/slack-bot-token — create that Secret first', 'unsafe']],
    ]);
    const fixed = applyAllFixes(fixture(rel), read(rel), ENV_RULE);
    assertFixedFile(fixture(rel), fixed, 'container-env-literal-secret/fixes/k8s/deployment.fixed.yaml', ENV_RULE);
  });

  it('tls-verification-disabled: the secure value, keeping the quoting style (safe)', () => {
    for (const [input, expected] of [
      ['yaml-misc/fixes/compose.yaml', 'yaml-misc/fixes/compose.fixed.yaml'],
      ['yaml-misc/fixes/traefik.yml', 'yaml-misc/fixes/traefik.fixed.yml'],
    ]) {
      const found = findings(fixture(input), read(input)).filter((f) => f.ruleId === 'tls-verification-disabled');
      assert.ok(found.length >= 2);
      for (const f of found) assert.deepEqual(f.fixes.map((x) => [x.applicability, x.isPreferred]), [['safe', true]]);
      const fixed = applyAllFixes(fixture(input), read(input), 'tls-verification-disabled');
      assertFixedFile(fixture(input), fixed, expected, 'tls-verification-disabled');
    }
  });

  it('ci-secret-build-arg: --secret with the step env:, and the build-push-action secrets: input', () => {
    const rel = 'ci-secret-build-arg/fixes/.github/workflows/release.yml';
    const found = findings(fixture(rel), read(rel)).filter((f) => f.ruleId === 'ci-secret-build-arg');
    assert.deepEqual(found.map((f) => f.fixes[0]?.title), [
      'secretzero (ci-secret-build-arg): pass NPM_TOKEN as a build secret (--secret id=npm_token,env=NPM_TOKEN); the Dockerfile must then use RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN',
      'secretzero (ci-secret-build-arg): pass GH_TOKEN as a build secret (--secret id=gh_token,env=GH_TOKEN); the Dockerfile must then use RUN --mount=type=secret,id=gh_token,env=GH_TOKEN',
      'secretzero (ci-secret-build-arg): pass HF_TOKEN as a build secret (--secret id=hf_token,env=HF_TOKEN); the Dockerfile must then use RUN --mount=type=secret,id=hf_token,env=HF_TOKEN',
      'secretzero (ci-secret-build-arg): pass SENTRY_AUTH_TOKEN as a build secret (--secret id=sentry_auth_token,env=SENTRY_AUTH_TOKEN); the Dockerfile must then use RUN --mount=type=secret,id=sentry_auth_token,env=SENTRY_AUTH_TOKEN',
      'secretzero (ci-secret-build-arg): pass API_KEY as a build secret (--secret id=api_key,env=API_KEY); the Dockerfile must then use RUN --mount=type=secret,id=api_key,env=API_KEY',
      "secretzero (ci-secret-build-arg): move NPM_TOKEN to the action's secrets: input (id npm_token); the Dockerfile must then use RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN",
      "secretzero (ci-secret-build-arg): move GITHUB_TOKEN to the action's secrets: input (id github_token); the Dockerfile must then use RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN",
      "secretzero (ci-secret-build-arg): move HF_TOKEN to the action's secrets: input (id hf_token); the Dockerfile must then use RUN --mount=type=secret,id=hf_token,env=HF_TOKEN",
    ]);
    for (const f of found) assert.equal(f.fixes[0].applicability, 'unsafe');
    const fixed = applyAllFixes(fixture(rel), read(rel), 'ci-secret-build-arg');
    assertFixedFile(fixture(rel), fixed, 'ci-secret-build-arg/fixes/.github/workflows/release.fixed.yml', 'ci-secret-build-arg');
  });

  it('ci-secret-build-arg: no fix when the value cannot move to env: unchanged', () => {
    const text = [
      'on: push', 'jobs:', '  b:', '    env:', '      NPM_TOKEN: other', '    steps:',
      '      - run: docker build --build-arg NPM_TOKEN=${{ secrets.NPM_TOKEN }} .',
      '      - run: docker build --build-arg T=pre-$HOME-${{ secrets.T }} .', '',
    ].join('\n');
    const found = findings('/ws/.github/workflows/x.yml', text).filter((f) => f.ruleId === 'ci-secret-build-arg');
    assert.deepEqual(found.map((f) => [f.range.start.line, f.fixes.length]), [[6, 0], [7, 0]]);
  });
});
