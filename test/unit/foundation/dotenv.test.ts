import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types.js';
import { NodeHost } from '../../../server/src/node/nodeHost.js';
import { readGitIndexPaths } from '../../../server/src/node/gitIndex.js';
import { openAiKey } from '../../helpers/random.js';
import { MemoryHost } from '../../helpers/memoryHost.js';

const ENV = `OPENAI_API_KEY=${openAiKey(61)}\n`;

function repo(files: Record<string, string>, track: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-dotenv-'));
  for (const [p, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  if (track.length) execFileSync('git', ['add', '-f', ...track], { cwd: dir });
  return dir;
}

function findings(dir: string, rel: string) {
  const host = new NodeHost([dir]);
  const file = path.join(dir, rel);
  return analyze({ path: file, text: fs.readFileSync(file, 'utf8') }, DEFAULT_SETTINGS, { host }).findings;
}

describe('dotenv-not-ignored', () => {
  it('fires on a .env that no .gitignore covers; the safe fix appends it to .gitignore', () => {
    const dir = repo({ '.env': ENV, '.gitignore': 'node_modules/' });
    const [f] = findings(dir, '.env');
    assert.equal(f.ruleId, 'dotenv-not-ignored');
    assert.equal(f.severity, 'critical');
    const fix = f.fixes[0];
    assert.equal(fix.applicability, 'safe');
    const [ext] = fix.externalEdits!;
    assert.equal(ext.path, path.join(dir, '.gitignore'));
    const after = applyEdits(fs.readFileSync(ext.path, 'utf8'), ext.edits);
    assert.equal(after, 'node_modules/\n/.env\n');
    fs.writeFileSync(ext.path, after);
    assert.deepEqual(findings(dir, '.env'), [], 'gone once ignored');
  });

  it('creates .gitignore when there is none; nested files get an anchored path', () => {
    const dir = repo({ 'services/api/.env.production': ENV });
    const [f] = findings(dir, 'services/api/.env.production');
    const [ext] = f.fixes[0].externalEdits!;
    assert.equal(ext.create, true);
    assert.equal(ext.edits[0].newText, '/services/api/.env.production\n');
  });

  it('silent when ignored (also by a nested .gitignore or a glob), and for examples', () => {
    const dir = repo({ '.env': ENV, '.env.local': ENV, 'pkg/.env': ENV, '.env.example': ENV, '.env.sample': ENV, '.env.template': ENV, '.gitignore': '.env\n.env.*\n!.env.example\n', 'pkg/.gitignore': '.env\n' });
    for (const f of ['.env', '.env.local', 'pkg/.env', '.env.example', '.env.sample', '.env.template']) assert.deepEqual(findings(dir, f), [], f);
  });

  it('stays silent on a committed .env of defaults and templates that hold no secret', () => {
    const defaults = 'PORT=3000\nLOG_LEVEL=debug\nDB_PASSWORD=postgres\nOPENAI_API_KEY=\nGITHUB_TOKEN=your-token-here\n';
    const dir = repo({ '.env': defaults, '.env.keycloak.sample': ENV, '.env.local.recommended': ENV, '.gitignore': 'node_modules/' });
    for (const f of ['.env', '.env.keycloak.sample', '.env.local.recommended']) assert.deepEqual(findings(dir, f), [], f);
  });

  it('a re-include (!) in a deeper .gitignore makes it fire again', () => {
    const dir = repo({ '.gitignore': '.env\n', 'app/.gitignore': '!.env\n', 'app/.env': ENV });
    assert.equal(findings(dir, 'app/.env')[0]?.ruleId, 'dotenv-not-ignored');
  });

  it('fires on an ignored but tracked .env, telling the user to untrack it (no .gitignore fix)', () => {
    const dir = repo({ '.env': ENV, '.gitignore': '.env\n' }, ['.env']);
    const [f] = findings(dir, '.env');
    assert.equal(f.ruleId, 'dotenv-not-ignored');
    assert.match(f.message, /tracked by git.*git rm --cached/);
    assert.deepEqual(f.fixes, []);
  });

  it('works against the in-memory host too', () => {
    const host = new MemoryHost('/ws', {}, {});
    assert.equal(analyze({ path: '/ws/.env', text: ENV }, DEFAULT_SETTINGS, { host }).findings[0].ruleId, 'dotenv-not-ignored');
    host.ignored.add('/ws/.env');
    assert.deepEqual(analyze({ path: '/ws/.env', text: ENV }, DEFAULT_SETTINGS, { host }).findings, []);
  });
});

describe('git index reader', () => {
  it('reads the tracked paths git wrote (no git process in the product)', () => {
    const dir = repo({ 'a.txt': 'a', 'src/deep/b.ts': 'b', '.env': 'X=1' }, ['a.txt', 'src/deep/b.ts']);
    assert.deepEqual([...readGitIndexPaths(path.join(dir, '.git', 'index'))!].sort(), ['a.txt', 'src/deep/b.ts']);
    const host = new NodeHost([dir]);
    assert.equal(host.isGitTracked(path.join(dir, 'a.txt')), true);
    assert.equal(host.isGitTracked(path.join(dir, '.env')), false);
    assert.equal(host.isGitTracked(path.join(os.tmpdir(), 'not-a-repo-file')), undefined);
  });
});

describe('a long-lived host sees .gitignore edits without being told', () => {
  it('revalidates by modification time (the language server), so the fix clears its own warning', () => {
    const dir = repo({ '.env': ENV, '.gitignore': 'node_modules/\n' });
    const host = new NodeHost([dir], true);
    const file = path.join(dir, '.env');
    assert.equal(host.isGitIgnored(file), false);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n/.env\n');
    fs.utimesSync(path.join(dir, '.gitignore'), new Date(), new Date(Date.now() + 5000));
    assert.equal(host.isGitIgnored(file), true);
  });
});
