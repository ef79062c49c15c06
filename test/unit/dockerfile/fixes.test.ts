import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS, type Finding, type Fix, type WorkspaceHost } from '../../../server/src/core/types.js';
import { MemoryHost } from '../../helpers/memoryHost.js';
import { findingsOf, fixTitled, fixture, only, read } from './helpers.js';

interface FixCase {
  /** `<rule dir>/<name>`: `<name>.Dockerfile` is the input, `<name>.fixed.Dockerfile` the expected output. */
  file: string;
  rule: string;
  title: string;
  /** Apply this fix of every finding of the rule (they touch different instructions). */
  all?: boolean;
  host?: WorkspaceHost;
  applicability?: Fix['applicability'];
}

/**
 * Applies the fix, compares with the expected file byte for byte, re-parses the result and checks
 * the fixed findings are gone (by fingerprint: lines move when a fix removes one).
 */
function runFixCase(c: FixCase, eol: '\n' | '\r\n' = '\n'): { fixed: string; fixes: Fix[]; findings: Finding[] } {
  const input = fixture(`${c.file}.Dockerfile`);
  const text = read(input).replace(/\n/g, eol);
  const expected = read(fixture(`${c.file}.fixed.Dockerfile`)).replace(/\n/g, eol);
  const findings = only(analyze({ path: input, text }, DEFAULT_SETTINGS, { host: c.host }).findings, c.rule);
  assert.ok(findings.length > 0, `${c.file}: no ${c.rule} finding`);
  const targets = c.all ? findings : [findings[0]];
  const fixes = targets.map((f) => fixTitled(f, c.title));
  for (const fix of fixes) {
    assert.equal(fix.applicability, c.applicability ?? 'unsafe', fix.title);
    assert.ok(fix.title.startsWith(`secretzero (${c.rule}): `), fix.title);
  }
  const fixed = applyEdits(text, fixes.flatMap((f) => f.edits));
  assert.equal(fixed, expected, `${c.file}: fixed text differs from ${c.file}.fixed.Dockerfile`);
  const reparsed = DockerfileParser.parse(fixed);
  assert.ok(reparsed.getInstructions().length > 0);
  assert.equal(reparsed.getFROMs().length, DockerfileParser.parse(text).getFROMs().length, 'stages survive the fix');
  const after = only(analyze({ path: input, text: fixed }, DEFAULT_SETTINGS, { host: hostAfter(c.host, fixes) }).findings, c.rule);
  for (const t of targets) {
    assert.ok(!after.some((f) => f.fingerprint === t.fingerprint), `${c.rule} (line ${t.range.start.line + 1}) still reported after the fix`);
  }
  return { fixed, fixes, findings };
}

/** The workspace once the fixes' external edits (.dockerignore appends) are applied too. */
function hostAfter(host: WorkspaceHost | undefined, fixes: Fix[]): WorkspaceHost | undefined {
  const external = fixes.flatMap((f) => f.externalEdits ?? []);
  if (!external.length) return host;
  assert.ok(host instanceof MemoryHost, 'external edits are checked on a MemoryHost');
  const after = new MemoryHost(host.root);
  for (const [p, t] of host.files) after.files.set(p, t);
  for (const p of new Set(external.map((e) => e.path))) {
    after.files.set(p, applyEdits(host.readFile(p) ?? '', external.filter((e) => e.path === p).flatMap((e) => e.edits)));
  }
  return after;
}

