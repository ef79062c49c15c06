import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/**
 * The injection grammars in syntaxes/, tokenized for real with vscode-textmate and oniguruma (the
 * engine VS Code uses), injected into small stand-ins of the host grammars that name their
 * strings and comments the way VS Code's built-in JSON, JSONC, TypeScript, YAML and Dockerfile
 * grammars do.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributed: { scopeName: string; path: string; injectTo: string[] }[] = manifest.contributes.grammars;

const str = (suffix: string) => ({ begin: '"', end: '"', name: `string.quoted.double.${suffix}`, patterns: [{ match: '\\\\.', name: `constant.character.escape.${suffix}` }] });
const lineComment = (start: string, name: string) => ({ begin: start, end: '$', name });
const HOSTS: Record<string, object> = {
  'source.json': { scopeName: 'source.json', patterns: [
    { match: '"[^"]*"(?=\\s*:)', name: 'string.json support.type.property-name.json' }, str('json'),
  ] },
  'source.json.comments': { scopeName: 'source.json.comments', patterns: [
    lineComment('//', 'comment.line.double-slash.js'),
    { match: '"[^"]*"(?=\\s*:)', name: 'string.json.comments support.type.property-name.json.comments' }, str('json.comments'),
  ] },
  'source.ts': { scopeName: 'source.ts', patterns: [
    lineComment('//', 'comment.line.double-slash.ts'), { begin: '/\\*', end: '\\*/', name: 'comment.block.ts' },
    str('ts'), { begin: '`', end: '`', name: 'string.template.ts' },
  ] },
  'source.yaml': { scopeName: 'source.yaml', patterns: [lineComment('#', 'comment.line.number-sign.yaml'), str('yaml')] },
  'source.dockerfile': { scopeName: 'source.dockerfile', patterns: [lineComment('^\\s*#', 'comment.line.number-sign.dockerfile'), str('dockerfile')] },
  'source.python': { scopeName: 'source.python', patterns: [lineComment('#', 'comment.line.number-sign.python'), str('python')] },
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const own = contributed.find((g) => g.scopeName === scopeName);
      if (own) return vsctm.parseRawGrammar(fs.readFileSync(path.join(root, own.path), 'utf8'), own.path);
      const host = HOSTS[scopeName];
      return host ? vsctm.parseRawGrammar(JSON.stringify(host), `${scopeName}.json`) : null;
    },
    getInjections: (scopeName) => contributed.filter((g) => g.injectTo.includes(scopeName)).map((g) => g.scopeName),
  });
});

/** The scopes of the token covering the first occurrence of `needle` in `line`. */
async function scopesAt(scopeName: string, line: string, needle: string): Promise<string[]> {
  const grammar = await registry.loadGrammar(scopeName);
  assert.ok(grammar, scopeName);
  const { tokens } = grammar.tokenizeLine(line, vsctm.INITIAL);
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${line}`);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex)!;
  assert.equal(line.slice(token.startIndex, token.endIndex), needle, `token boundaries around ${needle}: ${JSON.stringify(tokens.map((t) => line.slice(t.startIndex, t.endIndex)))}`);
  return token.scopes;
}

const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

describe('syntaxes: contributed grammars', () => {
  it('are valid JSON whose scope names match package.json', () => {
    assert.equal(contributed.length, 2);
    for (const g of contributed) {
      const raw = JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8'));
      assert.equal(raw.scopeName, g.scopeName);
      assert.match(raw.injectionSelector, /^L:/, 'injected on the left, before the host grammar rules');
      assert.ok(g.injectTo.length > 0);
    }
    const refs = contributed.find((g) => g.scopeName.includes('mcp-references'))!;
    assert.deepEqual(refs.injectTo.sort(), ['source.json', 'source.json.comments']);
    const sup = contributed.find((g) => g.scopeName.includes('suppression'))!;
    for (const s of ['source.ts', 'source.js', 'source.yaml', 'source.dockerfile', 'source.json.comments']) assert.ok(sup.injectTo.includes(s), s);
  });
});

describe('syntaxes: MCP config references', () => {
  const line = '    "Authorization": "Bearer ${input:github-token}", "KEY": "${env:OPENAI_API_KEY}", "B": "${GITHUB_TOKEN}", "C": "${HOME:-/root}"';

  it('highlights ${input:id} inside a JSONC string value', async () => {
    const s = await scopesAt('source.json.comments', line, 'github-token');
    assert.ok(has(s, 'string.quoted.double.json.comments'), 'still inside the string');
    assert.ok(has(s, 'meta.reference.secretzero'));
    assert.ok(has(s, 'variable.other.reference.secretzero'));
    assert.ok(has(await scopesAt('source.json.comments', line, 'input'), 'keyword.other.reference-kind.secretzero'));
    assert.ok(has(await scopesAt('source.json.comments', line, '${'), 'punctuation.definition.variable.begin.secretzero'));
  });

  it('highlights ${env:VAR}, ${VAR} and ${VAR:-default} in plain JSON', async () => {
    assert.ok(has(await scopesAt('source.json', line, 'OPENAI_API_KEY'), 'variable.other.reference.secretzero'));
    assert.ok(has(await scopesAt('source.json', line, 'env'), 'keyword.other.reference-kind.secretzero'));
    assert.ok(has(await scopesAt('source.json', line, 'GITHUB_TOKEN'), 'variable.other.reference.secretzero'));
    assert.ok(has(await scopesAt('source.json', line, ':-'), 'keyword.operator.default.secretzero'));
  });

  it('leaves keys, literals and non-JSON files alone', async () => {
    assert.ok(!has(await scopesAt('source.json.comments', line, '"Authorization"'), 'meta.reference.secretzero'), 'a property name is not a value');
    assert.ok(!has(await scopesAt('source.json', '{ "a": "$notref {x}" }', '$notref {x}'), 'meta.reference.secretzero'));
    const ts = 'const url = `https://${host}/x`;';
    assert.ok(!has(await scopesAt('source.ts', ts, 'https://${host}/x'), 'meta.reference.secretzero'), 'TypeScript template literals are not MCP references');
  });
});

