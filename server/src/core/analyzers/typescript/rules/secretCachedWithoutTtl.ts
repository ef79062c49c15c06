import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { symbolPathOf } from '../syntax.js';
import { indentUnit } from '../objectEdits.js';
import { type Binding, type FunctionLike, type SecretFlow, type SecretSource, analyzeSecretFlow, describeSource, forEachDescendant, isFunctionLike, unwrap } from '../dataflow/index.js';
import { DEFAULT_TTL, TTL_HELPER_NAME, ttlHelperSource } from './lifecycle/ttlHelper.js';
import { TTL_REVIEW_NOTE, TTL_WORDS, secretCachedFixTitle, secretCachedMessage } from '../../common/wording/secret-cached-without-ttl.js';

const RULE = 'secret-cached-without-ttl';

/**
 * Cheap gate: a file with no secrets-manager call cannot cache one. Same answer as
 * /getSecret|accessSecretVersion|GetSecretValue|getSecretValue|\.read\s*\(|getPassword|findPassword|findCredentials|SecretString|Login\s*\(/
 * but as native substring searches: that alternation (with `\s*`) defeated V8's literal search and
 * cost more than the rest of the rule on a large file, every keystroke.
 */
export const SM_WORDS = ['getSecret', 'accessSecretVersion', 'GetSecretValue', 'getPassword', 'findPassword', 'findCredentials', 'SecretString'];
/** What must follow `.read` / `Login` for a call: optional whitespace, then `(`. Sticky: tested at one offset. */
const CALL_PAREN = /\s*\(/y;

function hasCallOf(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
    CALL_PAREN.lastIndex = i + word.length;
    if (CALL_PAREN.test(text)) return true;
  }
  return false;
}

/** Exported for the unit test that compares it with the regex it replaces. */
export function mayCallSecretsManager(text: string): boolean {
  return SM_WORDS.some((w) => text.includes(w)) || hasCallOf(text, '.read') || hasCallOf(text, 'Login');
}
/** A function that looks at time or expiry is treated as a TTL cache (its logic is not checked further). */
const TTL_EVIDENCE = new RegExp(`Date\\.now\\s*\\(|performance\\.now\\s*\\(|new Date\\s*\\(|${TTL_WORDS.source}`);
/** Timer callees (a Set rather than /^(setInterval|setTimeout|schedule)$/: it is asked of every call in the file). */
const TIMER = new Set(['setInterval', 'setTimeout', 'schedule']);

/**
 * secret-cached-without-ttl: a secrets-manager result kept in a module-level binding with no
 * expiry: a module initializer (top-level `await`, or a cached promise), or a module `let` written
 * inside a function that never looks at time. Bindings refreshed by a timer, or written by a
 * function that checks a timestamp/TTL, are left alone.
 */
export function checkSecretCachedWithoutTtl(ctx: AnalysisContext, sf: ts.SourceFile): void {
  if (!mayCallSecretsManager(ctx.text)) return;
  const flow = analyzeSecretFlow(sf);
  const idx = flow.index;
  const timers = idx.calls.filter((c) => {
    const e = unwrap(c.expression);
    return TIMER.has(ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : '');
  });
  const managed = (fn: FunctionLike | undefined) => !!fn && (TTL_EVIDENCE.test(sf.text.slice(fn.getStart(sf), fn.end)) || isTimerDriven(fn, timers, sf));
  const reportedSources = new Set<ts.Node>();

  for (const b of idx.bindings) {
    if (b.scope !== sf || (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var')) continue;
    if (b.writes.some((w) => managed(enclosingFunction(w)))) continue;
    const initCount = b.values.length - b.writes.length;
    for (let i = 0; i < b.values.length; i++) {
      const write = i >= initCount ? b.writes[i - initCount] : undefined;
      const fn = write && enclosingFunction(write);
      const v = flow.engine.evalAt(b.values[i].expr, b.values[i].path);
      if (typeof v !== 'object' || v.kind !== 'secret-manager') continue;
      if (!fn && reportedSources.has(v.node)) break;
      reportedSources.add(v.node);
      const fixes = fn && write ? functionCacheFix(ctx, sf, flow, b, write) : !write ? moduleInitFix(ctx, sf, flow, b) : [];
      ctx.report({
        ruleId: RULE,
        start: b.id.getStart(sf),
        end: b.id.getEnd(),
        message: secretCachedMessage(b.name, describeSource(v), fn ? { kind: 'function', fn: fnLabel(fn) } : { kind: 'module' }),
        fingerprintSource: `${b.name}:${sourceKey(v)}`,
        symbolPath: symbolPathOf(b.id) ?? b.name,
        fixes,
      });
      break;
    }
  }
}

function sourceKey(v: SecretSource): string {
  return `${v.name}:${v.secretName ?? ''}`;
}

function enclosingFunction(n: ts.Node): FunctionLike | undefined {
  for (let p = n.parent; p; p = p.parent) if (isFunctionLike(p)) return p;
  return undefined;
}

function fnLabel(fn: FunctionLike): string {
  const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text
    : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
  return name ? `'${name}'` : 'a function';
}

/** The function is a timer callback, or a timer calls it by name (a periodic refresh). */
function isTimerDriven(fn: FunctionLike, timers: ts.CallExpression[], sf: ts.SourceFile): boolean {
  for (let p: ts.Node | undefined = fn; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isCallExpression(p.parent) && timers.includes(p.parent)) return true;
  }
  const name = fn.name && ts.isIdentifier(fn.name) ? fn.name.text
    : ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name) ? fn.parent.name.text : undefined;
  return !!name && timers.some((t) => new RegExp(`\\b${name}\\b`).test(t.getText(sf)));
}

