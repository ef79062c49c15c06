import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { isPlaceholder, scanKnownFormats, splitWords } from '../../../secrets/index.js';
import {
  APPROLE_PREREQUISITE, LOGIN_DOC, VAULT_RULE, VAULT_TOKEN_HEADER, appRoleLoginTitle, describeVaultToken, inlineLoginTitle, isVaultTokenName,
  kubernetesLoginTitle, vaultStaticTokenMessage, type VaultTokenSource,
} from '../../common/wording/vault-static-token.js';
import { valuesOf, type PyFileIndex } from '../fileIndex.js';
import { importedPath } from '../httpClients.js';
import { symbolPathOf } from '../literalSites.js';
import { importModulesEdit, lineIndent, pyEol, pyIndentUnit, pyQuote, removeArgumentEdit, uniquePyName } from '../pyEdits.js';
import { stringValue } from '../strings.js';
import {
  callOf, children, dictEntriesOf, dottedPath, keywordArg, lastName, namedChildren, objectOf, positionalArg, subscriptIndex, textOf,
  type PyArgument, type PyCall, type PyNode,
} from '../syntax.js';

const HVAC_CLIENTS = new Set(['hvac.Client', 'hvac.v1.Client']);
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
const K8S_ROLE_VAR = 'VAULT_K8S_ROLE';

interface SourceOptions {
  /** Any env read counts (an hvac `token=`); else only env vars named like VAULT_TOKEN. */
  anyEnv: boolean;
  /** Any literal counts; else only one in a Vault token format (`hvs.…`). */
  anyLiteral: boolean;
}

const ANY_TOKEN: SourceOptions = { anyEnv: true, anyLiteral: true };

/** `os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`: the variable's name. */
function envReadName(idx: PyFileIndex, n: PyNode): string | undefined {
  if (n.name === 'MemberExpression') {
    const obj = objectOf(n);
    return obj && importedPath(idx, obj) === 'os.environ' ? stringValue(idx.src, subscriptIndex(n)) : undefined;
  }
  if (n.name !== 'CallExpression') return undefined;
  const call = callOf(idx.src, n)!;
  const path = importedPath(idx, call.callee);
  if (path !== 'os.getenv' && path !== 'os.environ.get') return undefined;
  return stringValue(idx.src, positionalArg(call, 0) ?? keywordArg(call, 'key')?.value);
}

/**
 * Where a token handed to Vault comes from: the environment, a literal, or a name that says it is
 * a Vault token and is bound nowhere in the file (a parameter, a setting). A file read (a Vault
 * Agent sink) and a login's result are not sources.
 */