/** RUN flags of the fixed file, per RUN, as `name=value`. */
function runFlags(text: string): string[][] {
  return DockerfileParser.parse(text).getInstructions()
    .filter((i) => i.getKeyword() === 'RUN')
    .map((i) => (i as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags().map((f) => `${f.getName()}=${f.getValue()}`));
}

describe('dockerfile-arg-secret fix: secret mount', () => {
  const c: FixCase = { file: 'dockerfile-arg-secret/fix-run', rule: 'dockerfile-arg-secret', title: 'use a build secret' };

  it('rewrites the using RUNs, drops the continued ARG and the re-exporting ENV pair, keeps everything else', () => {
    const { fixed, fixes } = runFixCase(c);
    assert.equal(fixes[0].title, 'secretzero (dockerfile-arg-secret): use a build secret — RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN; '
      + 'build with docker build --secret id=npm_token,env=NPM_TOKEN; ENV NPM_TOKEN removed: pass it at run time (docker run -e NPM_TOKEN / a secrets manager)');
    assert.deepEqual(runFlags(fixed), [
      ['mount=type=secret,id=npm_token,env=NPM_TOKEN', 'mount=type=cache,target=/root/.npm'],
      [],
      ['mount=type=secret,id=npm_token,env=NPM_TOKEN'],
    ]);
    const df = DockerfileParser.parse(fixed);
    assert.deepEqual(df.getARGs().map((a) => a.getProperty()?.getName()), []);
    assert.deepEqual(df.getENVs().flatMap((e) => e.getProperties().map((p) => p.getName())), ['NODE_ENV', 'NPM_CONFIG_LOGLEVEL']);
    assert.equal(df.getDirectives()[0].getName(), 'syntax');
    // Nothing about the secret remains reportable.
    assert.deepEqual(findingsOf(fixed, '/ws/Dockerfile').map((f) => f.ruleId), []);
  });

  it('CRLF files stay CRLF', () => {
    const { fixed } = runFixCase(c, '\r\n');
    assert.ok(!/[^\r]\n/.test(fixed), 'every line break is CRLF');
  });

  it('escape directive, multi-pair ARG, ENV re-export under another name', () => {
    const { fixed, fixes } = runFixCase({ file: 'dockerfile-arg-secret/fix-escape', rule: 'dockerfile-arg-secret', title: 'use a build secret' });
    assert.match(fixes[0].title, /docker build --secret id=gh_token,env=GH_TOKEN/);
    assert.deepEqual(runFlags(fixed), [['mount=type=secret,id=gh_token,env=GH_TOKEN'], ['mount=type=secret,id=gh_token,env=GITHUB_TOKEN']]);
    assert.equal(DockerfileParser.parse(fixed).getEscapeCharacter(), '`');
  });

  it('an existing syntax directive is kept and not duplicated; an existing identical mount is not added twice', () => {
    const text = '# syntax=docker/dockerfile:1.10\nFROM node:20\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nRUN echo "$NPM_TOKEN" | wc -c\n';
    const [f] = only(findingsOf(text), 'dockerfile-arg-secret');
    const fixed = applyEdits(text, fixTitled(f, 'use a build secret').edits);
    assert.equal(fixed, '# syntax=docker/dockerfile:1.10\nFROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n'
      + 'RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN echo "$NPM_TOKEN" | wc -c\n');
  });

  it('an ARG only re-exported by ENV: drop both, pass it at run time', () => {
    const text = 'FROM node:20\nARG SLACK_SIGNING_SECRET\nENV SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET} PORT=3000\nCMD ["node", "index.js"]\n';
    const [f] = only(findingsOf(text), 'dockerfile-arg-secret');
    const fix = f.fixes[0];
    assert.equal(fix.title, 'secretzero (dockerfile-arg-secret): remove ARG SLACK_SIGNING_SECRET and ENV SLACK_SIGNING_SECRET — pass it at run time (docker run -e SLACK_SIGNING_SECRET / a secrets manager)');
    assert.equal(applyEdits(text, fix.edits), 'FROM node:20\nENV PORT=3000\nCMD ["node", "index.js"]\n');
  });

  it('removing an ARG on the last line of a file without a final newline', () => {
    const text = 'FROM node:20\nRUN true\nARG SENTRY_AUTH_TOKEN\nENV SENTRY_AUTH_TOKEN=$SENTRY_AUTH_TOKEN';
    const [f] = only(findingsOf(text), 'dockerfile-arg-secret');
    assert.equal(applyEdits(text, f.fixes[0].edits), 'FROM node:20\nRUN true\n');
  });
});

describe('dockerfile-arg-secret fix: credential default', () => {
  it('removes the default of an ARG that no RUN/ENV uses', () => {
    runFixCase({ file: 'dockerfile-arg-secret/fix-default', rule: 'dockerfile-arg-secret', title: 'remove the credential default of ARG MIRROR_AUTH' });
  });
});

describe('dockerfile-env-secret fixes', () => {
  it('remove the ENV or just the pair: first, middle and last pairs, legacy form, continuations', () => {
    const { fixes } = runFixCase({ file: 'dockerfile-env-secret/fix-remove', rule: 'dockerfile-env-secret', title: 'remove ENV', all: true });
    assert.deepEqual(fixes.map((f) => f.title), [
      'secretzero (dockerfile-env-secret): remove ENV OPENAI_API_KEY — pass it at run time (docker run -e OPENAI_API_KEY / a secrets manager)',
      'secretzero (dockerfile-env-secret): remove ENV ANTHROPIC_API_KEY — pass it at run time (docker run -e ANTHROPIC_API_KEY / a secrets manager)',
      'secretzero (dockerfile-env-secret): remove ENV SLACK_BOT_TOKEN — pass it at run time (docker run -e SLACK_BOT_TOKEN / a secrets manager)',
    ]);
    assert.ok(fixes.every((f) => f.isPreferred), 'with no RUN using it, removal is the preferred fix');
  });

  it('removing the first pair of a continued ENV keeps the rest', () => {
    const text = 'FROM node:20\nENV GITHUB_TOKEN=${GITHUB_TOKEN} \\\n    PORT=3000 \\\n    HOST=0.0.0.0\n';
    const [f] = only(findingsOf(text), 'dockerfile-env-secret');
    assert.equal(applyEdits(text, fixTitled(f, 'remove ENV').edits), 'FROM node:20\nENV PORT=3000 \\\n    HOST=0.0.0.0\n');
  });

  it('a later RUN that reads it: the secret-mount rewrite is offered first', () => {
    const { findings } = runFixCase({ file: 'dockerfile-env-secret/fix-mount', rule: 'dockerfile-env-secret', title: 'use a build secret' });
    const fixes = findings[0].fixes;
    assert.equal(fixes.length, 2);
    assert.ok(fixes[0].isPreferred && !fixes[1].isPreferred);
    assert.equal(fixes[0].title, 'secretzero (dockerfile-env-secret): use a build secret — RUN --mount=type=secret,id=hf_token,env=HF_TOKEN; '
      + 'build with docker build --secret id=hf_token,env=HF_TOKEN, and pass it at run time (docker run -e HF_TOKEN / a secrets manager) if the container needs it');
  });
});

describe('tls-verification-disabled fix', () => {
  it('sets NODE_TLS_REJECT_UNAUTHORIZED=1, keeping quotes and the form', () => {
    runFixCase({ file: 'dockerfile-misc/fix-tls', rule: 'tls-verification-disabled', title: 'set NODE_TLS_REJECT_UNAUTHORIZED=1', all: true, applicability: 'safe' });
  });
});

describe('dockerfile-copy-secret-file fixes', () => {
  const dir = fixture('dockerfile-copy-secret-file');

  it('add to .dockerignore and drop the source (shell and JSON forms, sole source), COPY . gets the .env patterns', () => {
    const host = new MemoryHost(dir, { '.dockerignore': 'node_modules\n.env.local' });
    const { fixes } = runFixCase({ file: 'dockerfile-copy-secret-file/fix-dockerignore', rule: 'dockerfile-copy-secret-file', title: 'to .dockerignore', all: true, host });
    const ignorePath = path.join(dir, '.dockerignore');
    const appended = fixes.map((f) => {
      assert.equal(f.externalEdits?.length, 1, f.title);
      const [e] = f.externalEdits!;
      assert.equal(e.path, ignorePath);
      assert.equal(e.create, false);
      return applyEdits(host.readFile(ignorePath)!, e.edits);
    });
    assert.deepEqual(appended, [
      'node_modules\n.env.local\n.npmrc\n',
      'node_modules\n.env.local\n.env.production\n',
      // .env.local is already excluded but .env.production is not: .env.* is still needed.
      'node_modules\n.env.local\n.env\n.env.*\n!.env.example\n',
      'node_modules\n.env.local\n.pypirc\n',
    ]);
    assert.match(fixes[2].title, /^secretzero \(dockerfile-copy-secret-file\): add \.env, \.env\.\*, !\.env\.example to \.dockerignore/);
  });

  it('creates the .dockerignore when there is none, beside the Dockerfile', () => {
    const text = 'FROM node:20\nCOPY . .\n';
    const [f] = only(findingsOf(text, '/ws/app/Dockerfile', new MemoryHost('/ws')), 'dockerfile-copy-secret-file');
    const [e] = f.fixes[0].externalEdits!;
    assert.equal(e.path, '/ws/app/.dockerignore');
    assert.equal(e.create, true);
    assert.equal(applyEdits('', e.edits), '.env\n.env.*\n!.env.example\n');
    assert.deepEqual(f.fixes[0].edits, []);
  });

  it('a build-time file (.npmrc) can instead be mounted where it was copied, for every later RUN', () => {
    const { findings } = runFixCase({ file: 'dockerfile-copy-secret-file/fix-mount', rule: 'dockerfile-copy-secret-file', title: 'mount .npmrc as a build secret', host: new MemoryHost(dir) });
    const fixes = findings[0].fixes;
    assert.equal(fixes[0].title, 'secretzero (dockerfile-copy-secret-file): mount .npmrc as a build secret — RUN --mount=type=secret,id=npmrc,target=/app/.npmrc; '
      + 'build with docker build --secret id=npmrc,src=.npmrc (a step that deletes the file must stop doing so)');
    assert.ok(fixes[0].isPreferred && !fixes[1].isPreferred);
  });

  it('no mount fix when the target depends on the base image WORKDIR or there is no later RUN', () => {
    const noWorkdir = only(findingsOf('FROM node:20\nCOPY .npmrc ./\nRUN npm ci\n'), 'dockerfile-copy-secret-file')[0];
    assert.deepEqual(noWorkdir.fixes.map((f) => f.title.includes('mount .npmrc')), [false]);
    const absolute = only(findingsOf('FROM node:20\nCOPY .npmrc /root/.npmrc\nRUN npm ci\n'), 'dockerfile-copy-secret-file')[0];
    assert.equal(applyEdits('FROM node:20\nCOPY .npmrc /root/.npmrc\nRUN npm ci\n', fixTitled(absolute, 'mount .npmrc').edits),
      'FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n');
    const noRun = only(findingsOf('FROM node:20\nWORKDIR /app\nCOPY .npmrc ./\n'), 'dockerfile-copy-secret-file')[0];
    assert.equal(noRun.fixes.length, 1);
  });
});
