import ts from 'typescript';
import { type FunctionLike, type SecretFlow, isFunctionLike, unwrap } from '../../dataflow/index.js';
import { nameText } from '../../syntax.js';
import { memoSlot } from '../../../../memo.js';

/**
 * MCP tool registrations of the TypeScript SDK, recognised by shape:
 *   server.tool(name, [description], [paramsShape], [annotations], handler)
 *   server.registerTool(name, { inputSchema, … }, handler)
 *   server.setRequestHandler(CallToolRequestSchema, handler)
 */
export interface ToolRegistration {
  call: ts.CallExpression;
  kind: 'tool' | 'registerTool' | 'callTool';
  /** The tool's name when it is a literal. */
  name?: string;
  handler?: FunctionLike;
  /** Arguments that may hold the input schema (`tool`: those between the name and the handler; `registerTool`: `inputSchema`). */
  schemas: ts.Expression[];
}

/** Cheap text gate: files that register no tool skip the MCP rules. */
export const MCP_TOOL_HINT = /\.tool\s*\(|registerTool|CallToolRequestSchema|inputSchema/;

/** A function argument, or a local function it names, or the function wrapped by `withAuth(handler)`. */
export function functionArg(e: ts.Expression | undefined, flow: SecretFlow, depth = 0): FunctionLike | undefined {
  if (!e || depth > 3) return undefined;
  const u = unwrap(e);
  if (ts.isArrowFunction(u) || ts.isFunctionExpression(u)) return u;
  if (ts.isIdentifier(u)) {
    const b = flow.bindingOf(u);
    if (b?.fn && isFunctionLike(b.fn)) return b.fn;
    if (b && b.values.length === 1 && !b.values[0].path.length) return functionArg(b.values[0].expr, flow, depth + 1);
    return undefined;
  }
  if (ts.isCallExpression(u) && u.arguments.length) return functionArg(u.arguments[u.arguments.length - 1], flow, depth + 1);
  return undefined;
}

// Two rules ask for the registrations of the same parse; found once per parse (read-only after).
const registrations = memoSlot<SecretFlow, readonly ToolRegistration[]>('tool registrations'); // on the flow (memo.ts)

export function toolRegistrations(flow: SecretFlow): readonly ToolRegistration[] {
  let regs = registrations.get(flow);
  if (!regs) registrations.set(flow, (regs = findToolRegistrations(flow)));
  return regs;
}

function findToolRegistrations(flow: SecretFlow): ToolRegistration[] {
  const out: ToolRegistration[] = [];
  for (const call of flow.index.calls) {
    const c = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(c)) continue;
    const m = c.name.text;
    const args = call.arguments;
    const name = args[0] && ts.isStringLiteralLike(args[0]) ? args[0].text : undefined;
    if (m === 'tool' && args.length >= 2) {
      const handler = functionArg(args[args.length - 1], flow);
      if (!handler) continue;
      const schemas = args.slice(1, -1).filter((a) => !ts.isStringLiteralLike(a));
      out.push({ call, kind: 'tool', name, handler, schemas });
    } else if (m === 'registerTool' && args.length >= 2) {
      const config = objectOf(args[1], flow);
      const input = config && propertyValue(config, 'inputSchema');
      out.push({ call, kind: 'registerTool', name, handler: functionArg(args[2], flow), schemas: input ? [input] : [] });
    } else if (m === 'setRequestHandler' && args.length >= 2) {
      const schema = unwrap(args[0]);
      const sname = ts.isIdentifier(schema) ? schema.text : ts.isPropertyAccessExpression(schema) ? schema.name.text : '';
      if (sname === 'CallToolRequestSchema') out.push({ call, kind: 'callTool', handler: functionArg(args[1], flow), schemas: [] });
    }
  }
  return out;
}

/** An object literal, directly or through a `const` bound to one. */
export function objectOf(e: ts.Expression | undefined, flow: SecretFlow, depth = 0): ts.ObjectLiteralExpression | undefined {
  if (!e || depth > 3) return undefined;
  const u = unwrap(e);
  if (ts.isObjectLiteralExpression(u)) return u;
  if (ts.isIdentifier(u)) {
    const b = flow.bindingOf(u);
    if (b && b.kind === 'const' && b.values.length === 1 && !b.values[0].path.length) return objectOf(b.values[0].expr, flow, depth + 1);
  }
  return undefined;
}

export function propertyValue(o: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && nameText(p.name) === key) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) return p.name;
  }
  return undefined;
}
