import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { randomString, githubToken, openAiKey } from '../helpers/random.js';

const CLI = path.resolve(__dirname, '..', '..', 'bin', 'secretzero.js');
const KEY_A = openAiKey(101);
const KEY_B = githubToken(202);
const PW = randomString(16, undefined, 303);

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const ORIGINAL = `import OpenAI from 'openai';

export function makeClient() {
  const apiKey = "${KEY_A}";
  return new OpenAI({ apiKey });
}

export function database() {
  return "postgres://app:${PW}@db:5432/app";
}
`;

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-baseline-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'app.ts'), ORIGINAL);
  return dir;
}

describe('baseline: adopt in a large repo, fail only on new findings', () => {
  it('--write-baseline records findings by key, never the secret; --baseline then passes', () => {
    const dir = workspace();
    assert.equal(run(dir).code, 1);
    assert.equal(run(dir, '--write-baseline', 'secretzero-baseline.json').code, 0);
    const text = fs.readFileSync(path.join(dir, 'secretzero-baseline.json'), 'utf8');
    assert.ok(!text.includes(KEY_A) && !text.includes(PW), 'the baseline holds no secret');
    const baseline = JSON.parse(text);
    assert.deepEqual(baseline.entries.map((e: any) => [e.ruleId, e.path, e.symbolPath]).sort(), [
      ['connection-string-password', 'src/app.ts', 'database'],
      ['hardcoded-credential', 'src/app.ts', 'makeClient > apiKey'],
    ]);
    assert.ok(!/"line"/.test(text), 'no line numbers');
    const r = run(dir, '--baseline', 'secretzero-baseline.json');
    assert.equal(r.code, 0, r.out);
    assert.equal(r.out, '');
    assert.match(r.err, /2 known from the baseline/);
  });

  it('no churn: inserting lines above, reformatting, and moving a function keep the baseline valid', () => {
    const dir = workspace();
    run(dir, '--write-baseline', 'b.json');
    const edited = `// a new header comment
// and another line

export function database() {
  return (
    "postgres://app:${PW}@db:5432/app"
  );
}

import OpenAI from 'openai';
export const VERSION = 2;

export function makeClient()
{
  const apiKey =
    '${KEY_A}';
  return new OpenAI({ apiKey });
}
`;
    fs.writeFileSync(path.join(dir, 'src', 'app.ts'), edited);
    assert.equal(run(dir).code, 1, 'the findings are still there');
    const r = run(dir, '--baseline', 'b.json');
    assert.equal(r.code, 0, `no churn expected, got:\n${r.out}`);
  });

  it('a genuinely new finding still fails, and only it is reported', () => {
    const dir = workspace();
    run(dir, '--write-baseline', 'b.json');
    fs.appendFileSync(path.join(dir, 'src', 'app.ts'), `\nexport const githubToken = "${KEY_B}";\n`);
    const r = run(dir, '--baseline', 'b.json');
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^src\/app\.ts:12:\d+ critical hardcoded-credential .*GitHub token/);
  });

  it('the same secret pasted into a second place is new (keys are counted per symbol)', () => {
    const dir = workspace();
    run(dir, '--write-baseline', 'b.json');
    fs.appendFileSync(path.join(dir, 'src', 'app.ts'), `\nexport function other() { const apiKey = "${KEY_A}"; return apiKey; }\n`);
    assert.equal(run(dir, '--baseline', 'b.json').code, 1);
  });

  it('SARIF partialFingerprints carry the baseline key', () => {
    const dir = workspace();
    run(dir, '--write-baseline', 'b.json');
    const keys = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).entries.map((e: any) => e.fingerprint).sort();
    const sarif = JSON.parse(run(dir, '--format', 'sarif').out);
    assert.deepEqual(sarif.runs[0].results.map((r: any) => r.partialFingerprints['secretzero/v1']).sort(), keys);
  });

  it('a missing or malformed baseline is a usage error (exit 2) with a clear message', () => {
    const dir = workspace();
    const missing = run(dir, '--baseline', 'nope.json');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read baseline "[^"]*nope\.json"/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"hello": 1}');
    assert.match(run(dir, '--baseline', 'bad.json').err, /is not a secretzero baseline/);
  });
});
