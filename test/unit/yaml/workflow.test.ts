import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFixture } from '../../helpers/fixtures.js';
import { findings, fixture, rangeText, read } from './support.js';

describe('GitHub Actions workflows', () => {
  it('ci-secret-written-to-file: every write pattern, in-memory use never fires', () => {
    const rel = 'ci-secret-written-to-file/.github/workflows/release.yml';
    const found = checkFixture(fixture(rel));
    const text = read(rel);
    const at = (line: number) => found.filter((f) => f.range.start.line === line - 1);
    assert.deepEqual(at(18).map((f) => rangeText(text, f)), ['${{ secrets.NPM_TOKEN }}']);
    assert.deepEqual(at(24).map((f) => rangeText(text, f)), ['$NPM_TOKEN']);
    assert.deepEqual(at(36).map((f) => rangeText(text, f)), ['${{ secrets.OPENAI_API_KEY }}']);
    assert.deepEqual(at(64).map((f) => rangeText(text, f)), ['-x']);
    assert.match(at(18)[0].message, /to a file \(\.npmrc\)/);
    assert.match(at(47)[0].message, /\$GITHUB_ENV/);
    assert.match(at(54)[0].message, /\$GITHUB_OUTPUT/);
    assert.match(at(64)[0].message, /set -x.*\(env: KUBECONFIG_B64, GH_TOKEN\)/);
    for (const f of found) {
      assert.match(f.message, /env:/, 'the advice is to pass the secret through env:');
      assert.deepEqual(f.fixes, [], 'no automatic fix');
      assert.match(f.symbolPath ?? '', /^jobs\.publish\.steps\[\d+\]\.run$/);
    }
  });

  it('ci-secret-build-arg: run scripts (continuations, =, implicit) and build-push-action', () => {
    const rel = 'ci-secret-build-arg/.github/workflows/release.yml';
    const found = checkFixture(fixture(rel));
    const text = read(rel);
    const at = (line: number) => found.find((f) => f.range.start.line === line - 1)!;
    assert.equal(rangeText(text, at(12)), '${{ secrets.NPM_TOKEN }}');
    assert.equal(rangeText(text, at(21)), '$GH_TOKEN');
    assert.equal(rangeText(text, at(22)), 'HF_TOKEN');
    assert.equal(rangeText(text, at(24)), '${{ secrets.SENTRY_AUTH_TOKEN }}');
    assert.equal(rangeText(text, at(46)), '${{ secrets.NPM_TOKEN }}');
    assert.equal(at(46).symbolPath, 'jobs.action-builds.steps[1].with.build-args.NPM_TOKEN');
    for (const f of found) {
      assert.equal(f.severity, 'critical');
      assert.match(f.fixes[0]?.title ?? '', /the Dockerfile must then use RUN --mount=type=secret,id=[a-z_]+,env=[A-Z_]+$/);
    }
  });

  it('maps offsets through line continuations to the right lines and columns', () => {
    const text = [
      'on: push', 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    steps:', '      - env:', '          T: ${{ secrets.T }}',
      '        run: |', '          docker build \\', '            --build-arg A=1 \\', '            --build-arg T=$T \\',
      '            --build-arg U=${{ secrets.U }} .', '',
    ].join('\n');
    const found = findings('/ws/.github/workflows/x.yml', text).filter((f) => f.ruleId === 'ci-secret-build-arg');
    assert.deepEqual(found.map((f) => [f.range.start.line, f.range.start.character, rangeText(text, f)]), [
      [10, 26, '$T'],
      [11, 26, '${{ secrets.U }}'],
    ]);
  });

  it('a quoted run: scalar with escapes falls back to the whole scalar', () => {
    const text = 'on: push\njobs:\n  b:\n    steps:\n      - run: "echo \\"${{ secrets.T }}\\" > t.txt"\n';
    const f = findings('/ws/.github/workflows/x.yml', text).find((x) => x.ruleId === 'ci-secret-written-to-file')!;
    assert.equal(rangeText(text, f), '"echo \\"${{ secrets.T }}\\" > t.txt"');
  });

  it('script-local variables and env expressions carry secrets; reassignment clears them', () => {
    const text = [
      'on: push', 'jobs:', '  b:', '    steps:', '      - run: |',
      '          T=${{ secrets.T }}', '          T=public', '          echo "$T" > t.txt',
      '          export K="${{ secrets.K }}"', '          echo "$K" >> k.txt', '',
    ].join('\n');
    const found = findings('/ws/.github/workflows/x.yml', text);
    assert.deepEqual(found.map((f) => [f.ruleId, f.range.start.line]), [['ci-secret-written-to-file', 9]]);
  });
});
