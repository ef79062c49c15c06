import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import {
  failedToLoadText, isSecretBootstrapName, secretFetchSwallowedFixTitle, secretFetchSwallowedMessage,
} from '../../common/wording/secret-fetch-error-swallowed.js';
import { resolvedPath, type PyFileIndex } from '../fileIndex.js';
import { pySecretFlowOf, secretManagerCall, withLiteralSecretName } from '../flow.js';
import { symbolPathOf } from '../literalSites.js';
import { toolFunctions } from '../mcpTools.js';
import { pyLogSink } from './loggers.js';
import { callOf, children, dottedPath, enclosingFunction, lastName, namedChildren, objectOf, subscriptIndex, textOf, type PyFunction, type PyNode } from '../syntax.js';

const RULE = 'secret-fetch-error-swallowed';

/** One `except` clause of a `try`. */
interface ExceptClause {
  keyword: PyNode;
  /** The caught type (`Exception`, `(KeyError, ValueError)`); undefined for a bare `except:`. */
  type?: PyNode;
  /** The name after `as`. */
  name?: PyNode;
  body: PyNode;
}

/**
 * secret-fetch-error-swallowed for Python: an `except` clause around a secret fetch (a
 * secrets-manager call, a Vault login, a call named like a secret bootstrap such as `load_secrets()`,
 * a `os.environ["API_KEY"]` read, or a call to a function of this file that does one of these) whose
 * body only logs or does nothing, at start-up: at module level, or in a start-up function (`main`,
 * `setup_*`, `init_*`, `lifespan`, a function module-level code calls, a function those call, the
 * `__init__` of a class instantiated at module level). `raise`, `sys.exit(…)`, `return` and any
 * other statement count as handling. MCP tool functions run per call, not at start-up.
 */
export function checkPySecretFetchErrorSwallowed(ctx: AnalysisContext, idx: PyFileIndex): void {
  if (!idx.tries.length || !/\bexcept\b/.test(ctx.text)) return;
  if (isStandaloneScript(ctx.text)) return;
  let startup: StartupFunctions | undefined;
  for (const t of idx.tries) {
    const tryBody = t.getChild('Body');
    if (!tryBody) continue;
    const clauses = exceptClauses(t).filter((c) => swallows(idx, c.body));
    if (!clauses.length) continue;
    const fetched = secretFetchIn(idx, tryBody, 0);
    if (!fetched) continue;
    startup ??= new StartupFunctions(idx);
    if (!startup.isStartup(t)) continue;
    for (const c of clauses) {
      const end = (c.name ?? c.type ?? c.keyword).to;
      ctx.report({
        ruleId: RULE,
        start: c.keyword.from,
        end,
        message: secretFetchSwallowedMessage('except', fetched, statementsOf(c.body).every(isEmptyStatement)),
        fingerprintSource: `except:${fetched}`,
        symbolPath: symbolPathOf(idx.src, c.keyword),
        fixes: raiseFix(ctx, idx, c, fetched),
      });
    }
  }
}

function exceptClauses(t: PyNode): ExceptClause[] {
  const out: ExceptClause[] = [];
  let cur: Partial<ExceptClause> | undefined;
  for (const c of children(t)) {
    if (c.name === 'except') cur = { keyword: c };
    else if (!cur) continue;
    else if (c.name === 'Body') { out.push({ ...cur, body: c } as ExceptClause); cur = undefined; }
    else if (c.name === 'as') continue;
    else if (/^[A-Z]/.test(c.name) && c.name !== 'Comment') {
      if (c.prevSibling?.name === 'as') cur.name = c; else cur.type ??= c;
    }
  }
  return out;
}

function statementsOf(body: PyNode): PyNode[] {
  return namedChildren(body).filter((c) => c.name !== 'Comment');
}

function isEmptyStatement(s: PyNode): boolean {
  return s.name === 'PassStatement' || (s.name === 'ExpressionStatement' && s.firstChild?.name === 'Ellipsis' && s.firstChild.nextSibling === null);
}

/** Nothing but log calls, `pass` or `...`: the failure is noted and forgotten. */
function swallows(idx: PyFileIndex, body: PyNode): boolean {
  // A clause still being typed (no statement yet) is not judged.
  const stmts = statementsOf(body);
  return stmts.length > 0 && stmts.every((s) => isEmptyStatement(s) || isLogStatement(idx, s));
}

// ---- logging ----

/** What prints the caught exception without logging text of its own (`pyLogSink` judges the rest). */
const TRACEBACK_PRINT = /^traceback\.(print_exc|print_exception)$/;