// ---- fixes: wrap the fetch in the generated TTL cache helper ----

function statementOf(b: Binding): ts.VariableStatement | undefined {
  const list = b.decl.parent;
  return list && ts.isVariableDeclarationList(list) && ts.isVariableStatement(list.parent) ? list.parent : undefined;
}

function loaderName(name: string, text: string): string {
  const base = `load${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  for (const candidate of [base, `${base}WithTtl`, `${base}Cached`]) if (!new RegExp(`\\b${candidate}\\b`).test(text)) return candidate;
  return `${base}${text.length}`;
}

function containsAwait(e: ts.Node): boolean {
  let found = false;
  forEachDescendant(e, (n) => {
    if (found || isFunctionLike(n)) return false;
    if (ts.isAwaitExpression(n)) found = true;
    return undefined;
  });
  return found;
}

/** Every identifier of `e` in a value position resolves at module level (or to a global). */
function onlyModuleNames(e: ts.Node, flow: SecretFlow, sf: ts.SourceFile): boolean {
  let ok = true;
  forEachDescendant(e, (n) => {
    if (!ok) return false;
    if (n.kind === ts.SyntaxKind.ThisKeyword) ok = false;
    else if (ts.isIdentifier(n) && isValuePosition(n)) {
      const b = flow.bindingOf(n);
      if (b && b.scope !== sf) ok = false;
    }
    return undefined;
  });
  return ok;
}

function isValuePosition(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id) return false;
  if (ts.isBindingElement(p) && p.propertyName === id) return false;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === id) return false;
  return true;
}

function helperEdits(ctx: AnalysisContext, sf: ts.SourceFile, flow: SecretFlow, stmt: ts.Statement, extra: string): TextEdit {
  const eol = ctx.lines.eol();
  const at = ctx.lines.lineStart(ctx.lines.positionAt(stmt.getStart(sf)).line);
  const typed = ctx.kind.kind === 'typescript' && (ctx.kind.scriptKind === 'ts' || ctx.kind.scriptKind === 'tsx');
  const hasHelper = flow.index.bindings.some((b) => b.name === TTL_HELPER_NAME && b.scope === sf);
  const helper = hasHelper ? '' : ttlHelperSource(typed, eol, indentUnit(sf.text)) + eol;
  return ctx.edit(at, at, helper + extra);
}

function loaderDecl(loader: string, body: string, isAsync: boolean, eol: string): string {
  const wrapped = body.trimStart().startsWith('{') ? `(${body})` : body;
  return `// ${TTL_REVIEW_NOTE}${eol}const ${loader} = ${TTL_HELPER_NAME}(${isAsync ? 'async ' : ''}() => ${wrapped}, ${DEFAULT_TTL});${eol}${eol}`;
}

function fixTitle(name: string): string {
  return secretCachedFixTitle(name, `generated ${TTL_HELPER_NAME} helper`);
}

