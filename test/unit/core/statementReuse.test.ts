import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { generateTsServer, rng } from '../../../bench/generate.js';
import { analyze } from '../../../server/src/core/analyze.js';
import { DEFAULT_SETTINGS, type AnalysisResult } from '../../../server/src/core/types.js';
import { IncrementalParseCache } from '../../../server/src/lsp/incrementalParse.js';
import { TS_FAMILIES } from '../../../server/src/core/analyzers/typescript/rules/index.js';
import { PY_FAMILIES } from '../../../server/src/core/analyzers/python/rules/index.js';
import { sitesOf } from '../../../server/src/core/analyzers/python/fileIndex.js';
import { fileIndexOf } from '../../../server/src/core/analyzers/typescript/dataflow/fileIndex.js';
import { generatePyServer } from '../../../bench/generatePython.js';
import type { ParseCache } from '../../../server/src/core/parseCache.js';
import type { RuleId } from '../../../server/src/core/rules/catalog.generated.js';
import type { RuleFamily } from '../../../server/src/core/analyzers/ruleFamily.js';
import type { AnalysisContext } from '../../../server/src/core/analyzers/context.js';
import { MemoryHost } from '../../helpers/memoryHost.js';

/**
 * The language server keeps each statement's findings between keystrokes and redoes only the
 * statements an edit made stale (typescript/statementReuse.ts). Every answer it gives must be the
 * answer of a fresh analysis of the same text, whatever the edit: a character typed or deleted,
 * a name renamed where it is declared or used, a line deleted, duplicated or moved elsewhere.
 */

const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** Findings in a stable order, so that reused and fresh ones compare whatever order they came in. */
function canonical(r: AnalysisResult): string[] {
  return r.findings.map((f) => JSON.stringify(f)).sort();
}

/** A whole identifier occurrence somewhere in the text, with its span. */
function someIdentifier(text: string, r: () => number): { at: number; name: string } | undefined {
  const ids = [...text.matchAll(/\b[A-Za-z_$][\w$]{2,}\b/g)];
  if (!ids.length) return undefined;
  const m = ids[Math.floor(r() * ids.length)];
  return { at: m.index!, name: m[0] };
}

/** One edit a user could make; the kinds that move declarations between statements come often. */
export function statementEdit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const line = Math.floor(r() * lines.length);
  const k = r();
  if (k < 0.25) {
    const i = Math.floor(r() * (text.length + 1));
    return text.slice(0, i) + 'a}{)(;\'"` .=,\n/'[Math.floor(r() * 16)] + text.slice(i);
  }
  if (k < 0.4) {
    const i = Math.floor(r() * text.length);
    return text.slice(0, i) + text.slice(i + 1);
  }
  if (k < 0.6) {
    // Rename one occurrence: a declaration no longer matches its uses, or a use now names another binding.
    const id = someIdentifier(text, r);
    if (!id) return text;
    const other = someIdentifier(text, r)?.name ?? 'renamed';
    return text.slice(0, id.at) + (r() < 0.5 ? `${id.name}X` : other) + text.slice(id.at + id.name.length);
  }
  if (k < 0.7) { lines.splice(line, 1); return lines.join('\n'); }
  if (k < 0.85) { lines.splice(Math.floor(r() * lines.length), 0, lines[line]); return lines.join('\n'); }
  const [moved] = lines.splice(line, 1);
  lines.splice(Math.floor(r() * lines.length), 0, moved);
  return lines.join('\n');
}

/**
 * The reference analysis. For TypeScript, a fresh parse. For Python, the same incremental parses
 * without the kept findings: @lezer/python's error recovery on a text with syntax errors can
 * differ between an incremental and a fresh parse (the trees agree again once the text parses),
 * which is the parser's business, not what this test is about.
 */
function referenceCache(filePath: string): ParseCache | undefined {
  if (!/\.pyi?$/.test(filePath)) return undefined;
  const trees = new IncrementalParseCache();
  return { tree: trees.tree.bind(trees) };
}