function isLogStatement(idx: PyFileIndex, s: PyNode): boolean {
  if (s.name !== 'ExpressionStatement') return false;
  let e = s.firstChild;
  if (e?.name === 'AwaitExpression') e = e.lastChild;
  const call = e?.name === 'CallExpression' ? callOf(idx.src, e) : undefined;
  return !!call && (!!pyLogSink(idx, call) || TRACEBACK_PRINT.test(resolvedPath(idx, call.callee) ?? ''));
}

// ---- what the try fetches ----

const VAULT_LOGIN = /\.auth\.(\w+)\.login$|\.auth_(approle|kubernetes|aws_iam|userpass|ldap|jwt|gcp|azure|cert|github|okta|radius)$/;
const NESTED_SCOPES = new Set(['FunctionDefinition', 'LambdaExpression', 'ClassDefinition']);

/**
 * What secret a block fetches, named for a message (its id or env var where the code spells it, else
 * the provider or the bootstrap call); nested functions are not entered, except functions of this
 * file that the block calls (one level).
 */
function secretFetchIn(idx: PyFileIndex, root: PyNode, depth: number): string | undefined {
  const src = idx.src;
  const flow = pySecretFlowOf(idx);
  let found: string | undefined;
  const visit = (n: PyNode): boolean => {
    if (n.name === 'CallExpression') {
      const call = callOf(src, n)!;
      const path = resolvedPath(idx, call.callee) ?? '';
      const sm = secretManagerCall(idx, call, path);
      if (sm) {
        const named = withLiteralSecretName(idx, sm);
        found = named.secretName ?? `the ${sm.name} secret`;
        return true;
      }
      const login = VAULT_LOGIN.exec(path);
      if (login) { found = `the Vault token (${login[1] ?? login[2]} login)`; return true; }
      const name = lastName(path);
      // boto3's `session.get_credentials()` only looks the chain up: every client resolves it again
      // when it is made, so a failure here loses nothing (servers call it to log which identity they use).
      const botoLookup = name === 'get_credentials' && /session/i.test(path);
      if (name && !botoLookup && isSecretBootstrapName(name)) { found = `secrets (${name}())`; return true; }
      if (depth < 1 && name && (call.callee.name === 'VariableName' || /^self\.\w+$/.test(path))) {
        for (const fn of idx.functionsByName.get(name) ?? []) {
          const inner = fn.body && secretFetchIn(idx, fn.body, depth + 1);
          if (inner) { found = inner; return true; }
        }
      }
    }
    // `os.environ["API_KEY"]` raises KeyError when the variable is missing (`os.getenv` never raises).
    if (n.name === 'MemberExpression' && subscriptIndex(n) && resolvedPath(idx, objectOf(n)) === 'os.environ') {
      const s = flow.secretOf(n);
      if (s?.kind === 'env') { found = s.secretName ?? s.name; return true; }
    }
    return false;
  };
  // Depth-first, in document order, so the first fetch names the finding.
  const walk = (n: PyNode): void => {
    if (found) return;
    if (n.from !== root.from && NESTED_SCOPES.has(n.name)) return;
    if (visit(n)) return;
    for (let ch = n.firstChild; ch && !found; ch = ch.nextSibling) walk(ch);
  };
  walk(root);
  return found;
}

// ---- start-up ----

const STARTUP_NAME = /^_*(main|amain|async_main|run_server|serve|start|startup|start_server|on_startup|setup|init|initialize|bootstrap|configure|lifespan|app_lifespan|server_lifespan|create_app|create_server|build_server|make_server|make_app|build_app)$|^_*(init|initialize|setup|startup|bootstrap|configure)_\w+$/;
const STARTUP_DECORATOR = /startup|lifespan|before_serving|before_first_request/;

/**
 * Code that runs while the server starts: module level, and functions that are named or
 * registered as start-up steps, called from module level, or called from such functions. MCP
 * tools (and the low-level `call_tool` handler) run per request and are never start-up.
 */
class StartupFunctions {
  private readonly startup = new Set<number>();

