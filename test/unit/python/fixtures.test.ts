import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { FIXTURES, checkFixture } from '../../helpers/fixtures.js';
import { pythonSyntaxErrors as syntaxErrors } from '../../helpers/python.js';

/**
 * Every Python fixture (`test/fixtures/<rule>/*.py`) against its `# ruleid:` markers, with every
 * rule on: a line without a marker is a near miss that must stay silent. A `<name>.fixed.py`
 * beside a fixture is what applying each finding's first fix gives.
 */
function pythonFixtures(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(FIXTURES)) {
    const full = path.join(FIXTURES, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full)) if (/\.pyi?$/.test(f) && !f.includes('.fixed.')) out.push(path.join(full, f));
  }
  return out.sort();
}


describe('Python fixtures', () => {
  const files = pythonFixtures();
  it('exist for every Python rule', () => {
    const dirs = new Set(files.map((f) => path.basename(path.dirname(f))));
    for (const rule of ['hardcoded-credential', 'connection-string-password']) assert.ok(dirs.has(rule), `no Python fixture for ${rule}`);
  });
  for (const file of files) {
    it(path.relative(FIXTURES, file), () => {
      const findings = checkFixture(file);
      const fixed = file.replace(/\.py$/, '.fixed.py');
      if (!fs.existsSync(fixed)) return;
      // Fix the first finding that offers one, re-analyse, repeat: as an editor would.
      let text = fs.readFileSync(file, 'utf8');
      for (let i = 0; i < 50; i++) {
        const f = analyze({ path: file, text }).findings.find((x) => x.fixes.length);
        if (!f) break;
        text = applyEdits(text, f.fixes[0].edits);
      }
      assert.ok(findings.some((f) => f.fixes.length), 'a .fixed.py needs a finding with a fix');
      assert.equal(text, fs.readFileSync(fixed, 'utf8'));
      assert.equal(syntaxErrors(text), 0, 'the fixed file parses');
      // And CPython agrees (python3 comes with pre-commit, which .ci/run installs).
      const py = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: text, encoding: 'utf8' });
      assert.equal(py.status, 0, `python3 cannot parse the fixed file: ${py.stderr}`);
    });
  }
});
