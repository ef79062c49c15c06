import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { parse as parseJsonc, parseTree, type ParseError } from 'jsonc-parser';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../server/src/core/analyze.js';
import { neutralizeTemplates } from '../../server/src/core/analyzers/yaml/templates.js';
import { classify, type FileKind } from '../../server/src/core/classify.js';
import { applyEdits } from '../../server/src/core/text/applyEdits.js';
import { LineIndex } from '../../server/src/core/text/lineIndex.js';
import { DEFAULT_SETTINGS, type Finding, type Fix, type TextEdit } from '../../server/src/core/types.js';
import { NodeHost } from '../../server/src/node/nodeHost.js';
import { checkEdits } from '../fuzz/check.js';
import { FIXTURES } from '../helpers/fixtures.js';

/**
 * Every quick fix of every finding of every fixture, applied alone to the original text, must:
 * apply cleanly (edits inside the document, not overlapping) and change nothing outside its edits;
 * leave a file that parses as well as before (TypeScript, jsonc-parser, yaml, dockerfile-ast,
 * dotenv lines); make the targeted diagnostic go away; keep the secret recoverable where it
 * promises to (a moved value is `NAME=<value>` in the `.env`, a VS Code `${input:…}` is a password
 * prompt). A `safe` fix (fix-all may apply it unasked) may touch only the lines of its finding,
 * plus import lines it needs and renames of single identifiers.
 *
 * Each fixture family is copied to a temporary workspace, twice: as it is, and with a git-ignored
 * `.env` (where the literal fixes also offer to move the value there). External edits are written
 * to a copy of that workspace before the re-analysis.
 */
const FAMILIES = fs.readdirSync(FIXTURES).filter((d) => fs.statSync(path.join(FIXTURES, d)).isDirectory()).sort();
const VARIANTS = {
  plain: {} as Record<string, string>,
  'ignored .env': { '.gitignore': 'node_modules/\n.env\n', '.env': 'EXISTING=1' } as Record<string, string>,
};
const DOCKER_KEYWORDS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
const SCRIPT_KINDS = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX };

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The documents of a family and the path each is analysed under (`x.env.fixture` is the `.env` of a folder `x/`). */
function documentsOf(ws: string): { rel: string; docPath: string }[] {
  return listFiles(ws).map((p) => path.relative(ws, p)).filter((rel) => !/(^|\/)\.(gitignore|env)$/.test(rel) && !rel.endsWith('.dockerignore'))
    .sort().map((rel) => ({ rel, docPath: path.join(ws, rel.replace(/([^/]+)\.env\.fixture$/, '$1/.env')) }));
}

function workspace(family: string, extra: Record<string, string>): string {
  const ws = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sz-fixsafety-')), family);
  fs.cpSync(path.join(FIXTURES, family), ws, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) fs.writeFileSync(path.join(ws, rel), text);
  return ws;
}

/** How badly a text parses in its language (0 = clean); a fix must not make it worse. */
function parseProblems(kind: FileKind, file: string, text: string): number {
  switch (kind.kind) {
    case 'typescript':
      return ((ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, SCRIPT_KINDS[kind.scriptKind]) as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics ?? []).length;
    case 'json': case 'mcp-config': {
      const errors: ParseError[] = [];
      parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
      return errors.length;
    }
    case 'yaml': {
      // Helm templates parse once their {{ … }} actions are blanked out, as the analyzer reads them.
      const docs = parseAllDocuments(neutralizeTemplates(text));
      return Array.isArray(docs) ? docs.reduce((n, d) => n + d.errors.length, 0) : 0;
    }
    case 'dockerfile':
      try {
        return DockerfileParser.parse(text).getInstructions().filter((i) => !DOCKER_KEYWORDS.has(i.getKeyword().toUpperCase())).length;
      } catch { return 1000; }
    case 'dotenv':
      return dotenvProblems(text);
    default:
      return 0;
  }
}

function dotenvProblems(text: string): number {
  return text.split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith('#') && !/^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/.test(l)).length;
}

/** `NAME=value` lines of a dotenv text, values decoded the way dotenv reads them. */
function dotenvValues(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const raw = m[2];
    let value = raw;
    if (/^'.*'$/.test(raw)) value = raw.slice(1, -1);
    else if (/^".*"$/.test(raw)) value = raw.slice(1, -1).replace(/\\(["\\n])/g, (_, c) => (c === 'n' ? '\n' : c));
    out.set(m[1], value);
  }
  return out;
}

/** The secret a finding is about: the text its range covers, without the quotes around a literal. */
function secretOf(text: string, f: Finding): string {
  const lines = new LineIndex(text);
  const raw = text.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end));
  return /^(["'`]).*\1$/s.test(raw) ? raw.slice(1, -1) : raw;
}

const IMPORT_LINES = /^(\s*(import\s[^;]*;?|const\s+\{[^}]*\}\s*=\s*require\([^)]*\);?|const\s+\w+\s*=\s*require\([^)]*\);?)\s*)+$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Why a safe fix's edit reaches beyond its finding's lines, or undefined when it may. */
function outsideConstruct(text: string, f: Finding, e: TextEdit): string | undefined {
  if (e.range.start.line >= f.range.start.line && e.range.end.line <= f.range.end.line) return undefined;
  const lines = new LineIndex(text);
  const old = text.slice(lines.offsetAt(e.range.start), lines.offsetAt(e.range.end));
  if (old === '' && IMPORT_LINES.test(e.newText)) return undefined; // the import the fix needs
  if (IDENTIFIER.test(old) && IDENTIFIER.test(e.newText)) return undefined; // a rename of a field the construct yields
  return `edits line ${e.range.start.line + 1} (${JSON.stringify(old.slice(0, 30))} → ${JSON.stringify(e.newText.slice(0, 30))}) outside the finding's lines ${f.range.start.line + 1}-${f.range.end.line + 1}`;
}

