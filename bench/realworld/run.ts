/**
 * `npm run bench:realworld -- --corpus DIR [options]`: scans a folder of real repositories (one
 * sub-folder each, as ../shared/dev-corpus.tsv lists them) with the built CLI and scores what it
 * reports against bench/realworld/labels.tsv (repo, commit, path, line, rule, verdict, reason).
 * Verdicts: TP (a real problem), TP-low (right, but of low value: a realistic key in a unit test, a
 * public-by-design key), FP. Labels never hold a secret; the report prints none either.
 *
 *   --corpus DIR        the folder of repositories (required); DIR/manifest.tsv (repo, commit, dir,
 *                       status) names each folder's repository and commit, when present
 *   --sample N          score a seeded random sample of N findings (default 120)
 *   --seed S            the sample's seed (default 1): the same seed and findings give the same sample
 *   --unlabelled FILE   write the findings that still need a verdict (sample and --all repos) as TSV
 *   --all REPO          also list every finding of REPO for labelling (repeatable)
 *   --scan FILE         reuse a JSON scan written by an earlier run instead of scanning again
 *   --json FILE         write the full report as JSON
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileRoleOf } from '../../server/src/core/fileRole.js';
import { seededRandom } from '../../test/helpers/random.js';

const ROOT = path.resolve(__dirname, '..', '..');
const LABELS = path.join(__dirname, 'labels.tsv');
const HEADER = ['repo', 'commit', 'path', 'line', 'rule', 'verdict', 'reason'];
type Verdict = 'TP' | 'TP-low' | 'FP';

interface Finding { repo: string; commit: string; path: string; line: number; rule: string; severity: string; confidence?: string }
interface Label { repo: string; commit: string; path: string; line: number; rule: string; verdict: Verdict; reason: string }

const keyOf = (f: { repo: string; path: string; line: number; rule: string }) => `${f.repo}\t${f.path}\t${f.line}\t${f.rule}`;

function readManifest(corpus: string): Map<string, { repo: string; commit: string }> {
  const byDir = new Map<string, { repo: string; commit: string }>();
  const file = path.join(corpus, 'manifest.tsv');
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [repo, commit, dir, status] = line.split('\t');
      if (repo && dir && status?.startsWith('ok')) byDir.set(dir, { repo, commit });
    }
  }
  for (const dir of fs.readdirSync(corpus)) {
    if (!byDir.has(dir) && fs.statSync(path.join(corpus, dir)).isDirectory()) byDir.set(dir, { repo: dir.replace('+', '/'), commit: '' });
  }
  return byDir;
}

export function readLabels(file = LABELS): Label[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => {
    const [repo, commit, p, line, rule, verdict, reason] = l.split('\t');
    if (!['TP', 'TP-low', 'FP'].includes(verdict)) throw new Error(`labels.tsv: bad verdict "${verdict}" in: ${l}`);
    return { repo, commit, path: p, line: Number(line), rule, verdict: verdict as Verdict, reason: reason ?? '' };
  });
}

function scanCorpus(corpus: string, manifest: Map<string, { repo: string; commit: string }>): Finding[] {
  const cli = path.join(ROOT, 'bin', 'secretzero.js');
  const dirs = [...manifest.keys()].filter((d) => fs.existsSync(path.join(corpus, d))).sort();
  const r = spawnSync(process.execPath, [cli, 'scan', ...dirs, '--format', 'json', '--allow-empty', '--quiet'], { cwd: corpus, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status === 2) throw new Error(`secretzero scan failed: ${r.stderr}`);
  return JSON.parse(r.stdout).findings.map((f: any) => {
    const [dir, ...rest] = String(f.path).split('/');
    const m = manifest.get(dir)!;
    return { repo: m.repo, commit: m.commit, path: rest.join('/'), line: f.line, rule: f.ruleId, severity: f.severity, confidence: f.confidence };
  });
}

export function sampleOf<T>(items: T[], n: number, seed: number): T[] {
  // Mulberry32, the tests' seeded generator: the same seed and findings give the same sample anywhere.
  const rnd = seededRandom(seed);
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

interface Score { n: number; labelled: number; tp: number; low: number; fp: number }
const empty = (): Score => ({ n: 0, labelled: 0, tp: 0, low: 0, fp: 0 });
function add(s: Score, v: Verdict | undefined) {
  s.n++;
  if (!v) return;
  s.labelled++;
  if (v === 'TP') s.tp++; else if (v === 'TP-low') s.low++; else s.fp++;
}
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)} %` : 'n/a');
const row = (name: string, s: Score) => `| ${name} | ${s.n} | ${s.labelled} | ${s.tp} | ${s.low} | ${s.fp} | ${pct(s.tp, s.labelled)} | ${pct(s.tp + s.low, s.labelled)} |`;
const TABLE_HEAD = '| | findings | labelled | TP | TP-low | FP | precision (TP) | precision (TP + TP-low) |\n|---|---|---|---|---|---|---|---|';

function main() {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' }, sample: { type: 'string', default: '120' }, seed: { type: 'string', default: '1' },
      unlabelled: { type: 'string' }, all: { type: 'string', multiple: true, default: [] }, scan: { type: 'string' }, json: { type: 'string' },
    },
  });
  if (!values.corpus) throw new Error('--corpus DIR is required (a folder of repositories, e.g. ../dev-corpus)');
  const corpus = path.resolve(values.corpus);
  const manifest = readManifest(corpus);
  const started = Date.now();
  const findings: Finding[] = values.scan && fs.existsSync(values.scan) ? JSON.parse(fs.readFileSync(values.scan, 'utf8')) : scanCorpus(corpus, manifest);
  if (values.scan && !fs.existsSync(values.scan)) fs.writeFileSync(values.scan, JSON.stringify(findings));
  const labels = new Map(readLabels().map((l) => [keyOf(l), l]));
  const verdictOf = (f: Finding) => labels.get(keyOf(f))?.verdict;
  const roleOf = (f: Finding) => fileRoleOf(f.path);

  const byRule = new Map<string, Score>();
  for (const f of findings) byRule.set(f.rule, byRule.get(f.rule) ?? empty());
  const sample = sampleOf(findings, Number(values.sample), Number(values.seed));
  const sampleScore = empty();
  const sampleByRule = new Map<string, Score>();
  const sampleByRole = new Map<string, Score>();
  for (const f of sample) {
    const v = verdictOf(f);
    add(sampleScore, v);
    add(sampleByRule.get(f.rule) ?? sampleByRule.set(f.rule, empty()).get(f.rule)!, v);
    add(sampleByRole.get(roleOf(f)) ?? sampleByRole.set(roleOf(f), empty()).get(roleOf(f))!, v);
  }
  const all = empty();
  for (const f of findings) { const v = verdictOf(f); add(all, v); add(byRule.get(f.rule)!, v); }

  // Labelled real problems the scan no longer reports: each must have a reason in the notes.
  const present = new Set(findings.map(keyOf));
  const lost = [...labels.values()].filter((l) => l.verdict !== 'FP' && !present.has(keyOf(l)));

  const out: string[] = [];
  out.push(`# real-world benchmark: ${findings.length} findings in ${manifest.size} repositories (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  out.push('', `## Sample: ${sample.length} findings, seed ${values.seed}`, '', TABLE_HEAD, row('all', sampleScore));
  for (const [rule, s] of [...sampleByRule].sort((a, b) => b[1].n - a[1].n)) out.push(row(rule, s));
  out.push('', 'By file role:', '', TABLE_HEAD);
  for (const [role, s] of [...sampleByRole].sort((a, b) => b[1].n - a[1].n)) out.push(row(role, s));
  out.push('', '## Every finding, by rule (labelled ones scored)', '', TABLE_HEAD, row('all', all));
  for (const [rule, s] of [...byRule].sort((a, b) => b[1].n - a[1].n)) out.push(row(rule, s));
  out.push('', `## Labelled TP / TP-low no longer reported: ${lost.length}`);
  for (const l of lost) out.push(`- ${l.verdict} ${l.repo} ${l.path}:${l.line} ${l.rule} (${l.reason})`);
  console.log(out.join('\n'));

  const todo = [...sample, ...findings.filter((f) => values.all!.includes(f.repo))].filter((f) => !verdictOf(f));
  const unique = [...new Map(todo.map((f) => [keyOf(f), f])).values()];
  if (values.unlabelled) {
    fs.writeFileSync(values.unlabelled, [HEADER.join('\t'), ...unique.map((f) => [f.repo, f.commit, f.path, f.line, f.rule, '', ''].join('\t'))].join('\n') + '\n');
    console.log(`\n${unique.length} findings without a verdict written to ${values.unlabelled}`);
  } else if (unique.length) {
    console.log(`\n${unique.length} findings in the sample (or --all repositories) have no verdict: --unlabelled FILE lists them`);
  }
  if (values.json) fs.writeFileSync(values.json, JSON.stringify({ total: findings.length, sample: sampleScore, sampleByRule: Object.fromEntries(sampleByRule), sampleByRole: Object.fromEntries(sampleByRole), byRule: Object.fromEntries(byRule), lost }, null, 2));
}

if (require.main === module) main();