function tokenSource(idx: PyFileIndex, n: PyNode | undefined, opts: SourceOptions, depth = 0): VaultTokenSource | undefined {
  if (!n || depth > 6) return undefined;
  const src = idx.src;
  switch (n.name) {
    case 'ParenthesizedExpression': case 'AwaitExpression': return tokenSource(idx, namedChildren(n)[0], opts, depth + 1);
    case 'BinaryExpression': {
      if (!children(n).some((c) => c.name === 'or')) return undefined;
      for (const side of namedChildren(n)) {
        const s = tokenSource(idx, side, opts, depth + 1);
        if (s) return s;
      }
      return undefined;
    }
    case 'ConditionalExpression': {
      const [then, , otherwise] = namedChildren(n);
      return tokenSource(idx, then, opts, depth + 1) ?? tokenSource(idx, otherwise, opts, depth + 1);
    }
    case 'String': case 'ContinuedString': {
      const v = stringValue(src, n);
      if (!v || isPlaceholder(v)) return undefined;
      if (opts.anyLiteral || scanKnownFormats(v, 'VAULT_TOKEN').some((d) => d.detector.includes('vault'))) return { kind: 'literal', value: v };
      return undefined;
    }
    case 'CallExpression': {
      const env = envReadName(idx, n);
      if (env !== undefined) return opts.anyEnv || isVaultTokenName(env) ? { kind: 'env', name: env } : undefined;
      const call = callOf(src, n)!;
      const method = lastName(dottedPath(src, call.callee));
      // `os.environ["VAULT_TOKEN"].strip()`, `str(token)`: still the same token.
      if (call.callee.name === 'MemberExpression' && /^(strip|rstrip|lstrip)$/.test(method ?? '')) return tokenSource(idx, objectOf(call.callee), opts, depth + 1);
      if (call.callee.name === 'VariableName' && method === 'str') return tokenSource(idx, positionalArg(call, 0), opts, depth + 1);
      return undefined;
    }
    case 'MemberExpression': {
      const env = envReadName(idx, n);
      if (env !== undefined) return opts.anyEnv || isVaultTokenName(env) ? { kind: 'env', name: env } : undefined;
      const path = dottedPath(src, n);
      if (!path || path.endsWith('[]')) return undefined;
      if (/^self\.\w+$/.test(path)) {
        const values = valuesOf(idx, path, n);
        if (values.length) return firstSource(idx, values, opts, depth);
      }
      return isVaultTokenName(lastName(path) ?? '') ? { kind: 'named', name: path } : undefined;
    }
    case 'VariableName': {
      const name = textOf(src, n);
      const values = valuesOf(idx, name, n).filter((v) => v.from !== n.from);
      if (values.length) return firstSource(idx, values, opts, depth);
      return isVaultTokenName(name) ? { kind: 'named', name } : undefined;
    }
    default: return undefined;
  }
}

function firstSource(idx: PyFileIndex, values: PyNode[], opts: SourceOptions, depth: number): VaultTokenSource | undefined {
  for (const v of values) {
    const s = tokenSource(idx, v, opts, depth + 1);
    if (s) return s;
  }
  return undefined;
}

function isHvacClientCall(idx: PyFileIndex, n: PyNode | undefined): boolean {
  return n?.name === 'CallExpression' && HVAC_CLIENTS.has(importedPath(idx, n.firstChild) ?? '');
}

/** The object of `X.token = …` is an hvac client the file builds, or is named like a Vault client. */
function looksLikeVaultClient(idx: PyFileIndex, obj: PyNode): boolean {
  const path = dottedPath(idx.src, obj);
  if (!path || path.includes('(') || path.includes('[')) return false;
  if (obj.name === 'VariableName' || /^self\.\w+$/.test(path)) {
    const values = valuesOf(idx, path, obj);
    if (values.some((v) => isHvacClientCall(idx, v))) return true;
  }
  return splitWords(path).includes('vault');
}

/**
 * vault-static-token in Python: an hvac client given a token from outside (`hvac.Client(token=…)`,
 * `client.token = …`) and an `X-Vault-Token` header built from the environment or a literal.
 * AppRole, Kubernetes or other logins, and tokens read from a Vault Agent sink file, are not judged;
 * neither is `hvac.Client(url=…)` alone. Fixes scaffold an AppRole (or Kubernetes) login with hvac.
 */