function storm(filePath: string, start: string, seed: number, edits: number, edit = statementEdit): number {
  const cache = new IncrementalParseCache();
  const reference = referenceCache(filePath);
  const r = rng(seed);
  let text = start;
  let findings = 0;
  for (let i = 0; i <= edits; i++) {
    const kept = analyze({ path: filePath, text }, DEFAULT_SETTINGS, { parseCache: cache });
    const fresh = analyze({ path: filePath, text }, DEFAULT_SETTINGS, { parseCache: reference });
    assert.deepEqual(canonical(kept), canonical(fresh), `${path.basename(filePath)}, after edit ${i} (seed ${seed})`);
    findings += fresh.findings.length;
    text = edit(text, r);
  }
  return findings;
}

function fixtures(extensions: RegExp): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(FIXTURES)) {
    const full = path.join(FIXTURES, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    for (const f of fs.readdirSync(full)) if (extensions.test(f) && !/\.fixed\./.test(f)) out.push(path.join(full, f));
  }
  return out.sort();
}

/** Wraps the family of `rule` to record, per run, the lines of the calls it was asked to judge (each line once). */
function recordJudged<Tree>(families: readonly RuleFamily<Tree>[], rule: RuleId, callLines: (ctx: AnalysisContext, tree: Tree) => number[]): { judged: number[][]; restore: () => void } {
  const family = families.find((f) => f.rules.includes(rule))!;
  const check = family.check;
  const judged: number[][] = [];
  (family as { check: typeof check }).check = (ctx, tree) => {
    judged.push([...new Set(callLines(ctx, tree))]);
    check(ctx, tree);
  };
  return { judged, restore: () => { (family as { check: typeof check }).check = check; } };
}

const recordJudgedCalls = (rule: RuleId) =>
  recordJudged(PY_FAMILIES, rule, (ctx, idx) => sitesOf(idx, idx.calls).map((n) => ctx.lines.positionAt(n.from).line));