describe('syntaxes: suppression comments', () => {
  it('highlights the directive, the rule ids and the reason in a TypeScript line comment', async () => {
    const line = '  // secretzero-ignore-next-line hardcoded-credential, secret-in-url -- test fixture';
    assert.ok(has(await scopesAt('source.ts', line, 'secretzero-ignore-next-line'), 'keyword.control.directive.suppression.secretzero'));
    const id = await scopesAt('source.ts', line, 'hardcoded-credential');
    assert.ok(has(id, 'constant.language.rule-id.secretzero'));
    assert.ok(has(id, 'comment.line.double-slash.ts'), 'still inside the comment');
    assert.ok(has(await scopesAt('source.ts', line, 'secret-in-url'), 'constant.language.rule-id.secretzero'));
    assert.ok(has(await scopesAt('source.ts', line, '--'), 'punctuation.separator.reason.secretzero'));
    const reason = await scopesAt('source.ts', line, 'test fixture');
    assert.ok(has(reason, 'string.unquoted.reason.secretzero') && !has(reason, 'constant.language.rule-id'));
  });

  it('works in block comments, Dockerfile, YAML and JSONC comments', async () => {
    assert.ok(has(await scopesAt('source.ts', '/* secretzero-ignore-next-line imdsv1-request */', 'imdsv1-request'), 'constant.language.rule-id.secretzero'));
    assert.ok(has(await scopesAt('source.dockerfile', '# secretzero-ignore-next-line dockerfile-arg-secret', 'dockerfile-arg-secret'), 'constant.language.rule-id.secretzero'));
    assert.ok(has(await scopesAt('source.yaml', '  # secretzero-ignore-next-line container-env-literal-secret', 'secretzero-ignore-next-line'), 'keyword.control.directive.suppression.secretzero'));
    assert.ok(has(await scopesAt('source.json.comments', '// secretzero-ignore-next-line mcp-config-literal-secret', 'mcp-config-literal-secret'), 'constant.language.rule-id.secretzero'));
    const py = '    # secretzero-ignore-next-line tls-verification-disabled -- internal CA rollout';
    assert.ok(has(await scopesAt('source.python', py, 'tls-verification-disabled'), 'constant.language.rule-id.secretzero'));
    assert.ok(has(await scopesAt('source.python', py, 'internal CA rollout'), 'string.unquoted.reason.secretzero'));
    assert.ok(!has(await scopesAt('source.python', 'x = "secretzero-ignore-next-line y"', 'secretzero-ignore-next-line y'), 'keyword.control.directive.suppression.secretzero'));
  });

  it('does not fire outside comments', async () => {
    const s = await scopesAt('source.ts', 'const s = "secretzero-ignore-next-line x";', '"');
    assert.ok(!has(s, 'keyword.control.directive.suppression.secretzero'));
    const inString = await scopesAt('source.ts', 'const s = "secretzero-ignore-next-line x";', 'secretzero-ignore-next-line x');
    assert.ok(!has(inString, 'keyword.control.directive.suppression.secretzero'));
  });
});
