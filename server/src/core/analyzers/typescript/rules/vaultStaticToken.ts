import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { isPlaceholder, scanKnownFormats, splitWords } from '../../../secrets/index.js';
import { calleeName, nameText, symbolPathOf, walk } from '../syntax.js';
import { isWholeModule, moduleOf } from '../imports.js';
import { bindingOf, envVarName, findProperty, isConst, isProcessEnv, objectLiteralOf, unwrap } from '../staticValues.js';
import { removeProperty } from '../objectEdits.js';
import { appRoleScaffold, httpLoginScaffold, hashiLoginScaffold, uniqueName } from './vaultLoginScaffold.js';
import {
  VAULT_RULE, VAULT_TOKEN_HEADER, appRoleLoginTitle, appRoleTokenTitle, describeVaultToken, isVaultTokenName, vaultStaticTokenMessage,
  type VaultTokenSource,
} from '../../common/wording/vault-static-token.js';

const RULE = VAULT_RULE;

/** A token handed to Vault from outside: an env var, a literal, or a binding named like VAULT_TOKEN. */
type TokenSource = VaultTokenSource;

export { isVaultTokenName };

interface SourceOptions {
  /** Any `process.env.X` counts (a node-vault `token:`); else only env vars named like VAULT_TOKEN. */
  anyEnv: boolean;
  /** Any literal counts; else only one in a Vault token format (`hvs.…`). */
  anyLiteral: boolean;
}

/** A Vault Agent sink file or any other file read: the token is not handed in through the environment. */
function isFileRead(e: ts.Expression): boolean {
  return ts.isCallExpression(e) && /^readFile(Sync)?$/.test(calleeName(e.expression) ?? '');
}

function tokenSource(expr: ts.Expression, opts: SourceOptions, depth = 0): TokenSource | undefined {
  if (depth > 6) return undefined;
  const e = unwrap(expr);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return tokenSource(e.left, opts, depth + 1) ?? tokenSource(e.right, opts, depth + 1);
  }
  if (ts.isConditionalExpression(e)) return tokenSource(e.whenTrue, opts, depth + 1) ?? tokenSource(e.whenFalse, opts, depth + 1);
  if (ts.isAwaitExpression(e)) return tokenSource(e.expression, opts, depth + 1);
  if (isFileRead(e)) return undefined;
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee) && /^(trim|toString)$/.test(callee.name.text)) return tokenSource(callee.expression, opts, depth + 1);
    if (ts.isIdentifier(callee) && callee.text === 'String' && e.arguments[0]) return tokenSource(e.arguments[0], opts, depth + 1);
    return undefined;
  }
  const env = envVarName(e);
  if (env !== undefined) return opts.anyEnv || isVaultTokenName(env) ? { kind: 'env', name: env } : undefined;
  if (ts.isStringLiteralLike(e)) {
    const v = e.text;
    if (!v || isPlaceholder(v)) return undefined;
    if (opts.anyLiteral || scanKnownFormats(v, 'VAULT_TOKEN').some((d) => d.detector.includes('vault'))) return { kind: 'literal', value: v };
    return undefined;
  }
  if (ts.isIdentifier(e)) {
    const d = bindingOf(e);
    if (d && d !== 'parameter') {
      if (!ts.isIdentifier(d.name)) { // const { VAULT_TOKEN } = process.env
        return d.initializer && isProcessEnv(d.initializer) && (opts.anyEnv || isVaultTokenName(e.text)) ? { kind: 'env', name: e.text } : undefined;
      }
      if (d.initializer) {
        const fromInit = tokenSource(d.initializer, opts, depth + 1);
        if (fromInit || isConst(d)) return fromInit;
      }
    }
    return isVaultTokenName(e.text) ? { kind: 'named', name: e.text } : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind !== ts.SyntaxKind.ThisKeyword && isVaultTokenName(e.name.text)) {
    return { kind: 'named', name: e.getText() };
  }
  return undefined;
}

/** True for a call that creates a node-vault client: `vault({...})` imported from node-vault, or `require('node-vault')({...})`. */
function isNodeVaultFactory(sf: ts.SourceFile, call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const b = moduleOf(sf, callee.text);
    return b?.module === 'node-vault' && (isWholeModule(b) || b.imported === 'default');
  }
  return ts.isCallExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'require'
    && callee.arguments.length === 1 && ts.isStringLiteralLike(callee.arguments[0]) && callee.arguments[0].text === 'node-vault';
}

function isHashiVaultClass(sf: ts.SourceFile, e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isIdentifier(u)) {
    const b = moduleOf(sf, u.text);
    return b?.module === 'hashi-vault-js' && (isWholeModule(b) || b.imported === 'default');
  }
  return false;
}

type ClientKind = 'node-vault' | 'hashi-vault-js';