/** `if (!cached) cached = await fetch…` / `cached ??= …` inside a function → `cached = await loadCached();` with a module-level TTL loader. */
function functionCacheFix(ctx: AnalysisContext, sf: ts.SourceFile, flow: SecretFlow, b: Binding, write: ts.BinaryExpression): Fix[] {
  const stmt = statementOf(b);
  if (!stmt || b.writes.length !== 1 || !ts.isIdentifier(unwrap(write.left)) || !onlyModuleNames(write.right, flow, sf)) return [];
  const op = write.operatorToken.kind;
  const guardedOp = op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
  const isAsync = containsAwait(write.right);
  const loader = loaderName(b.name, sf.text);
  const assign = `${b.name} = ${isAsync ? 'await ' : ''}${loader}()`;
  let target: ts.Node;
  let replacement: string;
  const s = write.parent;
  if (ts.isExpressionStatement(s) && guardedOp) { target = s; replacement = `${assign};`; }
  else if (guardedOp) { target = write; replacement = ts.isParenthesizedExpression(write.parent) ? assign : `(${assign})`; }
  else if (ts.isExpressionStatement(s)) {
    const holder = ts.isBlock(s.parent) && s.parent.statements.length === 1 ? s.parent : s;
    const iff = holder.parent;
    if (!ts.isIfStatement(iff) || iff.thenStatement !== holder || iff.elseStatement || !new RegExp(`\\b${b.name}\\b`).test(iff.expression.getText(sf))) return [];
    target = iff;
    replacement = `${assign};`;
  } else return [];
  const rhs = sf.text.slice(write.right.getStart(sf), write.right.getEnd());
  const eol = ctx.lines.eol();
  return [{
    title: fixTitle(b.name),
    applicability: 'unsafe',
    isPreferred: true,
    edits: [
      helperEdits(ctx, sf, flow, stmt, loaderDecl(loader, rhs, isAsync, eol)),
      ctx.edit(target.getStart(sf), target.getEnd(), replacement),
    ],
  }];
}

/**
 * `const apiKey = await fetch…` at module level, read only inside async functions → a TTL loader
 * `const loadApiKey = cachedWithTtl(async () => …)` and every read `(await loadApiKey())`.
 */
function moduleInitFix(ctx: AnalysisContext, sf: ts.SourceFile, flow: SecretFlow, b: Binding): Fix[] {
  const stmt = statementOf(b);
  const decl = b.decl;
  if (!stmt || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer || b.writes.length) return [];
  if (stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return [];
  const refs = referencesOf(b, flow, sf);
  if (!refs.length || refs.some((r) => !inAsyncFunction(r))) return [];
  const init = decl.initializer;
  const isAsync = containsAwait(init);
  const loader = loaderName(b.name, sf.text);
  const read = `${isAsync ? 'await ' : ''}${loader}()`;
  const body = sf.text.slice(init.getStart(sf), init.getEnd());
  const wrapped = body.trimStart().startsWith('{') ? `(${body})` : body;
  const edits: TextEdit[] = [
    helperEdits(ctx, sf, flow, stmt, `// ${TTL_REVIEW_NOTE}${ctx.lines.eol()}`),
    ctx.edit(decl.name.getStart(sf), decl.getEnd(), `${loader} = ${TTL_HELPER_NAME}(${isAsync ? 'async ' : ''}() => ${wrapped}, ${DEFAULT_TTL})`),
  ];
  for (const r of refs) {
    if (ts.isShorthandPropertyAssignment(r.parent)) edits.push(ctx.edit(r.parent.getStart(sf), r.parent.getEnd(), `${b.name}: ${read}`));
    else edits.push(ctx.edit(r.getStart(sf), r.getEnd(), isAsync ? `(${read})` : read));
  }
  return [{ title: fixTitle(b.name), applicability: 'unsafe', isPreferred: true, edits }];
}

function referencesOf(b: Binding, flow: SecretFlow, sf: ts.SourceFile): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  forEachDescendant(sf, (n) => {
    if (ts.isIdentifier(n) && n.text === b.name && n !== b.id && isValuePosition(n) && flow.bindingOf(n) === b) out.push(n);
  });
  return out;
}

function inAsyncFunction(n: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (isFunctionLike(p)) return !!p.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  }
  return false;
}
