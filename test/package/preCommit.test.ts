import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { ensureDebianTool } from '../helpers/debianTool.js';
import { githubToken } from '../helpers/random.js';
import { cleanNpmEnv, describeRun, run } from '../helpers/shell.js';

/**
 * .pre-commit-hooks.yaml with the real pre-commit (Debian's package): `pre-commit try-repo` on a
 * temporary repository installs the hook from this checkout (npm install, npm pack, npm install -g,
 * as pre-commit's node language does), blocks a staged secret, and lets a clean change through.
 * pre-commit keeps its environments in a fresh PRE_COMMIT_HOME, so no earlier run is reused.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SECRET = githubToken(4242);
const tool = ensureDebianTool('pre-commit', 'pre-commit');
if (tool.skip) console.log(`# SKIP pre-commit hook test: ${tool.skip}`);

describe('pre-commit hook (pre-commit try-repo)', { skip: tool.skip }, () => {
  let repo: string;
  let env: NodeJS.ProcessEnv;
  const git = (...args: string[]) => {
    const r = run('git', args, { cwd: repo, env });
    assert.equal(r.code, 0, describeRun(`git ${args.join(' ')}`, r));
  };
  const tryRepo = () => run('pre-commit', ['try-repo', ROOT, 'secretzero', '--color', 'never'], { cwd: repo, env });

  before(() => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-pc-home-'));
    env = cleanNpmEnv({
      PRE_COMMIT_HOME: home,
      GIT_AUTHOR_NAME: 'secretzero test', GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'secretzero test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1', HOME: home,
    });
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-pc-repo-'));
    git('init', '-q');
  });

  it('the hook is a node hook that is passed filenames and reads every text file', () => {
    const hooks = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));
    const hook = hooks.find((h: { id: string }) => h.id === 'secretzero');
    assert.equal(hook.language, 'node');
    assert.notEqual(hook.pass_filenames, false);
    assert.deepEqual(hook.types_or, ['text']);
    assert.match('package-lock.json', new RegExp(hook.exclude));
    assert.doesNotMatch('.mcp.json', new RegExp(hook.exclude));
  });

  it('blocks a commit that stages a secret, naming the rule and never the secret', () => {
    fs.mkdirSync(path.join(repo, 'src'));
    fs.writeFileSync(path.join(repo, 'src', 'config.ts'), `export const githubToken = "${SECRET}";\n`);
    fs.writeFileSync(path.join(repo, '.env.example'), 'GITHUB_TOKEN=\n');
    git('add', '-A');
    const r = tryRepo();
    assert.equal(r.code, 1, describeRun('pre-commit try-repo (secret staged)', r));
    assert.match(r.out, /secretzero \(credential mistakes in MCP servers\)\.+Failed/);
    assert.match(r.out, /src\/config\.ts:1:\d+ critical hardcoded-credential/);
    assert.ok(!(r.out + r.err).includes(SECRET), 'the hook output never shows the secret');
  });

  it('lets a clean change through', () => {
    git('rm', '-q', '--cached', 'src/config.ts');
    fs.writeFileSync(path.join(repo, 'src', 'config.ts'), 'export const githubToken = process.env.GITHUB_TOKEN;\n');
    git('add', '-A');
    const r = tryRepo();
    assert.equal(r.code, 0, describeRun('pre-commit try-repo (clean)', r));
    assert.match(r.out, /secretzero \(credential mistakes in MCP servers\)\.+Passed/);
  });
});