/** What the variable an expression names was initialised with: a node-vault or hashi-vault-js client. */
function clientKindOf(sf: ts.SourceFile, e: ts.Expression): { kind: ClientKind; decl: ts.VariableDeclaration } | undefined {
  const u = unwrap(e);
  if (!ts.isIdentifier(u)) return undefined;
  const d = bindingOf(u);
  if (!d || d === 'parameter' || !d.initializer || !ts.isIdentifier(d.name)) return undefined;
  const init = unwrap(d.initializer);
  if (ts.isCallExpression(init) && isNodeVaultFactory(sf, init)) return { kind: 'node-vault', decl: d };
  if (ts.isNewExpression(init) && isHashiVaultClass(sf, init.expression)) return { kind: 'hashi-vault-js', decl: d };
  return undefined;
}

function describe(src: TokenSource): string {
  return describeVaultToken(src, (name) => `process.env.${name}`);
}

/**
 * vault-static-token: a Vault client that authenticates with a token handed in from outside
 * (node-vault `token:` / `client.token =`, hashi-vault-js token arguments, an `X-Vault-Token`
 * header) rather than through an auth method. Tokens obtained by a login or read from a Vault
 * Agent sink file are not judged. Fixes scaffold an AppRole login whose token expires.
 */
export function checkVaultStaticToken(ctx: AnalysisContext, sf: ts.SourceFile): void {
  // Which shapes can occur at all, so the walk does next to nothing per node in most files.
  const nodeVault = ctx.text.includes('node-vault');
  const hashi = ctx.text.includes('hashi-vault-js');
  const header = /x-vault-token/i.test(ctx.text);
  const tokenAssignment = /\.token\s*=[^=]/.test(ctx.text);
  if (!nodeVault && !hashi && !header && !tokenAssignment) return;
  const report = (value: ts.Expression, src: TokenSource, fixes: Fix[]) => {
    ctx.report({
      ruleId: RULE,
      start: value.getStart(sf),
      end: value.getEnd(),
      message: vaultStaticTokenMessage(describe(src)),
      fingerprintSource: src.kind === 'literal' ? src.value : value.getText(sf),
      symbolPath: symbolPathOf(value),
      fixes,
    });
  };
  const anyToken: SourceOptions = { anyEnv: true, anyLiteral: true };

  walk(sf, (n) => {
    // node-vault: vault({ endpoint, token: process.env.VAULT_TOKEN })
    if (nodeVault && ts.isCallExpression(n) && isNodeVaultFactory(sf, n) && n.arguments[0]) {
      const obj = objectLiteralOf(n.arguments[0]);
      const tok = obj && findProperty(obj, 'token');
      if (!obj || !tok || tok === 'unknown') return;
      const src = tokenSource(tok.value, anyToken);
      if (src) report(tok.prop.kind === ts.SyntaxKind.ShorthandPropertyAssignment ? tok.prop.name : tok.value, src, nodeVaultFactoryFix(ctx, sf, n, obj, tok.prop));
      return;
    }
    // node-vault: client.token = process.env.VAULT_TOKEN
    if (tokenAssignment && ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.name.text === 'token') {
      const target = n.left.expression;
      const client = clientKindOf(sf, target);
      const looksLikeVault = client?.kind === 'node-vault' || (!client && splitWords(target.getText(sf)).includes('vault'));
      if (!looksLikeVault) return;
      const src = tokenSource(n.right, anyToken);
      if (src) report(n.right, src, tokenAssignmentFix(ctx, sf, n));
      return;
    }
    // hashi-vault-js: vault.readKVSecret(process.env.VAULT_TOKEN, 'name')
    if (hashi && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && !/^login/i.test(n.expression.name.text)) {
      const client = clientKindOf(sf, n.expression.expression);
      if (client?.kind === 'hashi-vault-js') {
        n.arguments.forEach((arg, i) => {
          const src = tokenSource(arg, { anyEnv: false, anyLiteral: i === 0 });
          if (src) report(arg, src, tokenArgumentFix(ctx, sf, arg, 'hashi', client.decl));
        });
        return;
      }
    }
    // Raw HTTP: { 'X-Vault-Token': process.env.VAULT_TOKEN }, headers.set('X-Vault-Token', …), h['X-Vault-Token'] = …
    const value = header ? vaultTokenHeaderValue(n) : undefined;
    if (value) {
      const src = tokenSource(value, anyToken);
      if (src) report(value, src, tokenArgumentFix(ctx, sf, value, 'http'));
    }
  });
}

function vaultTokenHeaderValue(n: ts.Node): ts.Expression | undefined {
  if (ts.isPropertyAssignment(n) && VAULT_TOKEN_HEADER.test(nameText(n.name) ?? '')) return n.initializer;
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && /^(set|append)$/.test(n.expression.name.text)
    && n.arguments.length === 2 && ts.isStringLiteralLike(n.arguments[0]) && VAULT_TOKEN_HEADER.test(n.arguments[0].text)) return n.arguments[1];
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(n.left)
    && ts.isStringLiteralLike(n.left.argumentExpression) && VAULT_TOKEN_HEADER.test(n.left.argumentExpression.text)) return n.right;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Fixes