describe('findings kept per statement equal a fresh analysis', () => {
  it('some TS and Python families are reused per statement (the rest of this file tests something)', () => {
    assert.ok(TS_FAMILIES.filter((f) => f.perStatement).length >= 3);
    assert.ok(PY_FAMILIES.filter((f) => f.perStatement).length >= 3);
  });

  for (const [language, extensions, count] of [['TS/JS', /\.(ts|js|mjs|cjs|tsx|jsx)$/, 30], ['Python', /\.pyi?$/, 25]] as const) {
    it(`every ${language} fixture under 30 edits of every kind, and a CRLF copy of it under 12`, () => {
      const files = fixtures(extensions);
      assert.ok(files.length >= count, `found ${files.length} fixtures`);
      let findings = 0;
      files.forEach((f, i) => {
        const text = fs.readFileSync(f, 'utf8');
        findings += storm(f, text, 100 + i, 30);
        findings += storm(f.replace(/(\.\w+)$/, '.crlf$1'), text.replace(/\r?\n/g, '\r\n'), 300 + i, 12);
      });
      assert.ok(findings > 800, `the edited fixtures still had findings to compare (${findings})`);
    });
  }

  it('every fixture as a test file (only known formats kept, the parse skipped without a hint) under 30 edits', () => {
    let findings = 0;
    fixtures(/\.(ts|js|mjs|cjs|pyi?)$/).forEach((f, i) => {
      const asTest = /\.pyi?$/.test(f) ? path.join(path.dirname(f), `test_${path.basename(f)}`) : f.replace(/(\.\w+)$/, '.test$1');
      findings += storm(asTest, fs.readFileSync(f, 'utf8'), 500 + i, 30);
    });
    assert.ok(findings > 100, `the edited test files still had findings to compare (${findings})`);
  });

  it('a generated 1,000-line Python server under 150 edits', () => {
    const text = generatePyServer({ lines: 1000, seed: 23, findings: 10 });
    assert.ok(storm('/w/src/server23.py', text, 23, 150) > 150);
  });

  for (const seed of [21, 22]) {
    it(`a generated 800-line server (seed ${seed}) under 120 edits`, () => {
      const text = generateTsServer({ lines: 800, seed, findings: 12, js: seed % 2 === 0 });
      assert.ok(storm(`/w/src/server${seed}.${seed % 2 === 0 ? 'js' : 'ts'}`, text, seed, 120) > 120);
    });
  }

  it('a changed function body reaches the log call in another statement that uses it', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/server.ts';
    const before = [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      'const a = 1;', 'const b = 2;', 'const c = 3;', 'const d = 4;', 'const e = 5;', 'const f = 6;', 'const g = 7;',
      'function credential() {',
      "  return 'nothing here';",
      '}',
      'console.log(credential());',
      '',
    ].join('\n');
    const after = before.replace("'nothing here'", 'process.env.OPENAI_API_KEY');
    assert.equal(analyze({ path: file, text: before }, DEFAULT_SETTINGS, { parseCache: cache }).findings.length, 0);
    const logged = analyze({ path: file, text: after }, DEFAULT_SETTINGS, { parseCache: cache }).findings;
    assert.deepEqual(logged.map((f) => [f.ruleId, f.range.start.line]), [['secret-logged', 11]]);
    assert.deepEqual(canonical({ findings: logged }), canonical(analyze({ path: file, text: after })));
  });

  it('a removed declaration reaches the statements that read it, now unbound', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/server.ts';
    const filler = ['const a = 1;', 'const b = 2;', 'const c = 3;', 'const d = 4;', 'const e = 5;', 'const f = 6;', 'const g = 7;', 'const h = 8;', 'const i = 9;', 'const j = 10;'];
    const declared = [...filler, 'const apiKey = process.env.OPENAI_API_KEY;', 'export function show() { console.log(apiKey); }', ''].join('\n');
    const removed = declared.replace('const apiKey = process.env.OPENAI_API_KEY;\n', '');
    const renamed = declared.replace('const apiKey =', 'const apiKeyOld =');
    for (const next of [removed, renamed]) {
      const first = analyze({ path: file, text: declared }, DEFAULT_SETTINGS, { parseCache: cache });
      assert.ok(first.findings.some((f) => f.ruleId === 'secret-logged' && f.message.includes('OPENAI_API_KEY')));
      const after = analyze({ path: file, text: next }, DEFAULT_SETTINGS, { parseCache: cache });
      assert.ok(!after.findings.some((f) => f.message.includes('OPENAI_API_KEY')), 'the finding no longer names the removed source');
      assert.deepEqual(canonical(after), canonical(analyze({ path: file, text: next })));
    }
  });

  it('a new use elsewhere of a module-level lookup withdraws the fix that deletes it as unused', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/metadata.ts';
    const filler = Array.from({ length: 10 }, (_, i) => `const f${i} = ${i};`);
    const unused = [...filler, "const creds = await fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/app');",
      'export function use() { return 1; }', ''].join('\n');
    const used = unused.replace('return 1;', 'return creds;');
    const titles = (r: AnalysisResult) => r.findings.flatMap((f) => f.fixes.map((x) => x.title)).filter((t) => /remove|delete/i.test(t));
    assert.equal(titles(analyze({ path: file, text: unused }, DEFAULT_SETTINGS, { parseCache: cache })).length, 1);
    const after = analyze({ path: file, text: used }, DEFAULT_SETTINGS, { parseCache: cache });
    assert.deepEqual(titles(after), []);
    assert.deepEqual(canonical(after), canonical(analyze({ path: file, text: used })));
  });

  it('a handler that stops validating with a schema declared elsewhere withdraws the finding on the schema', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/translate.ts';
    const filler = Array.from({ length: 10 }, (_, i) => `const f${i} = ${i};`);
    const text = (schema: string) => [
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
      "import { z } from 'zod';",
      "const server = new Server({ name: 'x', version: '1' }, { capabilities: { tools: {} } });",
      ...filler,
      'const TranslateArgs = z.object({ text: z.string(), deeplAuthKey: z.string() });',
      'server.setRequestHandler(CallToolRequestSchema, async (request) => {',
      `  const args = ${schema}.parse(request.params.arguments);`,
      "  return { content: [{ type: 'text', text: args.text }] };",
      '});',
      '',
    ].join('\n');
    const first = analyze({ path: file, text: text('TranslateArgs') }, DEFAULT_SETTINGS, { parseCache: cache });
    assert.deepEqual(first.findings.map((f) => [f.ruleId, f.range.start.line]), [['credential-tool-parameter', 14]]);
    const after = analyze({ path: file, text: text('OtherArgs') }, DEFAULT_SETTINGS, { parseCache: cache });
    assert.deepEqual(after.findings, []);
    assert.deepEqual(canonical(after), canonical(analyze({ path: file, text: text('OtherArgs') })));
  });

  it('a .env that appears, or grows, between keystrokes reaches the fixes kept for unchanged statements', () => {
    const cache = new IncrementalParseCache();
    const file = '/ws/src/keys.ts';
    const filler = Array.from({ length: 10 }, (_, i) => `const f${i} = ${i};`);
    const key = `sk-proj-${'Ab3De5Gh7Jk9Mn2Pq4St6Vx8Zb1Cd3Ef5Gh7Jk9'}`;
    const text = (n: number) => [...filler, `export const openaiKey = "${key}";`, `export const other = ${n};`, ''].join('\n');
    const dotenvFixes = (r: AnalysisResult) => r.findings.flatMap((f) => f.fixes).filter((x) => x.externalEdits?.length);
    const host = new MemoryHost('/ws', {}, { ignored: ['.env'] });
    assert.deepEqual(dotenvFixes(analyze({ path: file, text: text(1) }, DEFAULT_SETTINGS, { parseCache: cache, host })), []);
    host.files.set('/ws/.env', 'A=1\n');
    const created = analyze({ path: file, text: text(2) }, DEFAULT_SETTINGS, { parseCache: cache, host });
    assert.equal(dotenvFixes(created).length, 1, 'the .env variant appears without the literal\'s statement changing');
    host.files.set('/ws/.env', 'A=1\nB=2\n');
    const grown = analyze({ path: file, text: text(3) }, DEFAULT_SETTINGS, { parseCache: cache, host });
    assert.deepEqual(grown, analyze({ path: file, text: text(3) }, DEFAULT_SETTINGS, { host }), 'the append goes after the new last line');
  });

  it('a renamed tool reaches the finding on its schema declared in another statement', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/tools.ts';
    const text = (tool: string) => [
      "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
      "import { z } from 'zod';",
      "const server = new McpServer({ name: 'x', version: '1' });",
      'const a = 1;', 'const b = 2;', 'const c = 3;', 'const d = 4;', 'const e = 5;',
      'const Params = { apiKey: z.string(), query: z.string() };',
      `server.tool('${tool}', Params, async ({ query }) => ({ content: [{ type: 'text', text: query }] }));`,
      '',
    ].join('\n');
    const first = analyze({ path: file, text: text('search') }, DEFAULT_SETTINGS, { parseCache: cache }).findings;
    assert.ok(first.some((f) => f.ruleId === 'credential-tool-parameter' && f.message.includes('search')));
    const renamed = analyze({ path: file, text: text('lookup') }, DEFAULT_SETTINGS, { parseCache: cache });
    assert.deepEqual(canonical(renamed), canonical(analyze({ path: file, text: text('lookup') })));
    assert.ok(renamed.findings.some((f) => f.ruleId === 'credential-tool-parameter' && f.message.includes('lookup')));
  });

  // Python: a name a function assigns or takes as a parameter is that function's own (valuesOf reads
  // it there, as Python does); a module-level binding of the same name reaches only the functions
  // that do not. The word in a string, a comment or a keyword argument's name reads nothing.
  const pyModule = (value: string) => [
    'import os',
    'import logging',
    'log = logging.getLogger(__name__)',
    'A = 1', 'B = 2', 'C = 3', 'D = 4', 'E = 5', 'F = 6', 'G = 7', 'H = 8',
    `token = ${value}`,
    'def own_one():', '    token = os.environ["GITHUB_TOKEN"]', '    log.info("one %s", token)',
    'def own_two():', '    token = os.environ["SLACK_TOKEN"]', '    log.info("two %s", token)',
    'def own_three():', '    token = "fine"', '    log.info("three %s", token)',
    'def reads_module():', '    log.info("module %s", token)',
    'def takes_param(token):', '    log.info("param %s", token)',
    'def only_says_it():', '    log.info("token", extra=dict(token=1))  # token',
    '',
  ].join('\n');

  it('a changed module-level Python binding reaches the function that reads it, not those that assign their own, take it as a parameter or only say the word', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/server.py';
    const { judged: judgedLines, restore } = recordJudgedCalls('secret-logged');
    try {
      const before = analyze({ path: file, text: pyModule('"placeholder"') }, DEFAULT_SETTINGS, { parseCache: cache });
      assert.deepEqual(before.findings.filter((f) => f.ruleId === 'secret-logged').map((f) => f.range.start.line), [14, 17]);
      const after = analyze({ path: file, text: pyModule('os.environ["OPENAI_API_KEY"]') }, DEFAULT_SETTINGS, { parseCache: cache });
      assert.deepEqual(canonical(after), canonical(analyze({ path: file, text: pyModule('os.environ["OPENAI_API_KEY"]') })));
      assert.deepEqual(after.findings.filter((f) => f.ruleId === 'secret-logged').map((f) => f.range.start.line), [14, 17, 22]);
      // The second run judged the calls of reads_module only (the changed statement has none): the
      // three functions that assign their own `token`, the one that takes it as a parameter and the
      // one that only says the word kept their findings.
      assert.deepEqual(judgedLines[1], [22]);
    } finally {
      restore();
    }
  });

  it('a Python client whose token header is set in another statement is judged again when that statement changes', () => {
    // `session` is bound at module level, so imdsv1-request looks for `session.headers` in the whole
    // text: the statement that sets it defines nothing, yet the request depends on it.
    const cache = new IncrementalParseCache();
    const file = '/w/src/metadata.py';
    const text = (receiver: string) => [
      'import requests',
      'IMDS = "http://169.254.169.254/latest/meta-data/"',
      'session = requests.Session()',
      'A = 1', 'B = 2', 'C = 3', 'D = 4',
      `${receiver}.headers.update({"X-aws-ec2-metadata-token": "t"})`,
      'def hostname() -> str:', '    return session.get(IMDS + "hostname", timeout=2).text',
      '',
    ].join('\n');
    const imds = (r: AnalysisResult) => r.findings.filter((f) => f.ruleId === 'imdsv1-request').map((f) => f.range.start.line);
    assert.deepEqual(imds(analyze({ path: file, text: text('session') }, DEFAULT_SETTINGS, { parseCache: cache })), []);
    const after = analyze({ path: file, text: text('sesion') }, DEFAULT_SETTINGS, { parseCache: cache });
    assert.deepEqual(canonical(after), canonical(analyze({ path: file, text: text('sesion') })));
    assert.deepEqual(imds(after), [9]);
  });

  it('a Python tool registered elsewhere, or typed with a model declared elsewhere, follows those statements', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/tools.py';
    const text = (field: string, registered: boolean) => [
      'from mcp.server.fastmcp import FastMCP',
      'from pydantic import BaseModel',
      'mcp = FastMCP("x")',
      'A = 1', 'B = 2', 'C = 3', 'D = 4', 'E = 5',
      'class Creds(BaseModel):', `    ${field}: str`,
      'def rotate(client_secret: str, creds: Creds) -> str:', '    return "ok"',
      'F = 6',
      registered ? 'mcp.add_tool(rotate)' : 'G = 7',
      // Another tool, so that the family runs (and keeps its findings) in every version.
      '@mcp.tool()', 'def search(query: str) -> str:', '    return query',
      '',
    ].join('\n');
    const found = (r: AnalysisResult) => r.findings.filter((f) => f.ruleId === 'credential-tool-parameter').map((f) => f.range.start.line);
    const step = (field: string, registered: boolean) => {
      const kept = analyze({ path: file, text: text(field, registered) }, DEFAULT_SETTINGS, { parseCache: cache });
      assert.deepEqual(canonical(kept), canonical(analyze({ path: file, text: text(field, registered) })), `${field}, registered: ${registered}`);
      return found(kept);
    };
    assert.deepEqual(step('api_key', true), [9, 10]);
    assert.deepEqual(step('query', true), [10], 'the model field renamed in its class statement');
    assert.deepEqual(step('token', true), [9, 10], 'and back to a credential');
    assert.deepEqual(step('token: int  #', true), [10], 'typed as a number, away from the finding\'s own range');
    assert.deepEqual(step('token', true), [9, 10]);
    assert.deepEqual(step('token', false), [], 'the registration removed in its own statement');
    assert.deepEqual(step('token', true), [9, 10], 'and added again');
  });

  // Python: an import defines the names it binds, so a change to it reaches the statements that read
  // them; what rules read from the imports as a whole (an MCP SDK imported, how `os` and `boto3`
  // are bound) is in the signature and redoes everything when it changes.
  const IMPORT_HEADER = 7;
  const importingModule = (imports: Partial<Record<'os' | 'boto3' | 'sdk' | 'requests', string>> = {}) => [
    '"""Tools for the metadata service."""',
    'import logging',
    imports.os ?? 'import os',
    imports.requests ?? 'import requests as http',
    imports.boto3 ?? 'import boto3',
    imports.sdk ?? 'from mcp.types import TextContent',
    'from .app import server',
    'log = logging.getLogger(__name__)',
    'IMDS = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"',
    'def role_credentials(role: str) -> dict:', '    return http.get(IMDS + role, timeout=2).json()',
    'def connect():', '    return Client(password="Zx9!kQ2#vLp7@rT4")',
    'A = 1', 'B = 2', 'C = 3', 'D = 4', 'E = 5', 'F = 6',
    '@server.tool()', 'def lookup(api_key: str, query: str) -> list[dict]:', '    log.info("looking up %s", query)', '    return []',
    '',
  ].join('\n');

  /** An edit in the import lines (the first `header`): a character typed or deleted, a name renamed, the line emptied or as it first was. */
  function importLineEdit(original: string, header: number, alphabet: string): (text: string, r: () => number) => string {
    const first = original.split('\n');
    return (text, r) => {
      const lines = text.split('\n');
      const at = Math.floor(r() * header);
      const l = lines[at];
      const i = Math.floor(r() * (l.length + 1));
      const k = r();
      if (k < 0.3) lines[at] = l.slice(0, i) + alphabet[Math.floor(r() * alphabet.length)] + l.slice(i);
      else if (k < 0.5) lines[at] = l.slice(0, i) + l.slice(i + 1);
      else if (k < 0.65) lines[at] = l.replace(/\b(\w+)\b(?!.*\b\w+\b)/, '$1X');
      else if (k < 0.75) lines[at] = '';
      else lines[at] = first[at];
      return lines.join('\n');
    };
  }

  it('a changed Python import reaches what reads it: the name it binds, the MCP SDK it brings, the os and boto3 a fix uses', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/server.py';
    const { judged: judgedCalls, restore } = recordJudgedCalls('imdsv1-request');
    const step = (imports: Parameters<typeof importingModule>[0]) => {
      const text = importingModule(imports);
      const kept = analyze({ path: file, text }, DEFAULT_SETTINGS, { parseCache: cache });
      assert.deepEqual(canonical(kept), canonical(analyze({ path: file, text })), JSON.stringify(imports));
      const fixText = (rule: string) => kept.findings.filter((f) => f.ruleId === rule).flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => e.newText)));
      return { rules: kept.findings.map((f) => f.ruleId).sort(), imds: fixText('imdsv1-request'), env: fixText('hardcoded-credential') };
    };
    try {
      const base = step({});
      assert.deepEqual(base.rules, ['credential-tool-parameter', 'hardcoded-credential', 'imdsv1-request']);
      assert.ok(base.imds.some((t) => t.startsWith('boto3.Session()')) && !base.imds.some((t) => t.includes('import boto3')));
      assert.ok(!base.env.some((t) => t.includes('import os')));

      // A name the module reads elsewhere, renamed: only the statements that say it are judged again.
      judgedCalls.length = 0;
      assert.deepEqual(step({ requests: 'import requests as htp' }).rules, ['credential-tool-parameter', 'hardcoded-credential']);
      assert.deepEqual(judgedCalls[0], [10], 'the calls of role_credentials, not those of the rest of the module');
      assert.deepEqual(step({}), base);
      assert.deepEqual(step({ requests: 'import json as http' }).rules, ['credential-tool-parameter', 'hardcoded-credential'], 'the same name bound to another module');
      assert.deepEqual(step({}), base);
      // A name added to an import whose other names are read everywhere: only the import is judged again.
      judgedCalls.length = 0;
      assert.deepEqual(step({ sdk: 'from mcp.types import TextContent, ImageContent' }), base);
      assert.deepEqual(judgedCalls[0], [], 'no statement reads ImageContent');
      assert.deepEqual(step({}), base);

      // Each from the module as it was, so that only the import under test changed.
      assert.ok(step({ boto3: 'import boto3 as b3' }).imds.some((t) => t.startsWith('b3.Session()')), 'the fix writes the alias');
      assert.deepEqual(step({}), base);
      assert.ok(step({ boto3: 'import boto' }).imds.some((t) => t.includes('import boto3')), 'the fix adds the import');
      assert.deepEqual(step({}), base);
      assert.ok(step({ os: 'import oss' }).env.some((t) => t.includes('import os')), 'the fix adds import os');
      assert.deepEqual(step({}), base);
      assert.deepEqual(step({ sdk: 'from mcpx.types import TextContent' }).rules, ['hardcoded-credential', 'imdsv1-request'], 'no MCP SDK: the imported server is not one');
      assert.deepEqual(step({}), base);
    } finally {
      restore();
    }
  });

  // TypeScript: what an `import` declaration binds is compared name by name; a fix that adds or
  // extends an import edits outside its statement, so its finding is judged again every time.
  const TS_IMPORT_HEADER = 6;
  const tsImportingModule = (imports: Partial<Record<'jwt' | 'zod' | 'extra', string>> = {}) => [
    "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
    imports.zod ?? "import { z } from 'zod';",
    "import axios from 'axios';",
    imports.jwt ?? "import jwt from 'jsonwebtoken';",
    "import pino from 'pino';",
    imports.extra ?? '',
    'const logger = pino();',
    "const server = new McpServer({ name: 'x', version: '1.0.0' });",
    "const IMDS = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';",
    'export async function roleCredentials(role: string) {', '  const res = await axios.get(IMDS + role);', '  return res.data;', '}',
    'export function check(token: string) {', '  return jwt.verify(token, process.env.JWT_KEY!);', '}',
    "server.tool('lookup', { apiKey: z.string(), query: z.string() }, async ({ query }) => {",
    "  logger.info({ query }, 'lookup');",
    "  return { content: [{ type: 'text', text: query }] };",
    '});',
    '',
  ].join('\n');

  /** The TypeScript module as CommonJS: requires, `module.exports`. */
  const cjsModule = () => tsImportingModule()
    .replace(/^import \{ (\w+) \} from ('[^']+');$/gm, 'const { $1 } = require($2);')
    .replace(/^import (\w+) from ('[^']+');$/gm, 'const $1 = require($2);')
    .replace(/^export (async )?function (\w+)/gm, '$1function $2')
    + 'module.exports = { roleCredentials, check };\n';

  for (const [language, file, text, header, alphabet] of [
    ['Python', '/w/src/imports.py', importingModule(), IMPORT_HEADER, 'ab_ .,()3'],
    ['TypeScript', '/w/src/imports.ts', tsImportingModule(), TS_IMPORT_HEADER, "ab_ .,{}();'"],
    ['CommonJS', '/w/src/imports.js', cjsModule(), TS_IMPORT_HEADER, "ab_ .,{}();'"],
  ] as const) {
    it(`a ${language} module under 300 edits of its import lines`, () => {
      assert.ok(storm(file, text, 41, 300, importLineEdit(text, header, alphabet)) > 300);
    });
  }

  it('a changed TypeScript import reaches what reads its names, and the fix that adds an import follows the imports', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/server.ts';
    const { judged, restore } = recordJudged(TS_FAMILIES, 'imdsv1-request', (ctx, sf) => fileIndexOf(sf).calls.map((c) => ctx.lines.positionAt(c.getStart(sf)).line));
    const step = (imports: Parameters<typeof tsImportingModule>[0]) => {
      const text = tsImportingModule(imports);
      const kept = analyze({ path: file, text }, DEFAULT_SETTINGS, { parseCache: cache });
      assert.deepEqual(canonical(kept), canonical(analyze({ path: file, text })), JSON.stringify(imports));
      const importEdits = kept.findings.filter((f) => f.ruleId === 'imdsv1-request')
        .flatMap((f) => f.fixes.flatMap((x) => x.edits.filter((e) => e.newText.includes('import ')).map((e) => e.range.start.line)));
      return { rules: kept.findings.map((f) => f.ruleId).sort(), importEdits };
    };
    try {
      const base = step({});
      assert.deepEqual(base.rules, ['credential-tool-parameter', 'imdsv1-request', 'jwt-audience-not-verified']);
      assert.deepEqual(base.importEdits, [4], 'the fix adds its import after the last one');

      // Each from the module as it was, so that only the import under test changed.
      assert.deepEqual(step({ extra: "import fs from 'node:fs';" }).importEdits, [5], 'a new last import moves where the fix adds its own');
      assert.deepEqual(step({}), base);
      assert.deepEqual(step({ extra: "import { fromInstanceMetadata } from '@aws-sdk/credential-providers';" }).importEdits, [], 'the import is there');
      assert.deepEqual(step({}), base);
      assert.deepEqual(step({ jwt: "import jwt from 'jose';" }).rules, ['credential-tool-parameter', 'imdsv1-request'], 'the same name bound to another module');
      assert.deepEqual(step({}), base);
      judged.length = 0;
      assert.deepEqual(step({ zod: "import { z, ZodError } from 'zod';" }), base);
      assert.deepEqual(judged[0], [10], 'a name added beside z: only the finding whose fix adds an import is judged again');
      assert.deepEqual(step({}), base);
    } finally {
      restore();
    }
  });

  it('a line typed between two TypeScript statements leaves the next one kept, though the update reparsed it', () => {
    const cache = new IncrementalParseCache();
    const file = '/w/src/server.ts';
    const { judged, restore } = recordJudged(TS_FAMILIES, 'secret-logged', (ctx, sf) => fileIndexOf(sf).calls.map((c) => ctx.lines.positionAt(c.getStart(sf)).line));
    const text = (typed: string) => [
      "import pino from 'pino';", '', typed, '',
      '// the logger every tool uses', 'const logger = pino();',
      ...Array.from({ length: 6 }, (_, i) => `export function tool${i}() { logger.info(process.env.API_KEY_${i}); }`),
      '',
    ].join('\n');
    try {
      assert.equal(analyze({ path: file, text: text('') }, DEFAULT_SETTINGS, { parseCache: cache }).findings.length, 6);
      for (const typed of ['c', 'co', 'const', 'const r', 'const r = 3;', 'const r = 3; // x']) {
        judged.length = 0;
        const kept = analyze({ path: file, text: text(typed) }, DEFAULT_SETTINGS, { parseCache: cache });
        assert.deepEqual(canonical(kept), canonical(analyze({ path: file, text: text(typed) })), typed);
        assert.equal(kept.findings.length, 6);
        assert.deepEqual(judged[0], [], `${typed}: the tools that read logger keep their findings`);
      }
    } finally {
      restore();
    }
  });

  // Rules look imports up by name (TypeScript's `moduleOf`, Python's import map), whatever binds
  // the name where it is said: a changed import reaches a statement whose own local shadows it.
  /** A module whose `zone` calls `undiciFetch` before its own local of that name, as JavaScript. */
  const zoneModule = (head: string, local: string, exported: boolean) => [
    head,
    "const BASE = 'http://169.254.169.254/latest/meta-data';",
    `${exported ? 'export ' : ''}async function zone() {`,
    '  const g = await undiciFetch(`${BASE}/placement/availability-zone`);',
    `  ${local}`,
    '  return g;',
    '}',
    ...(exported ? [] : ['module.exports = { zone };']),
    '',
  ].join('\n');
  const shadowed: [string, (from: string) => string, string][] = [
    ['/w/src/meta.mjs', (from) => zoneModule(`import { ${from} as undiciFetch } from 'undici';`, "const { fetch: undiciFetch } = await import('undici');", true), 'fetch'],
    ['/w/src/meta.cjs', (from) => zoneModule(`const { ${from}: undiciFetch } = require('undici');`, "const { fetch: undiciFetch } = require('undici');", false), 'fetch'],
    ['/w/src/meta.py', (from) => [
      'import os',
      `import ${from} as http`,
      'IMDS = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"',
      'def role(name):',
      '    resp = http.get(IMDS + name, timeout=2)',
      '    http = None',
      '    return resp',
      '',
    ].join('\n'), 'requests'],
  ];
  for (const [file, text, from] of shadowed) {
    it(`${path.extname(file)}: a changed import reaches the statement that says the name where a local shadows it`, () => {
      const cache = new IncrementalParseCache();
      const imds = (t: string) => {
        const kept = analyze({ path: file, text: t }, DEFAULT_SETTINGS, { parseCache: cache });
        assert.deepEqual(canonical(kept), canonical(analyze({ path: file, text: t })), t.split('\n')[0]);
        return kept.findings.filter((f) => f.ruleId === 'imdsv1-request').length;
      };
      assert.equal(imds(text(from)), 1, 'the request is found through the import');
      imds(text(`${from}x`));
      assert.equal(imds(text(from)), 1);
    });
  }
});
