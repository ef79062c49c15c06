import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { classify } from '../../../server/src/core/classify.js';
import { hasNeedles, type RuleFamily } from '../../../server/src/core/analyzers/ruleFamily.js';
import { PY_FAMILIES } from '../../../server/src/core/analyzers/python/rules/index.js';
import { TS_FAMILIES } from '../../../server/src/core/analyzers/typescript/rules/index.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types.js';
import { DETECTOR_BY_ID } from '../../../server/src/core/secrets/detectors.js';
import { FIXTURES, expectedMarkers } from '../../helpers/fixtures.js';
import { generateInput, hostOf } from '../../fuzz/fuzzer.js';
import { loadCorpus } from '../../fuzz/corpus.js';

/**
 * The needles of the rule families (analyzers/ruleFamily.ts) let a document skip checks, and the
 * parse, when its text cannot trigger them. They must never hide a finding.
 */
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

const FAMILIES: Record<string, readonly RuleFamily<unknown>[]> = {
  typescript: TS_FAMILIES as readonly RuleFamily<unknown>[],
  python: PY_FAMILIES as readonly RuleFamily<unknown>[],
};

describe('rule-family prefilter', () => {
  it('every positive fixture of a code rule contains the needles of the family that reports it', () => {
    let checked = 0;
    for (const file of files(FIXTURES)) {
      const families = FAMILIES[classify(file).kind];
      if (!families) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const rule of new Set(expectedMarkers(text).map((m) => m.split(':')[1]))) {
        for (const f of families.filter((x) => x.rules.includes(rule as never))) {
          checked++;
          assert.ok(!f.needles || hasNeedles(text, f.needles), `${path.relative(FIXTURES, file)} fires ${rule} but lacks its needles ${JSON.stringify(f.needles)}`);
        }
      }
    }
    assert.ok(checked > 50, `only ${checked} fixture/family pairs checked`);
  });

  it('finds exactly the same with the prefilter off, over every fixture and the example workspace', () => {
    let compared = 0;
    for (const file of [...files(FIXTURES), ...files(path.resolve(FIXTURES, '..', '..', 'examples'))]) {
      const text = fs.readFileSync(file, 'utf8');
      const on = analyze({ path: file, text }, DEFAULT_SETTINGS).findings;
      const off = analyze({ path: file, text }, DEFAULT_SETTINGS, { prefilter: false }).findings;
      assert.deepEqual(on, off, path.relative(FIXTURES, file));
      compared++;
    }
    assert.ok(compared > 100);
  });

  it('finds exactly the same with the prefilter off, over 1,500 fuzzed documents', () => {
    const corpus = loadCorpus();
    for (let i = 0; i < 1500; i++) {
      const input = generateInput(corpus, 77, i);
      const host = hostOf(input.host);
      const on = analyze({ path: input.path, text: input.text }, DEFAULT_SETTINGS, { host }).findings;
      const off = analyze({ path: input.path, text: input.text }, DEFAULT_SETTINGS, { host, prefilter: false }).findings;
      assert.deepEqual(on, off, `fuzz input ${i} (${input.target}, from ${input.seedFile})`);
    }
  });

  /** The same file as a test (`test_x.py`, `x.test.ts`): tests keep only verified known formats. */
  function asTest(file: string): string | undefined {
    const kind = classify(file).kind;
    if (kind === 'python') return path.join(path.dirname(file), `test_${path.basename(file)}`);
    if (kind === 'typescript') return file.replace(/(\.[cm]?[jt]sx?)$/, '.test$1');
    return undefined;
  }

  it('in tests, finds exactly the same with the prefilter off, over every code fixture and 1,500 fuzzed documents', () => {
    let compared = 0;
    let found = 0;
    for (const file of [...files(FIXTURES), ...files(path.resolve(FIXTURES, '..', '..', 'examples'))]) {
      const testPath = asTest(file);
      if (!testPath) continue;
      const text = fs.readFileSync(file, 'utf8');
      const on = analyze({ path: testPath, text }, DEFAULT_SETTINGS).findings;
      assert.deepEqual(on, analyze({ path: testPath, text }, DEFAULT_SETTINGS, { prefilter: false }).findings, path.relative(FIXTURES, file));
      compared++;
      found += on.length;
    }
    assert.ok(compared > 80 && found > 20, `${compared} files, ${found} findings`);
    const corpus = loadCorpus();
    for (let i = 0; i < 1500; i++) {
      const input = generateInput(corpus, 78, i);
      const testPath = asTest(input.path);
      if (!testPath) continue;
      const host = hostOf(input.host);
      const on = analyze({ path: testPath, text: input.text }, DEFAULT_SETTINGS, { host }).findings;
      const off = analyze({ path: testPath, text: input.text }, DEFAULT_SETTINGS, { host, prefilter: false }).findings;
      assert.deepEqual(on, off, `fuzz input ${i} (${input.target}, from ${input.seedFile})`);
    }
  });

  it('in tests, parses only a text that may hold a known format, escapes that spell one included', () => {
    const token = DETECTOR_BY_ID.get('github-token')!.examples!.match[0];
    const spelled = (prefix: string) => token.replace(/^g/, prefix);
    const cases: [path: string, text: string, parsed: boolean][] = [
      // Constructs a test exercises on purpose, and no format's hint: nothing a test keeps.
      ['/w/tests/test_client.py', 'import requests\nrequests.get(URL, verify=False)\nlog.info(token)\n', false],
      ['/w/src/client.test.ts', 'const r = await fetch(url, { headers: { authorization: token } });\nconsole.log(process.env.API_KEY);\n', false],
      [`/w/tests/test_token.py`, `TOKEN = "${token}"\n`, true],
      [`/w/tests/test_token.py`, `TOKEN = "${spelled('\\x67')}"\n`, true],
      [`/w/src/token.test.ts`, `const TOKEN = '${spelled('\\u0067')}';\n`, true],
    ];
    for (const [file, text, parsed] of cases) {
      let parses = 0;
      const spy = { tree: (p: { parse: (...a: unknown[]) => unknown }, ...rest: unknown[]) => { parses++; return p.parse(...rest); } };
      const on = analyze({ path: file, text }, DEFAULT_SETTINGS, { parseCache: spy as never }).findings;
      assert.equal(parses > 0, parsed, `${file}: ${text.slice(0, 40)}`);
      assert.deepEqual(on, analyze({ path: file, text }, DEFAULT_SETTINGS, { prefilter: false }).findings, file);
      if (parsed) assert.deepEqual(on.map((f) => [f.ruleId, f.severity]), [['hardcoded-credential', 'low']], `${file}: the escaped token is still found`);
    }
  });

  it('skips the parse of a document no family can trigger', () => {
    const parsed: string[] = [];
    const spy = { tree: (p: { parse: (...a: never[]) => unknown }, ...rest: unknown[]) => { parsed.push('x'); return (p.parse as (...a: unknown[]) => unknown)(...rest); } };
    analyze({ path: '/w/src/constants.ts', text: 'export const RETRIES = 3;\nexport const TIMEOUT_MS = 10_000;\n' }, DEFAULT_SETTINGS, { parseCache: spy as never });
    analyze({ path: '/w/pkg/consts.py', text: 'RETRIES = 3\nTIMEOUT = 10.0\n' }, DEFAULT_SETTINGS, { parseCache: spy as never });
    assert.equal(parsed.length, 0);
    analyze({ path: '/w/src/a.ts', text: 'export const NAME = "x";\n' }, DEFAULT_SETTINGS, { parseCache: spy as never });
    assert.equal(parsed.length, 1);
  });
});
