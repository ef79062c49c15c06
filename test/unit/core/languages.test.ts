import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { classify, languageOf } from '../../../server/src/core/classify.js';
import { CODE_LANGUAGES, DOC_LANGUAGE_NAMES, PYTHON, TYPESCRIPT } from '../../../server/src/core/lang/languages.js';
import { RULES } from '../../../server/src/core/rules/index.js';
import { DOCUMENT_SELECTOR } from '../../../client/src/selector.js';
import { FIXTURES, expectedMarkers } from '../../helpers/fixtures.js';

const KEY = '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';

describe('languages as data', () => {
  it('classifies every extension and language id of every code language', () => {
    for (const lang of CODE_LANGUAGES) {
      for (const [ext, flavor] of Object.entries(lang.extensions)) {
        const kind = classify(`/w/src/a${ext}`) as { kind: string; flavor?: string; scriptKind?: string };
        assert.equal(kind.kind, lang.kind, ext);
        assert.equal(kind.flavor ?? kind.scriptKind, flavor, ext);
      }
      for (const id of Object.keys(lang.languageIds)) assert.equal(classify('/w/untitled', id).kind, lang.kind, id);
    }
  });

  it('gives the VS Code selector every language id, and Python files by pattern', () => {
    const ids = new Set(DOCUMENT_SELECTOR.map((s) => (typeof s === 'string' ? s : s.language)).filter(Boolean));
    for (const lang of CODE_LANGUAGES) for (const id of Object.keys(lang.languageIds)) assert.ok(ids.has(id), id);
    const patterns = DOCUMENT_SELECTOR.map((s) => (typeof s === 'string' || !('pattern' in s) ? '' : String(s.pattern)));
    assert.ok(patterns.includes('**/*.py') && patterns.includes('**/*.pyi'));
  });

  it('rule docs list only known languages, and list python exactly when a Python fixture fires the rule', () => {
    const pythonPositives = new Set<string>();
    for (const dir of fs.readdirSync(FIXTURES)) {
      const full = path.join(FIXTURES, dir);
      if (!fs.statSync(full).isDirectory()) continue;
      for (const f of fs.readdirSync(full).filter((n) => /\.py$/.test(n) && !n.includes('.fixed.'))) {
        for (const m of expectedMarkers(fs.readFileSync(path.join(full, f), 'utf8'))) pythonPositives.add(m.split(':')[1]);
      }
    }
    for (const r of RULES) {
      for (const l of r.languages) assert.ok(DOC_LANGUAGE_NAMES.has(l), `${r.id}: unknown language "${l}"`);
      assert.equal(r.languages.includes('python'), pythonPositives.has(r.id), `${r.id}: languages lists python = ${r.languages.includes('python')}, Python fixture fires it = ${pythonPositives.has(r.id)}`);
    }
  });

  it('honours a suppression only inside a comment of the file\'s language', () => {
    const py = (line: string) => analyze({ path: '/w/server.py', text: `${line}\nGITHUB_TOKEN = "${KEY}"\n` }).findings.length;
    assert.equal(py('# secretzero-ignore-next-line hardcoded-credential -- rotated, test account'), 0);
    assert.equal(py('NOTE = "secretzero-ignore-next-line hardcoded-credential"'), 1);
    assert.equal(py('// secretzero-ignore-next-line hardcoded-credential'), 1);
    const ts = (line: string) => analyze({ path: '/w/server.ts', text: `${line}\nconst GITHUB_TOKEN = "${KEY}";\n` }).findings.length;
    assert.equal(ts('// secretzero-ignore-next-line hardcoded-credential -- reason'), 0);
    assert.equal(ts('# secretzero-ignore-next-line hardcoded-credential'), 1);
  });

  it('writes each language\'s own suppression comment', () => {
    assert.equal(languageOf(classify('/w/a.py'), '/w/a.py')?.suppression?.('secret-logged'), '# secretzero-ignore-next-line secret-logged -- ');
    assert.equal(languageOf(classify('/w/a.ts'), '/w/a.ts')?.suppression?.('secret-logged'), '// secretzero-ignore-next-line secret-logged -- ');
    assert.equal(languageOf(classify('/w/.cursor/mcp.json'), '/w/.cursor/mcp.json')?.suppression, undefined);
    assert.equal(PYTHON.lineComments[0], '#');
    assert.equal(TYPESCRIPT.lineComments[0], '//');
  });
});