/** The top-level `const client = …` statement an expression initialises, when it is one. */
function topLevelDeclaration(n: ts.Node): { stmt: ts.VariableStatement; name: string } | undefined {
  let e: ts.Node = n;
  while (ts.isParenthesizedExpression(e.parent) || ts.isAwaitExpression(e.parent) || ts.isAsExpression(e.parent)) e = e.parent;
  const d = e.parent;
  if (!ts.isVariableDeclaration(d) || d.initializer !== e || !ts.isIdentifier(d.name)) return undefined;
  const stmt = d.parent.parent;
  if (!ts.isVariableStatement(stmt) || !ts.isSourceFile(stmt.parent) || stmt.declarationList.declarations.length !== 1) return undefined;
  return { stmt, name: d.name.text };
}

function nodeVaultFactoryFix(ctx: AnalysisContext, sf: ts.SourceFile, call: ts.CallExpression, obj: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike): Fix[] {
  const decl = topLevelDeclaration(call);
  if (!decl) return [];
  const s = appRoleScaffold(ctx, sf, decl.name);
  const eol = ctx.lines.eol();
  return [{
    title: appRoleLoginTitle(`await ${s.ensureName}()`, decl.name),
    applicability: 'unsafe',
    isPreferred: true,
    edits: [
      removeProperty(ctx, sf, obj, prop),
      ctx.edit(decl.stmt.getEnd(), decl.stmt.getEnd(), eol + eol + s.text),
    ],
  }];
}

function tokenAssignmentFix(ctx: AnalysisContext, sf: ts.SourceFile, assignment: ts.BinaryExpression): Fix[] {
  const stmt = assignment.parent;
  const target = assignment.left;
  if (!ts.isExpressionStatement(stmt) || !ts.isSourceFile(stmt.parent) || !ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.expression)) return [];
  const s = appRoleScaffold(ctx, sf, target.expression.text);
  const line = ctx.lines.positionAt(stmt.getStart(sf)).line;
  const separate = line > 0 && ctx.lines.lineText(line - 1).trim() ? ctx.lines.eol() : '';
  return [{
    title: appRoleLoginTitle(`await ${s.ensureName}()`, target.expression.text),
    applicability: 'unsafe',
    isPreferred: true,
    edits: [ctx.edit(stmt.getStart(sf), stmt.getEnd(), separate + s.text)],
  }];
}

/** Whether `await` may stand at this node: inside an async function (never top level: that would log in once, forever). */
function inAsyncFunction(n: ts.Node): boolean {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p)) return !!(ts.canHaveModifiers(p) && ts.getModifiers(p)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword));
    if (ts.isClassStaticBlockDeclaration(p)) return false;
  }
  return false;
}

/** The top-level statement that contains a node. */
function topLevelStatement(n: ts.Node): ts.Statement | undefined {
  let s: ts.Node = n;
  while (s.parent && !ts.isSourceFile(s.parent)) s = s.parent;
  return s.parent ? (s as ts.Statement) : undefined;
}

function declaresFunction(sf: ts.SourceFile, name: string): boolean {
  return sf.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === name);
}

/**
 * Replaces a token argument or header value with `await getVaultToken()`, adding (once) a helper
 * that logs in with AppRole — through the hashi-vault-js client or Vault's HTTP API — and logs in
 * again before the token expires.
 */
function tokenArgumentFix(ctx: AnalysisContext, sf: ts.SourceFile, value: ts.Expression, flavour: 'hashi' | 'http', client?: ts.VariableDeclaration): Fix[] {
  if (!inAsyncFunction(value)) return [];
  const helper = 'getVaultToken';
  const edits: TextEdit[] = [ctx.edit(value.getStart(sf), value.getEnd(), `await ${helper}()`)];
  const eol = ctx.lines.eol();
  if (!declaresFunction(sf, helper)) {
    if (uniqueName(sf, helper) !== helper) return []; // the name means something else here
    if (flavour === 'hashi') {
      const decl = client && topLevelDeclaration(client.initializer!);
      if (!decl) return [];
      edits.push(ctx.edit(decl.stmt.getEnd(), decl.stmt.getEnd(), eol + eol + hashiLoginScaffold(ctx, sf, decl.name, helper)));
    } else {
      const top = topLevelStatement(value);
      if (!top) return [];
      const at = ctx.lines.lineStart(ctx.lines.positionAt(top.getStart(sf)).line);
      edits.push(ctx.edit(at, at, httpLoginScaffold(ctx, sf, helper) + eol + eol));
    }
  }
  const via = flavour === 'http' ? " through Vault's HTTP API at VAULT_ADDR" : '';
  return [{
    title: appRoleTokenTitle(via),
    applicability: 'unsafe',
    isPreferred: true,
    edits,
  }];
}