/** Writes the fixed document and the fix's external edits to a copy of the workspace; returns its host-side paths. */
function applyToCopy(ws: string, docPath: string, fixed: string, fix: Fix): { ws: string; docPath: string; files: Map<string, string> } {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sz-fixsafety-after-')), path.basename(ws));
  fs.cpSync(ws, copy, { recursive: true });
  const moved = (p: string) => path.join(copy, path.relative(ws, p));
  fs.writeFileSync(moved(docPath), fixed);
  const files = new Map<string, string>();
  for (const ext of fix.externalEdits ?? []) {
    const target = moved(ext.path);
    const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    const after = applyEdits(before, ext.edits);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, after);
    files.set(ext.path, after);
  }
  return { ws: copy, docPath: moved(docPath), files };
}

function checkFix(ws: string, docPath: string, kind: FileKind, text: string, findings: Finding[], f: Finding, fix: Fix): string[] {
  const problems: string[] = [];
  const host = new NodeHost([ws]);
  problems.push(...checkEdits(text, fix.edits, 'document').map((v) => v.detail));
  for (const ext of fix.externalEdits ?? []) {
    const current = host.readFile(ext.path);
    if (!ext.path.startsWith(ws + path.sep)) problems.push(`external edit outside the workspace: ${ext.path}`);
    if (ext.create !== (current === undefined)) problems.push(`external edit of ${path.basename(ext.path)}: create=${ext.create} but the file ${current === undefined ? 'does not exist' : 'exists'}`);
    problems.push(...checkEdits(current ?? '', ext.edits, path.basename(ext.path)).map((v) => v.detail));
  }
  if (problems.length) return problems;

  const fixed = applyEdits(text, fix.edits);
  // Nothing outside the edits changes: the text before the first and after the last edit is intact.
  if (fix.edits.length) {
    const lines = new LineIndex(text);
    const first = Math.min(...fix.edits.map((e) => lines.offsetAt(e.range.start)));
    const last = Math.max(...fix.edits.map((e) => lines.offsetAt(e.range.end)));
    if (!fixed.startsWith(text.slice(0, first)) || !fixed.endsWith(text.slice(last))) problems.push('text outside the edits changed');
  } else if (!fix.externalEdits?.length) problems.push('the fix changes nothing');

  const before = parseProblems(kind, docPath, text);
  const after = parseProblems(kind, docPath, fixed);
  if (after > before) problems.push(`the fixed ${kind.kind} no longer parses as well (${before} → ${after} problems)`);

  if (fix.applicability === 'safe') for (const e of fix.edits) { const why = outsideConstruct(text, f, e); if (why) problems.push(`safe fix ${why}`); }

  const copy = applyToCopy(ws, docPath, fixed, fix);
  for (const [p, content] of copy.files) {
    const base = path.basename(p);
    if (/^\.env/.test(base) && dotenvProblems(content) > 0) problems.push(`${base} no longer parses as dotenv lines`);
    if (content.length && !content.endsWith('\n')) problems.push(`${base} does not end with a newline`);
  }
  // The targeted diagnostic is gone (counted: the same secret may be reported twice).
  const again = analyze({ path: copy.docPath, text: fixed }, DEFAULT_SETTINGS, { host: new NodeHost([copy.ws]) }).findings;
  const same = (x: Finding) => x.ruleId === f.ruleId && x.fingerprint === f.fingerprint;
  if (again.filter(same).length >= findings.filter(same).length) problems.push('the targeted diagnostic is still reported after the fix');

  // A value moved to .env is there (the whole value the secret was part of), under the name the document now references.
  const secret = secretOf(text, f);
  for (const [p, content] of copy.files) {
    if (!/^\.env/.test(path.basename(p))) continue;
    const added = [...dotenvValues(content)].filter(([name]) => !dotenvValues(host.readFile(p) ?? '').has(name));
    if (!added.some(([, v]) => v.includes(secret))) problems.push(`${path.basename(p)} does not receive the secret value as NAME=<value> (added: ${added.map(([n]) => n).join(', ') || 'nothing'})`);
    for (const [name] of added) if (!fixed.includes(name)) problems.push(`the document does not reference ${name}, the name the value was moved to`);
    if (fixed.split(secret).length >= text.split(secret).length) problems.push('the moved secret is still in the document');
  }
  // A VS Code input the fix introduces prompts as a password.
  const newInputs = [...fixed.matchAll(/\$\{input:([^}]+)\}/g)].map((m) => m[1]).filter((id) => !text.includes(`\${input:${id}}`));
  if (newInputs.length) {
    const root = parseJsonc(fixed, [], { allowTrailingComma: true }) ?? {};
    const inputs: { id?: string; password?: boolean; type?: string }[] = root.inputs ?? root.mcp?.inputs ?? [];
    for (const id of new Set(newInputs)) {
      const decl = inputs.filter((i) => i.id === id);
      if (decl.length !== 1 || decl[0].password !== true || decl[0].type !== 'promptString') problems.push(`\${input:${id}} is not declared once as a promptString with "password": true`);
    }
  }
  return problems;
}

