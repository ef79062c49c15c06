import { memoOn, resolvedPath, valuesOf, type PyFileIndex } from './fileIndex.js';
import { stringValue } from './strings.js';
import { callOf, calleeEndsWith, children, keywordArg, lastName, positionalArg, textOf, type PyFunction, type PyNode } from './syntax.js';

/**
 * MCP tools of the Python SDKs, recognised by shape (there are no types):
 *   FastMCP (`mcp.server.fastmcp` and `fastmcp`): `@mcp.tool`, `@mcp.tool()`, `@mcp.tool(name=…)`,
 *     `@app.tool()` where `app = FastMCP(…)`, `mcp.tool()(fn)`, `mcp.add_tool(fn)`;
 *   the low-level server (`mcp.server.Server` / `mcp.server.lowlevel.Server`): `@server.call_tool()`,
 *     one handler for every tool, which dispatches on the tool's name.
 */
export interface PyToolFunction {
  fn: PyFunction;
  /** `tool`: one function per tool, its parameters are the tool's input; `call_tool`: the low-level dispatcher. */
  kind: 'tool' | 'call_tool';
  /** The tool's name: the registration's `name=` (or first string argument), else the function's name; unset for `call_tool`. */
  name?: string;
  /** The decorator or the registering call. */
  registration: PyNode;
}

/** Cheap text gate: files that register no tool skip the MCP rules. */
export const PY_MCP_TOOL_HINT = /\.tool\b|\.add_tool\b|\.call_tool\b/;

/** Every MCP tool function of the file (found once per index, read-only after). */
export function toolFunctions(idx: PyFileIndex): readonly PyToolFunction[] {
  return memoOn(idx, findToolsIfHinted);
}

const findToolsIfHinted = (idx: PyFileIndex): readonly PyToolFunction[] => (PY_MCP_TOOL_HINT.test(idx.src) ? findTools(idx) : []);

/** The tool function (or the `call_tool` handler) that `n` sits in, if any. */
export function toolFunctionAround(idx: PyFileIndex, n: PyNode): PyToolFunction | undefined {
  let best: PyToolFunction | undefined;
  for (const t of toolFunctions(idx)) {
    if (t.fn.node.from <= n.from && n.to <= t.fn.node.to && (!best || t.fn.node.from >= best.fn.node.from)) best = t;
  }
  return best;
}

/** The file imports an MCP server SDK (`mcp`, `fastmcp`): server objects imported from elsewhere count then. */
export function importsMcp(idx: PyFileIndex): boolean {
  for (const origin of idx.imports.values()) if (/^(mcp|fastmcp)(\.|$)/.test(origin)) return true;
  return false;
}

/** `mcp` / `app` / `server`: bound to `FastMCP(…)` / `Server(…)` here, or imported into a file that uses the SDK. */
function isServerObject(idx: PyFileIndex, receiver: string, at: PyNode, classes: RegExp): boolean {
  if (!/^[\w.]+$/.test(receiver)) return false;
  if (receiver === 'mcp' || receiver === 'self.mcp') return true;
  const values = valuesOf(idx, receiver, at);
  if (values.some((v) => v.name === 'CallExpression' && classes.test(lastName(resolvedPath(idx, v.firstChild)) ?? ''))) return true;
  return !values.length && idx.imports.has(receiver) && importsMcp(idx);
}

const FASTMCP = /^FastMCP$/;
/** How the callee of a registering call ends: `mcp.tool(…)` (whose call is then called) or `mcp.add_tool`. */
const REGISTRATION_ENDS = [')', 'add_tool'];
const LOWLEVEL = /^(Server|LowLevelServer|MCPServer)$/;

