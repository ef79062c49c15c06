import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { readZip, type ZipEntry } from '../helpers/zip.js';

const root = path.resolve(__dirname, '..', '..');
/** Shared with `npm run test:e2e`: built once, rebuilt only when an input is newer. */
export const CACHED_VSIX = path.join(root, '.secretzero-cache', 'vsix', 'secretzero.vsix');
const MAX_VSIX_BYTES = 3 * 1024 * 1024;

describe('the .vsix package', () => {
  let entries: ZipEntry[];
  let names: string[];
  const file = (n: string) => {
    const e = entries.find((x) => x.name === n);
    assert.ok(e, `${n} in the package`);
    return e.read().toString('utf8');
  };

  before(() => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--out', CACHED_VSIX, '--if-stale'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `packaging failed:\n${r.stdout}\n${r.stderr}`);
    entries = readZip(fs.readFileSync(CACHED_VSIX));
    names = entries.map((e) => e.name).sort();
  });

  it('holds exactly what runs plus the listing files (allow-list)', () => {
    const rules = fs.readdirSync(path.join(root, 'rules')).filter((f) => f.endsWith('.md')).map((f) => `extension/rules/${f}`);
    const syntaxes = fs.readdirSync(path.join(root, 'syntaxes')).filter((f) => f.endsWith('.tmLanguage.json')).map((f) => `extension/syntaxes/${f}`);
    const expected = [
      '[Content_Types].xml', 'extension.vsixmanifest',
      'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
      'extension/images/icon.png', 'extension/dist/client.js', 'extension/dist/server.js',
      ...rules, ...syntaxes,
    ].sort();
    assert.deepEqual(names, expected);
    for (const bad of [/\.map$/, /node_modules/, /(^|\/)src\//, /(^|\/)test\//, /\.ts$/, /\.vsix$/]) {
      assert.deepEqual(names.filter((n) => bad.test(n)), [], `nothing matching ${bad}`);
    }
  });

  it('stays small', () => {
    const size = fs.statSync(CACHED_VSIX).size;
    assert.ok(size < MAX_VSIX_BYTES, `vsix is ${size} bytes (bound ${MAX_VSIX_BYTES})`);
  });

  it('ships minified bundles without source maps', () => {
    for (const b of ['extension/dist/client.js', 'extension/dist/server.js']) {
      const text = file(b);
      assert.ok(!/\/\/# sourceMappingURL=\S+\s*$/.test(text), `${b} links no source map`);
      const lines = text.split('\n').length;
      assert.ok(text.length / lines > 500, `${b} is minified (${lines} lines for ${text.length} chars)`);
    }
  });

  it('has a manifest whose every referenced file is in the package', () => {
    const manifest = JSON.parse(file('extension/package.json'));
    const inPackage = (p: string) => names.includes(`extension/${path.posix.normalize(p)}`);
    assert.ok(inPackage(manifest.main), `main ${manifest.main}`);
    assert.ok(inPackage(manifest.icon), `icon ${manifest.icon}`);
    for (const g of manifest.contributes.grammars) assert.ok(inPackage(g.path), `grammar ${g.path}`);
    const commands = manifest.contributes.commands.map((c: any) => c.command).sort();
    assert.deepEqual(commands, ['secretzero.restartServer', 'secretzero.scanWorkspace', 'secretzero.showOutput', 'secretzero.showRuleDocumentation']);
    assert.equal(manifest.contributes.codeActions[0].actions.kind, 'source.fixAll.secretzero');
    // The server links every diagnostic to ../rules/<id>.md beside dist/.
    assert.ok(names.includes('extension/rules/hardcoded-credential.md'));
  });

  it('is an extension that runs untrusted and offline', () => {
    const manifest = JSON.parse(file('extension/package.json'));
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.extensionDependencies, undefined, 'no dependencies to fetch from a gallery');
    const client = file('extension/dist/client.js');
    assert.ok(!/child_process['"]\)\.exec\(/.test(client), 'the client executes nothing');
  });
});