const tally = { documents: 0, findings: 0, fixes: 0, safe: 0, movedToDotenv: 0 };

describe('fix safety: every quick fix of every fixture, one at a time', () => {
  after(() => console.log(`fix safety: ${tally.fixes} fixes (${tally.safe} safe, ${tally.movedToDotenv} moving a value to .env) of ${tally.findings} findings in ${tally.documents} documents checked`));

  for (const [variant, extra] of Object.entries(VARIANTS)) {
    for (const family of FAMILIES) {
      it(`${family} (${variant} workspace)`, () => {
        const ws = workspace(family, extra);
        const failures: string[] = [];
        let checked = 0;
        for (const { rel, docPath } of documentsOf(ws)) {
          const text = fs.readFileSync(path.join(ws, rel), 'utf8');
          if (!fs.existsSync(docPath)) { fs.mkdirSync(path.dirname(docPath), { recursive: true }); fs.writeFileSync(docPath, text); }
          const kind = classify(docPath, undefined, text);
          const findings = analyze({ path: docPath, text }, DEFAULT_SETTINGS, { host: new NodeHost([ws]) }).findings;
          tally.documents++;
          tally.findings += findings.length;
          for (const f of findings) {
            for (const fix of f.fixes) {
              checked++;
              tally.fixes++;
              if (fix.applicability === 'safe') tally.safe++;
              if (fix.externalEdits?.some((e) => /^\.env/.test(path.basename(e.path)))) tally.movedToDotenv++;
              for (const p of checkFix(ws, docPath, kind, text, findings, f, fix)) failures.push(`${rel}:${f.range.start.line + 1} ${f.ruleId} — "${fix.title}": ${p}`);
            }
          }
        }
        assert.deepEqual(failures, [], `${failures.length} of ${checked} fixes fail:\n${failures.join('\n')}`);
      });
    }
  }

  it('the checks catch a fix that breaks the file, leaves the diagnostic, edits beyond its construct or loses the secret', () => {
    const ws = workspace('hardcoded-credential', VARIANTS['ignored .env']);
    const docPath = path.join(ws, 'typescript.ts');
    const text = fs.readFileSync(docPath, 'utf8');
    const findings = analyze({ path: docPath, text }, DEFAULT_SETTINGS, { host: new NodeHost([ws]) }).findings;
    const f = findings.find((x) => x.ruleId === 'hardcoded-credential' && x.fixes.some((y) => y.externalEdits?.length))!;
    assert.ok(f, 'a literal with a move-to-.env fix');
    const kind = classify(docPath);
    const real = f.fixes.find((y) => y.externalEdits?.length)!;
    assert.deepEqual(checkFix(ws, docPath, kind, text, findings, f, real), []);
    const broken: Fix = { ...real, edits: real.edits.map((e) => ({ ...e, newText: e.newText + ' ((' })) };
    assert.ok(checkFix(ws, docPath, kind, text, findings, f, broken).some((p) => p.includes('no longer parses')));
    const noop: Fix = { ...real, edits: [{ range: f.range, newText: secretOf(text, f).length ? text.slice(new LineIndex(text).offsetAt(f.range.start), new LineIndex(text).offsetAt(f.range.end)) : '' }], externalEdits: [] };
    assert.ok(checkFix(ws, docPath, kind, text, findings, f, noop).some((p) => p.includes('still reported')));
    const farAway: Fix = { ...real, applicability: 'safe', edits: [...real.edits, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: '/*' }] };
    assert.ok(checkFix(ws, docPath, kind, text, findings, f, farAway).some((p) => p.includes('outside the finding')));
    const lost: Fix = { ...real, externalEdits: real.externalEdits!.map((e) => ({ ...e, edits: e.edits.map((x) => ({ ...x, newText: x.newText.replace(/=.*/, '=changeme') })) })) };
    assert.ok(checkFix(ws, docPath, kind, text, findings, f, lost).some((p) => p.includes('does not receive the secret')));
  });
});