function findTools(idx: PyFileIndex): PyToolFunction[] {
  const src = idx.src;
  const out: PyToolFunction[] = [];
  const seen = new Set<number>();
  const add = (t: PyToolFunction) => {
    if (seen.has(t.fn.node.from)) return;
    seen.add(t.fn.node.from);
    out.push(t);
  };
  const nameFrom = (args: { name?: string; value: PyNode }[]) => {
    const kw = args.find((a) => a.name === 'name');
    if (kw) return stringValue(src, kw.value);
    const first = args.find((a) => !a.name);
    return first ? stringValue(src, first.value) : undefined;
  };

  for (const fn of idx.functions) {
    for (const d of fn.decorators) {
      const m = /^(.+)\.(tool|call_tool)(\(\))?$/.exec(d.path);
      if (!m) continue;
      if (m[2] === 'tool' && isServerObject(idx, m[1], d.node, FASTMCP)) {
        add({ fn, kind: 'tool', name: nameFrom(d.args) ?? fn.name, registration: d.node });
      } else if (m[2] === 'call_tool' && (isServerObject(idx, m[1], d.node, LOWLEVEL) || importsMcp(idx))) {
        add({ fn, kind: 'call_tool', registration: d.node });
      }
    }
  }

  // `mcp.tool()(fn)`, `mcp.tool(name="x")(fn)`, `mcp.add_tool(fn, name="x")`: a function of this file registered by name.
  for (const n of idx.calls) {
    // Only a call of a call (`mcp.tool()(fn)`) or an `….add_tool(fn)` can register a function.
    if (!calleeEndsWith(src, n, REGISTRATION_ENDS)) continue;
    const call = callOf(src, n);
    if (!call) continue;
    let fnArg: PyNode | undefined;
    let nameArgs = call.args;
    if (call.callee.name === 'CallExpression') {
      const inner = callOf(src, call.callee)!;
      const path = resolvedPath(idx, inner.callee) ?? '';
      const m = /^(.+)\.tool$/.exec(path);
      if (!m || !isServerObject(idx, textOf(src, inner.callee.firstChild!), n, FASTMCP)) continue;
      fnArg = positionalArg(call, 0);
      nameArgs = inner.args;
    } else if (call.callee.name === 'MemberExpression' && /\.add_tool$/.test(textOf(src, call.callee))) {
      const recv = call.callee.firstChild;
      if (!recv || !isServerObject(idx, textOf(src, recv), n, FASTMCP)) continue;
      fnArg = positionalArg(call, 0) ?? keywordArg(call, 'fn')?.value;
    } else continue;
    if (fnArg?.name !== 'VariableName') continue;
    const fname = textOf(src, fnArg);
    const fn = (idx.functionsByName.get(fname) ?? []).find((f) => f.node.parent?.name === 'Script' || f.node.parent?.parent?.name === 'Script');
    if (fn) add({ fn, kind: 'tool', name: nameFrom(nameArgs.filter((a) => a.name === 'name')) ?? fn.name, registration: n });
  }
  return out;
}

/**
 * In a `call_tool` handler, the tool a node is returned for: the `if name == "x":` / `elif` branch
 * or the `case "x":` clause it sits in.
 */
export function dispatchedToolName(idx: PyFileIndex, n: PyNode): string | undefined {
  const src = idx.src;
  for (let p = n.parent; p; p = p.parent) {
    if (p.name === 'FunctionDefinition') return undefined;
    if (p.name !== 'Body' && p.name !== 'MatchClause') continue;
    const owner = p.parent;
    if (p.name === 'Body' && owner?.name === 'IfStatement') {
      const kids = children(owner);
      const cond = kids[kids.findIndex((k) => k.from === p.from) - 1];
      const name = cond && nameTest(src, cond);
      if (name) return name;
    } else if (p.name === 'MatchClause') {
      const subject = p.parent?.parent?.getChild('VariableName') ?? p.parent?.parent?.getChild('MemberExpression');
      const pattern = p.getChild('LiteralPattern')?.getChild('String');
      if (subject && /name$/.test(textOf(src, subject)) && pattern) return stringValue(src, pattern);
    }
  }
  return undefined;
}

/** `name == "x"` / `"x" == req.params.name`: the string compared with a `…name`. */
function nameTest(src: string, cond: PyNode): string | undefined {
  if (cond.name !== 'BinaryExpression') return undefined;
  const kids = children(cond);
  if (kids.length !== 3 || textOf(src, kids[1]) !== '==') return undefined;
  const [a, , b] = kids;
  const str = a.name === 'String' ? a : b.name === 'String' ? b : undefined;
  const other = str === a ? b : a;
  return str && /name$/.test(textOf(src, other)) ? stringValue(src, str) : undefined;
}