export function checkPyVaultStaticToken(ctx: AnalysisContext, idx: PyFileIndex): void {
  const src = idx.src;
  if (!/vault|hvac/i.test(src)) return;
  const hvac = src.includes('hvac');
  const header = /x-vault-token/i.test(src);
  const report = (value: PyNode, s: VaultTokenSource, fixes: Fix[]) => ctx.report({
    ruleId: VAULT_RULE,
    start: value.from,
    end: value.to,
    message: vaultStaticTokenMessage(describeVaultToken(s, (name) => `os.environ["${name}"]`)),
    fingerprintSource: s.kind === 'literal' ? s.value : textOf(src, value),
    symbolPath: symbolPathOf(src, value),
    fixes,
  });

  if (hvac) {
    for (const n of idx.calls) {
      if (!isHvacClientCall(idx, n)) continue;
      const call = callOf(src, n)!;
      if (call.args.some((a) => a.star)) continue;
      const kw = keywordArg(call, 'token');
      const value = kw?.value ?? positionalArg(call, 1);
      const s = tokenSource(idx, value, ANY_TOKEN);
      if (value && s) report(value, s, kw ? clientFixes(ctx, idx, call, kw) : []);
    }
  }
  for (const a of idx.assignments) {
    if (a.augmented || !a.value || a.targets.length !== 1) continue;
    const t = a.targets[0];
    if (t.name !== 'MemberExpression') continue;
    const prop = t.getChild('PropertyName');
    const obj = objectOf(t);
    if (prop && textOf(src, prop) === 'token' && obj && looksLikeVaultClient(idx, obj)) {
      const s = tokenSource(idx, a.value, ANY_TOKEN);
      if (s) report(a.value, s, tokenAssignmentFixes(ctx, idx, a.node, obj));
    } else if (!prop && header && VAULT_TOKEN_HEADER.test(stringValue(src, subscriptIndex(t)) ?? '')) {
      const s = tokenSource(idx, a.value, ANY_TOKEN);
      if (s) report(a.value, s, []);
    }
  }
  if (header) {
    for (const str of idx.strings) {
      if (str.parent?.name !== 'DictionaryExpression' || !VAULT_TOKEN_HEADER.test(stringValue(src, str) ?? '')) continue;
      const entry = dictEntriesOf(str.parent).find((e) => e.key.from === str.from);
      const s = entry && tokenSource(idx, entry.value, ANY_TOKEN);
      if (entry && s) report(entry.value, s, []);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Fixes: an AppRole (or Kubernetes) login with hvac, whose token carries a TTL.

interface Style { eol: string; i: string; q: string }

function styleOf(ctx: AnalysisContext, idx: PyFileIndex): Style {
  return { eol: pyEol(ctx.text), i: pyIndentUnit(ctx.text), q: pyQuote(idx) };
}

type Method = 'AppRole' | 'Kubernetes';

/** The login call's lines (from depth 0), for a client expression, in the file's quotes; `result`/`pick` wrap the call. */
function loginLines(st: Style, method: Method, client: string, result = '', pick = ''): Array<[number, string]> {
  const { q } = st;
  const env = (name: string) => `os.environ[${q}${name}${q}]`;
  if (method === 'AppRole') {
    return [[0, `${result}${client}.auth.approle.login(role_id=${env('VAULT_ROLE_ID')}, secret_id=${env('VAULT_SECRET_ID')})${pick}`]];
  }
  return [
    [0, `with open(${q}${SERVICE_ACCOUNT_TOKEN}${q}) as service_account_token:`],
    [1, `${result}${client}.auth.kubernetes.login(role=${env(K8S_ROLE_VAR)}, jwt=service_account_token.read())${pick}`],
  ];
}

function render(st: Style, base: string, lines: Array<[number, string]>): string {
  return lines.map(([d, t]) => (t ? base + st.i.repeat(d) + t : '')).join(st.eol);
}

/** Module-level helpers: a login that records when the token expires, and a check to call before each use. */
function moduleScaffold(ctx: AnalysisContext, idx: PyFileIndex, st: Style, method: Method, client: string): { text: string; ensure: string } {
  const text = ctx.text;
  const expires = uniquePyName(text, '_vault_token_expires_at');
  const login = uniquePyName(text, 'vault_login');
  const ensure = uniquePyName(text, 'ensure_vault_token');
  const dq = '"""';
  const lines: Array<[number, string]> = [
    [0, `${expires} = 0.0`],
    [0, ''],
    [0, ''],
    [0, `def ${login}():`],
    [1, `${dq}${method === 'AppRole' ? LOGIN_DOC.appRole : LOGIN_DOC.kubernetes}${dq}`],
    [1, `global ${expires}`],
    ...loginLines(st, method, client, 'auth = ', `[${st.q}auth${st.q}]`).map(([d, t]): [number, string] => [d + 1, t]),
    [1, `${expires} = time.time() + auth[${st.q}lease_duration${st.q}]`],
    [0, ''],
    [0, ''],
    [0, `def ${ensure}():`],
    [1, `${dq}${LOGIN_DOC.ensure('Call', client)}${dq}`],
    [1, `if time.time() >= ${expires} - 60:`],
    [2, `${login}()`],
  ];
  return { text: render(st, '', lines), ensure };
}

/** The end of the line a statement ends on (before its line break), so a trailing comment stays with it. */
function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** `client = hvac.Client(url=…, token=…)`: drop the token and log the client in instead. */
function clientFixes(ctx: AnalysisContext, idx: PyFileIndex, call: PyCall, token: PyArgument): Fix[] {
  const stmt = call.node.parent;
  if (stmt?.name !== 'AssignStatement') return [];
  const target = stmt.firstChild!;
  const targets = children(stmt).filter((c) => c.name === 'AssignOp').length;
  const client = dottedPath(idx.src, target);
  if (targets !== 1 || !client || !(target.name === 'VariableName' || /^self\.\w+$/.test(client))) return [];
  const st = styleOf(ctx, idx);
  const removal = removeArgumentEdit(ctx, call.node.getChild('ArgList')!, token);
  const at = lineEndAfter(ctx.text, stmt.to);
  const fixes: Fix[] = [];
  for (const method of ['AppRole', 'Kubernetes'] as const) {
    const edits: TextEdit[] = [];
    let title: string;
    if (stmt.parent?.name === 'Script' && target.name === 'VariableName') {
      const s = moduleScaffold(ctx, idx, st, method, client);
      const imp = importModulesEdit(ctx, idx, ['os', 'time']);
      if (imp) edits.push(imp);
      edits.push(removal, ctx.edit(at, at, st.eol + st.eol + s.text));
      title = method === 'AppRole' ? appRoleLoginTitle(`${s.ensure}()`, client) : kubernetesLoginTitle(`${s.ensure}()`, client, K8S_ROLE_VAR);
    } else if (stmt.parent?.name === 'Body') {
      // A client built inside a function: log it in right there (each call gets a token with a TTL).
      const imp = importModulesEdit(ctx, idx, ['os']);
      if (imp) edits.push(imp);
      const indent = lineIndent(ctx.text, stmt.from);
      edits.push(removal, ctx.edit(at, at, st.eol + render(st, indent, loginLines(st, method, client))));
      title = inlineLoginTitle(method, method === 'AppRole' ? APPROLE_PREREQUISITE : `create a Vault role bound to this service account and provide ${K8S_ROLE_VAR} first`);
    } else {
      return [];
    }
    fixes.push({ title, applicability: 'unsafe', isPreferred: method === 'AppRole', edits });
  }
  return fixes;
}

/** A module-level `client.token = …`: replaced by the login helpers. */
function tokenAssignmentFixes(ctx: AnalysisContext, idx: PyFileIndex, stmt: PyNode, obj: PyNode): Fix[] {
  if (stmt.parent?.name !== 'Script' || obj.name !== 'VariableName') return [];
  const client = textOf(idx.src, obj);
  const st = styleOf(ctx, idx);
  const imp = importModulesEdit(ctx, idx, ['os', 'time']);
  return (['AppRole', 'Kubernetes'] as const).map((method) => {
    const s = moduleScaffold(ctx, idx, st, method, client);
    return {
      title: method === 'AppRole' ? appRoleLoginTitle(`${s.ensure}()`, client) : kubernetesLoginTitle(`${s.ensure}()`, client, K8S_ROLE_VAR),
      applicability: 'unsafe' as const,
      isPreferred: method === 'AppRole',
      edits: [...(imp ? [imp] : []), ctx.edit(stmt.from, stmt.to, s.text)],
    };
  });
}
