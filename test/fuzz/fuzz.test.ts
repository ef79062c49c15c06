import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import { applyEdits } from '../../server/src/core/text/applyEdits.js';
import type { AnalysisResult, Finding, Fix } from '../../server/src/core/types.js';
import { checkEdits, referenceApply } from './check.js';
import { REPO_ROOT, TARGET_NAMES } from './corpus.js';
import { formatReport, fuzz, runCase, type AnalyzeFn, type FuzzInput } from './fuzzer.js';
import { KNOWN_FORMAT_SECRETS } from './mutate.js';

// The short run inside `npm test`; `npm run fuzz` runs the same fuzzer for as long as asked.
// SECRETZERO_FUZZ_SEED / SECRETZERO_FUZZ_SECONDS override the defaults (CI may vary the seed).
const SEED = Number(process.env.SECRETZERO_FUZZ_SEED ?? 20_251_122);
const SECONDS = Number(process.env.SECRETZERO_FUZZ_SECONDS ?? 10);
const MIN_PER_TARGET = 20;

const DOC = 'const a = 1;\nconst b = 2;\n';
const input = (text = DOC, inserted: string[] = []): FuzzInput => ({ seed: 0, index: 0, target: 'typescript', path: '/ws/src/a.ts', text, host: 2, seedFile: 'self-test', mutations: [], inserted });
const pos = (line: number, character: number) => ({ line, character });
const finding = (over: Partial<Finding> = {}, fixes: Fix[] = []): Finding => ({
  ruleId: 'hardcoded-credential', severity: 'high', range: { start: pos(0, 6), end: pos(0, 7) }, message: 'm', fixes, fingerprint: 'f', confidence: 'high', ...over,
});
const fix = (edits: Fix['edits'], externalEdits?: Fix['externalEdits']): Fix => ({ title: 't', applicability: 'unsafe', edits, externalEdits });
const returning = (result: AnalysisResult): AnalyzeFn => () => result;
const kinds = (fn: AnalyzeFn, text?: string, inserted?: string[], budgetMs?: number) => runCase(input(text, inserted), fn, budgetMs).violations.map((v) => v.kind);

describe('fuzz invariants catch what they must (so a clean run means something)', () => {
  it('an analyze() that throws', () => {
    assert.deepEqual(kinds(() => { throw new Error('boom'); }), ['threw']);
  });

  it('a finding range past the end of a line or of the document, or reversed', () => {
    assert.deepEqual(kinds(returning({ findings: [finding({ range: { start: pos(0, 6), end: pos(0, 13) } })] })), ['range']);
    assert.deepEqual(kinds(returning({ findings: [finding({ range: { start: pos(3, 0), end: pos(3, 0) } })] })), ['range']);
    assert.deepEqual(kinds(returning({ findings: [finding({ range: { start: pos(1, 4), end: pos(0, 4) } })] })), ['range']);
    assert.deepEqual(kinds(returning({ findings: [finding({ range: { start: pos(2, 0), end: pos(2, 0) } })] })), [], 'the empty last line is inside');
  });

  it('fix edits outside the document, overlapping, or that applyEdits cannot apply as LSP does', () => {
    const e = (l1: number, c1: number, l2: number, c2: number, newText = 'x') => ({ range: { start: pos(l1, c1), end: pos(l2, c2) }, newText });
    assert.deepEqual(kinds(returning({ findings: [finding({}, [fix([e(0, 0, 0, 40)])])] })), ['edit']);
    assert.deepEqual(kinds(returning({ findings: [finding({}, [fix([e(0, 0, 0, 5), e(0, 4, 0, 8)])])] })), ['overlap']);
    assert.deepEqual(kinds(returning({ findings: [finding({}, [fix([e(0, 0, 0, 5), e(0, 5, 0, 8), e(1, 0, 1, 0)])])] })), [], 'touching edits are fine');
    assert.deepEqual(kinds(returning({ findings: [finding({}, [fix([], [{ path: '/ws/missing.txt', create: false, edits: [e(0, 0, 0, 0)] }])])] })), ['external']);
    assert.deepEqual(kinds(returning({ findings: [finding({}, [fix([], [{ path: '/ws/.env', create: false, edits: [e(5, 0, 5, 0)] }])])] })), ['external']);
  });

  it('insertions at one position keep their order in applyEdits (LSP semantics)', () => {
    const edits = [{ range: { start: pos(0, 0), end: pos(0, 0) }, newText: 'A' }, { range: { start: pos(0, 0), end: pos(0, 0) }, newText: 'B' }, { range: { start: pos(0, 0), end: pos(0, 5) }, newText: 'C' }];
    assert.equal(referenceApply(DOC, edits), 'ABC a = 1;\nconst b = 2;\n');
    assert.equal(applyEdits(DOC, edits), referenceApply(DOC, edits));
    assert.deepEqual(checkEdits(DOC, edits, 'x'), []);
  });

  it('an analysis over its CPU budget', () => {
    const slow: AnalyzeFn = () => { const c0 = process.cpuUsage(); while (process.cpuUsage(c0).user < 60_000); return { findings: [] }; };
    assert.deepEqual(kinds(slow, DOC, [], 30), ['slow']);
  });

  it('a message or fix title that repeats an inserted known-format secret', () => {
    const secret = KNOWN_FORMAT_SECRETS[0];
    assert.deepEqual(kinds(returning({ findings: [finding({ message: `see ${secret}` })] }), DOC, [secret]), ['echo']);
    assert.deepEqual(kinds(returning({ findings: [finding({}, [{ ...fix([]), title: `move ${secret}` }])] }), DOC, [secret]), ['echo']);
  });

  it('the real analyze() passes them on a plain fixture', () => {
    assert.deepEqual(runCase(input(`const apiKey = "${KNOWN_FORMAT_SECRETS[1]}";\n`, [KNOWN_FORMAT_SECRETS[1]]), analyze).violations, []);
  });
});