  constructor(idx: PyFileIndex) {
    const tools = new Set(toolFunctions(idx).map((t) => t.fn.node.from));
    const src = idx.src;
    const add = (fn: PyFunction) => { if (!tools.has(fn.node.from)) this.startup.add(fn.node.from); };
    const byName = (name: string) => idx.functionsByName.get(name) ?? [];
    const lifespanRefs = new Set<string>();
    for (const n of idx.calls) {
      const call = callOf(src, n)!;
      const lifespan = call.args.find((a) => a.name === 'lifespan')?.value;
      if (lifespan?.name === 'VariableName') lifespanRefs.add(textOf(src, lifespan));
    }
    for (const fn of idx.functions) {
      if (STARTUP_NAME.test(fn.name) || lifespanRefs.has(fn.name) || fn.decorators.some((d) => STARTUP_DECORATOR.test(d.path))) add(fn);
    }
    // Module-level calls: `main()`, `asyncio.run(main())`, `anyio.run(main)`, `Client()` (its `__init__`).
    for (const n of idx.calls) {
      if (enclosingFunction(n)) continue;
      const call = callOf(src, n)!;
      const targets: string[] = [];
      if (call.callee.name === 'VariableName') targets.push(textOf(src, call.callee));
      if (/\.run$/.test(dottedPath(src, call.callee) ?? '')) for (const a of call.args) if (a.value.name === 'VariableName') targets.push(textOf(src, a.value));
      for (const name of targets) {
        for (const fn of byName(name)) if (isModuleFunction(fn)) add(fn);
        const cls = idx.classes.find((c) => !enclosingFunction(c) && textOf(src, c.getChild('VariableName') ?? c) === name);
        if (cls) for (const m of [...byName('__init__'), ...byName('__post_init__')]) if (classOf(m)?.from === cls.from) add(m);
      }
    }
    // Functions start-up functions call (a few levels).
    for (let round = 0; round < 3; round++) {
      const before = this.startup.size;
      for (const n of idx.calls) {
        const fn = enclosingFunction(n);
        if (!fn || !this.startup.has(fn.from)) continue;
        const call = callOf(src, n)!;
        const path = dottedPath(src, call.callee) ?? '';
        const name = call.callee.name === 'VariableName' ? path : /^self\.\w+$/.test(path) ? path.slice(5) : undefined;
        if (name) for (const f of byName(name)) add(f);
      }
      if (this.startup.size === before) break;
    }
  }

  isStartup(n: PyNode): boolean {
    const fn = enclosingFunction(n);
    return !fn || this.startup.has(fn.from);
  }
}

/** Defined at module level (also inside a module-level `if` or `try`), not in a function or a class. */
function isModuleFunction(fn: PyFunction): boolean {
  for (let p = fn.node.parent; p; p = p.parent) if (p.name === 'FunctionDefinition' || p.name === 'ClassDefinition') return false;
  return true;
}

/** The class a method is defined in (directly). */
function classOf(fn: PyFunction): PyNode | undefined {
  for (let p = fn.node.parent; p; p = p.parent) {
    if (p.name === 'FunctionDefinition') return undefined;
    if (p.name === 'ClassDefinition') return p;
  }
  return undefined;
}

// ---- fix: re-raise with the secret's name ----

function freshName(body: string): string {
  return ['err', 'error', 'exc', 'load_error'].find((n) => !new RegExp(`\\b${n}\\b`).test(body)) ?? 'load_error';
}

/** `raise RuntimeError("Failed to load …") from err` appended to the clause (replacing a lone `pass`). */
function raiseFix(ctx: AnalysisContext, idx: PyFileIndex, c: ExceptClause, what: string): Fix[] {
  const src = idx.src;
  const stmts = statementsOf(c.body);
  const last = stmts[stmts.length - 1];
  if (!last) return [];
  const edits: TextEdit[] = [];
  let errName: string;
  if (c.name) errName = textOf(src, c.name);
  else {
    errName = freshName(textOf(src, c.body));
    edits.push(c.type ? ctx.edit(c.type.to, c.type.to, ` as ${errName}`) : ctx.edit(c.keyword.to, c.keyword.to, ` Exception as ${errName}`));
  }
  const raise = `raise RuntimeError(${JSON.stringify(failedToLoadText(what))}) from ${errName}`;
  const inline = !/\n/.test(src.slice(c.body.from, last.from));
  if (isEmptyStatement(last)) edits.push(ctx.edit(last.from, last.to, raise));
  else if (inline) edits.push(ctx.edit(last.to, last.to, `; ${raise}`));
  else {
    const lineStart = src.lastIndexOf('\n', last.from - 1) + 1;
    const indent = /^[ \t]*/.exec(src.slice(lineStart, last.from))![0];
    edits.push(ctx.edit(last.to, last.to, `${ctx.lines.eol()}${indent}${raise}`));
  }
  return [{ title: secretFetchSwallowedFixTitle(what, 're-raise'), applicability: 'unsafe', isPreferred: true, edits }];
}

/**
 * A one-off script (`if __name__ == "__main__":` and no server in it: a setup or migration script,
 * an example client): it reports each failed step and carries on by design, and no server starts
 * from it without its secret.
 */
function isStandaloneScript(text: string): boolean {
  return /^if\s+__name__\s*==\s*["']__main__["']\s*:/m.test(text)
    && !/\b(FastMCP|Server|FastAPI|Starlette|Flask|Quart|Sanic)\s*\(|\bmcp\.run\(|\buvicorn\b|\bweb\.Application\(/.test(text);
}
