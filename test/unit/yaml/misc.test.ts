import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { analyze } from '../../../server/src/core/analyze.js';
import { AnalysisContext } from '../../../server/src/core/analyzers/context.js';
import { analyzeCompose } from '../../../server/src/core/analyzers/yaml/compose.js';
import { scanScalars } from '../../../server/src/core/analyzers/yaml/genericScan.js';
import { analyzeKubernetes } from '../../../server/src/core/analyzers/yaml/kubernetes.js';
import { parseYaml } from '../../../server/src/core/analyzers/yaml/parse.js';
import { scanLostLines } from '../../../server/src/core/analyzers/yaml/recovery.js';
import { scalarText } from '../../../server/src/core/analyzers/yaml/scalarMap.js';
import { checkTls } from '../../../server/src/core/analyzers/yaml/tls.js';
import { analyzeWorkflow } from '../../../server/src/core/analyzers/yaml/workflow.js';
import { classify } from '../../../server/src/core/classify.js';
import { checkFixture } from '../../helpers/fixtures.js';
import { FIXTURES, fixture, rangeText, read } from './support.js';

function valueMap(src: string, key = 'v') {
  const doc = parseDocument(src);
  return scalarText(src, doc.get(key, true) as never)!;
}

describe('YAML: other flavours, broken input, offsets', () => {
  it('generic YAML: TLS settings, precise ranges inside multi-line scalars', () => {
    const found = checkFixture(fixture('yaml-misc/config/traefik.yml'));
    const text = read('yaml-misc/config/traefik.yml');
    const key = found.find((f) => f.ruleId === 'hardcoded-credential')!;
    assert.equal(rangeText(text, key), 'sk-proj-F3a4fLUYhLuFP57Jfl5kT3BlbkFJpKnN5E0WjnadErYOrrGa');
  });

  it('workflow extras: workflow-level env, env expressions, folded scripts, step summary', () => {
    checkFixture(fixture('yaml-misc/.github/workflows/ci.yml'));
  });

  it('lines a broken stream loses still get the generic check', () => {
    checkFixture(fixture('yaml-misc/broken/values.yaml'));
  });

  it('maps value offsets back through literal, folded, plain and quoted scalars', () => {
    const literal = 'v: |\n  first line\n    indented $X\n\n  last\n';
    const lit = valueMap(literal);
    assert.equal(lit.exact, true);
    const at = lit.value.indexOf('$X');
    assert.equal(literal.slice(...lit.toDoc(at, at + 2)), '$X');
    const folded = 'v: >\n  one two\n  three\n';
    const fold = valueMap(folded);
    assert.equal(fold.value, 'one two three\n');
    assert.equal(folded.slice(...fold.toDoc(8, 13)), 'three');
    const plain = 'v: one\n  two three\n';
    const pl = valueMap(plain);
    assert.equal(plain.slice(...pl.toDoc(4, 13)), 'two three');
    const escaped = 'v: "a\\tb c"\n';
    const esc = valueMap(escaped);
    assert.equal(esc.exact, false);
    assert.equal(escaped.slice(...esc.toDoc(3, 4)), '"a\\tb c"', 'an inexact mapping falls back to the whole scalar');
    const crlf = 'v: |\r\n  a $X\r\n  b\r\n';
    const cr = valueMap(crlf);
    assert.equal(crlf.slice(...cr.toDoc(2, 4)), '$X');
  });

  it('classifies fixtures by their realistic paths', () => {
    const flavor = (rel: string) => {
      const k = classify(fixture(rel), undefined, read(rel));
      return k.kind === 'yaml' ? k.flavor : k.kind;
    };
    assert.equal(flavor('container-env-literal-secret/compose.yaml'), 'compose');
    assert.equal(flavor('container-env-literal-secret/docker-compose.yml'), 'compose');
    assert.equal(flavor('container-env-literal-secret/k8s/deployment.yaml'), 'kubernetes');
    assert.equal(flavor('container-env-literal-secret/k8s/chart/templates/deployment.yaml'), 'kubernetes');
    assert.equal(flavor('ci-secret-written-to-file/.github/workflows/release.yml'), 'workflow');
    assert.equal(flavor('yaml-misc/config/traefik.yml'), 'other');
  });

  it('never throws: every check on truncated and line-dropped versions of every fixture', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(dir)) {
        const p = path.join(dir, name);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(name)) files.push(p);
      }
    };
    for (const dir of ['container-env-literal-secret', 'ci-secret-written-to-file', 'ci-secret-build-arg', 'yaml-misc']) walk(path.join(FIXTURES, dir));
    assert.ok(files.length >= 10);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const variants = [
        ...Array.from({ length: 12 }, (_, i) => text.slice(0, Math.floor((text.length * (i + 1)) / 13))),
        ...Array.from({ length: 8 }, (_, i) => lines.filter((_, j) => j % 9 !== i).join('\n')),
        ...Array.from({ length: 4 }, (_, i) => lines.map((l, j) => (j % 5 === i ? l.replace(/^ {2}/, '') : l)).join('\n')),
      ];
      for (const variant of variants) {
        const kind = classify(file, undefined, variant);
        const ctx = new AnalysisContext({ path: file, text: variant }, kind, undefined);
        const parsed = parseYaml(variant, { templates: true });
        for (const doc of parsed.docs) {
          for (const check of [analyzeCompose, analyzeKubernetes, analyzeWorkflow, checkTls, scanScalars]) {
            assert.doesNotThrow(() => check(ctx, doc), `${path.relative(FIXTURES, file)}: ${check.name} threw on a variant`);
          }
        }
        assert.doesNotThrow(() => scanLostLines(ctx, parsed.docs));
        let failed: unknown;
        analyze({ path: file, text: variant }, undefined, { onError: (e) => { failed = e; } });
        assert.equal(failed, undefined);
      }
    }
  });
});

describe('YAML: hostile input', () => {
  it('merge-key and alias bombs stay cheap', () => {
    const lines = ['x0: &a0 {API_KEY: sk-proj-F3a4fLUYhLuFP57Jfl5kT3BlbkFJpKnN5E0WjnadErYOrrGa}'];
    for (let i = 1; i <= 24; i++) lines.push(`x${i}: &a${i}\n  <<: [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    lines.push('services:', '  api:', '    image: x', '    environment:', '      <<: *a24');
    const started = Date.now();
    const found = analyze({ path: '/ws/compose.yaml', text: lines.join('\n') + '\n' }).findings;
    assert.ok(Date.now() - started < 2000, 'analysis took too long');
    assert.deepEqual(found.map((f) => [f.ruleId, f.range.start.line]), [['container-env-literal-secret', 0]]);
  });
});