describe('inputs the long fuzz run found (each broke an invariant once)', () => {
  const cases: [string, string, string][] = [
    // removeProperty searched the whole rest of the file for the comma after `token`: none → an edit ending at 0:0.
    ['a property without a comma after it, at the end of a cut-off object', '/ws/src/legacy.cjs', "const vault = require('node-vault')({\n  apiVersion: 'v1',\n  token: process.env.VAULT_cp')\n  return data.data\n}\n\nmodule.exports = { readConfig }\n"],
    // … or found one in a later statement: the removal overlapped the login helper inserted after the declaration.
    ['a missing comma between two properties', '/ws/src/admin.ts', "import vault from 'node-vault';\nexport const admin = vault({ token: process.env.VAULT_TOKEN endpoint: process.env.VAULT_ADDR });\ncall(a, b);\n"],
    // secret-fetch-error-swallowed ended its range at the `)` after `catch (`: none yet → a range ending at 0:0.
    // secret-in-url cut the query up to the `}` that an unterminated template lacks, past the URL argument,
    // so the cut overlapped the options inserted after it.
    ['a URL template cut off inside its placeholder', '/ws/src/url.ts', "const apiKey = process.env.WEATHER_API_KEY ?? '';\nexport async function run() {\n  await fetch(`https://api.example.com/v1/data?api_key=${apiKey ?? '';\n}\n"],
    ['a catch clause cut off after its parenthesis', '/ws/src/boot.ts', "declare const vault: { read(path: string): Promise<{ data: { apiKey: string } }> };\nlet apiKey: string | undefined;\ntry {\n  apiKey = (await vault.read('secret/data/mcp')).data.apiKey;\n} catch ("],
  ];
  for (const [name, file, text] of cases) {
    it(name, () => {
      const outcome = runCase({ ...input(text), path: file, host: 1 }, analyze);
      assert.ok(outcome.findings > 0, 'the input still reaches the rule');
      assert.deepEqual(outcome.violations, []);
    });
  }

  // The yaml lexer is quadratic in block indicators stacked on one line: 24 kB took 1.5-2 s of CPU
  // on the main thread before its stack overflowed, 10 s on a worker thread's deeper stack.
  it('12,000 stacked block indicators in a YAML file', () => {
    const text = `api_key: "${KNOWN_FORMAT_SECRETS[1]}"\n${'- '.repeat(12_000)}x\n`;
    const outcome = runCase({ ...input(text), path: '/ws/values.yaml', host: 1 }, analyze);
    assert.deepEqual(outcome.violations, []);
    assert.ok(outcome.findings > 0, 'the generic scan still reports the key');
  });
});

describe('fuzzing every analyzer with mutated fixtures (short seeded run)', () => {
  it(`seed ${SEED}, about ${SECONDS} s: analyze() never throws, stays within 1 s of CPU per input, ranges and fixes stay inside the document`, () => {
    const report = fuzz({ seed: SEED, seconds: SECONDS, minPerTarget: MIN_PER_TARGET, failureDir: path.join(REPO_ROOT, 'test-results', 'fuzz') });
    const summary = formatReport(report);
    console.log(summary);
    assert.equal(report.failures.length, 0, `failing inputs (re-run one with: npm run fuzz -- --repro FILE):\n${summary}`);
    for (const t of TARGET_NAMES) assert.ok((report.byTarget[t] ?? 0) >= MIN_PER_TARGET, `${t}: ${report.byTarget[t] ?? 0} inputs`);
    // Every analyzer really ran (classification of mutated text may move a few inputs elsewhere).
    for (const a of ['typescript', 'python', 'dockerfile', 'yaml-compose', 'yaml-kubernetes', 'yaml-workflow', 'yaml-other', 'mcp-config', 'json', 'dotenv', 'text']) {
      assert.ok((report.byAnalyzer[a]?.inputs ?? 0) >= MIN_PER_TARGET / 2, `${a} ran on ${report.byAnalyzer[a]?.inputs ?? 0} inputs`);
    }
    // The mutations must leave findings and fixes to check, or the edit invariants are vacuous.
    const fixes = Object.values(report.byAnalyzer).reduce((n, s) => n + s.fixes, 0);
    assert.ok(fixes >= report.inputs / 4, `${fixes} fixes checked over ${report.inputs} inputs`);
  });
});
