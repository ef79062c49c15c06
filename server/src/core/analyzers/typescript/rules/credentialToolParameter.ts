import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { symbolPathOf } from '../syntax.js';
import { type SecretFlow, analyzeSecretFlow, unwrap } from '../dataflow/index.js';
import { objectOf, propertyValue, toolRegistrations } from './lifecycle/mcpTools.js';
import { NON_CREDENTIAL_TYPES, credentialToolParameterMessage, isCredentialParameter } from '../../common/wording/credential-tool-parameter.js';

export { isCredentialParameter };

const RULE = 'credential-tool-parameter';

interface Param { nameNode: ts.Node; name: string; credentialType: boolean }

/**
 * credential-tool-parameter: a tool input schema (zod raw shape, `z.object`, JSON Schema
 * `properties`) with a parameter named like a credential. Parameters whose schema type is a
 * number, boolean, enum or literal never hold a credential; neither do bare `key`s, data keys
 * (`cacheKey`, `objectKey`) or pagination tokens (`nextPageToken`).
 */
export function checkCredentialToolParameter(ctx: AnalysisContext, sf: ts.SourceFile): void {
  const flow = analyzeSecretFlow(sf);
  const seen = new Set<ts.Node>();
  const report = (params: Param[], tool: string | undefined) => {
    for (const p of params) {
      if (seen.has(p.nameNode) || !p.credentialType || !isCredentialParameter(p.name)) continue;
      seen.add(p.nameNode);
      ctx.report({
        ruleId: RULE,
        start: p.nameNode.getStart(sf),
        end: p.nameNode.getEnd(),
        message: credentialToolParameterMessage(tool, p.name),
        fingerprintSource: `${tool ?? ''}.${p.name}`,
        symbolPath: symbolPathOf(p.nameNode),
      });
    }
  };

  // A schema may be declared elsewhere: its findings belong to the registration (or parse) naming it.
  for (const reg of toolRegistrations(flow)) ctx.fromSite(reg.call.pos, () => { for (const s of reg.schemas) report(schemaParams(flow, s, 0), reg.name); });
  for (const prop of flow.index.keyedProperties.get('inputSchema') ?? []) {
    const owner = prop.parent;
    const nameValue = ts.isObjectLiteralExpression(owner) ? propertyValue(owner, 'name') : undefined;
    ctx.fromSite(prop.pos, () => report(schemaParams(flow, prop.initializer, 0), nameValue && ts.isStringLiteralLike(nameValue) ? nameValue.text : undefined));
  }
  // `Schema.parse(request.params.arguments)`: the schema a CallTool handler validates its arguments with.
  for (const call of flow.index.calls) {
    const c = unwrap(call.expression);
    if (ts.isPropertyAccessExpression(c) && /^(safe)?[pP]arse(Async)?$/.test(c.name.text) && call.arguments[0]
      && /\barguments\b/.test(call.arguments[0].getText(sf))) ctx.fromSite(call.pos, () => report(schemaParams(flow, c.expression, 0), undefined));
  }
}

const ZOD_WRAPPERS = new Set(['strict', 'passthrough', 'strip', 'describe', 'optional', 'nullable', 'nullish', 'default', 'refine',
  'superRefine', 'transform', 'catchall', 'required', 'partial', 'readonly', 'brand', 'pipe', 'meta']);
const ZOD_OBJECT = new Set(['object', 'strictObject', 'looseObject']);
// zod or JSON Schema types that cannot hold a credential string (shared NON_CREDENTIAL_TYPES). An
// object or an array is judged by what it holds: its properties are parameters too, named
// `parent.child` (`tsigKey.secret` is one, `refresh_token.rotation_type` and the settings object
// `refresh_token` itself are not; `secrets[].value` is).
const MAX_NESTING = 3;

function schemaParams(flow: SecretFlow, e: ts.Expression, depth: number): Param[] {
  if (depth > 4) return [];
  const u = unwrap(e);
  if (ts.isIdentifier(u)) {
    const b = flow.bindingOf(u);
    return b && b.values.length === 1 && !b.values[0].path.length ? schemaParams(flow, b.values[0].expr, depth + 1) : [];
  }
  if (ts.isPropertyAccessExpression(u)) return u.name.text === 'shape' ? schemaParams(flow, u.expression, depth + 1) : [];
  if (ts.isCallExpression(u)) {
    const c = unwrap(u.expression);
    if (ts.isPropertyAccessExpression(c)) {
      const m = c.name.text;
      if (ZOD_OBJECT.has(m)) return u.arguments[0] ? shapeParams(flow, u.arguments[0]) : [];
      if (ZOD_WRAPPERS.has(m)) return schemaParams(flow, c.expression, depth + 1);
      if (m === 'extend' || m === 'merge' || m === 'and') {
        return [...schemaParams(flow, c.expression, depth + 1), ...(u.arguments[0] ? schemaParams(flow, u.arguments[0], depth + 1) : [])];
      }
    }
    // zodToJsonSchema(Schema), z.toJSONSchema(Schema)
    return u.arguments[0] ? schemaParams(flow, u.arguments[0], depth + 1) : [];
  }
  if (ts.isObjectLiteralExpression(u)) {
    const props = objectOf(propertyValue(u, 'properties'), flow);
    if (props) return jsonSchemaParams(flow, props);
    return shapeParams(flow, u);
  }
  return [];
}

/** A zod raw shape `{ name: z.string(), … }`; an object whose values are not zod schemas yields nothing. */
function shapeParams(flow: SecretFlow, e: ts.Expression, prefix = '', nesting = 0): Param[] {
  const o = objectOf(e, flow);
  if (!o) return [];
  const out: Param[] = [];
  for (const p of o.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const type = zodType(flow, p.initializer);
    if (type === undefined) continue;
    const name = prefix + p.name.getText().replace(/^['"`]|['"`]$/g, '');
    out.push({ nameNode: p.name, name, credentialType: !NON_CREDENTIAL_TYPES.has(type) });
    const inner = nesting < MAX_NESTING ? zodInnerShape(p.initializer) : undefined;
    if (inner) out.push(...shapeParams(flow, inner, `${name}.`, nesting + 1));
  }
  return out;
}

/** The shape inside `z.object({…})` or `z.array(z.object({…}))` (through modifiers), if any. */
function zodInnerShape(e: ts.Expression): ts.Expression | undefined {
  let cur = unwrap(e);
  while (ts.isCallExpression(cur)) {
    const c = unwrap(cur.expression);
    if (!ts.isPropertyAccessExpression(c)) return undefined;
    if (ZOD_OBJECT.has(c.name.text)) return cur.arguments[0];
    if (c.name.text === 'array' && cur.arguments[0]) { cur = unwrap(cur.arguments[0]); continue; }
    cur = unwrap(c.expression);
  }
  return undefined;
}

/** The base zod type of a schema expression (`z.coerce.number().int()` → `number`), or undefined when it is not zod. */
function zodType(flow: SecretFlow, e: ts.Expression): string | undefined {
  let cur = unwrap(e);
  let coerced: string | undefined;
  for (;;) {
    if (ts.isCallExpression(cur)) cur = unwrap(cur.expression);
    else if (ts.isPropertyAccessExpression(cur)) {
      if (ts.isIdentifier(cur.expression) && isZodName(flow, cur.expression.text)) return cur.name.text === 'coerce' ? coerced ?? 'unknown' : cur.name.text;
      coerced = cur.name.text;
      cur = cur.expression;
    } else if (ts.isIdentifier(cur)) return isZodName(flow, cur.text) ? 'unknown' : undefined;
    else return undefined;
  }
}

function isZodName(flow: SecretFlow, name: string): boolean {
  return name === 'z' || /^zod(\/|$)/.test(flow.index.importedFrom.get(name) ?? '');
}

function jsonSchemaParams(flow: SecretFlow, props: ts.ObjectLiteralExpression, prefix = '', nesting = 0): Param[] {
  const out: Param[] = [];
  for (const p of props.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const def = ts.isPropertyAssignment(p) ? objectOf(p.initializer, flow) : undefined;
    const type = def && propertyValue(def, 'type');
    const typeText = type && ts.isStringLiteralLike(type) ? type.text : undefined;
    const credentialType = !(typeText && NON_CREDENTIAL_TYPES.has(typeText)) && !(def && propertyValue(def, 'enum'));
    const name = prefix + p.name.getText().replace(/^['"`]|['"`]$/g, '');
    out.push({ nameNode: p.name, name, credentialType });
    // `{ type: 'object', properties }` and `{ type: 'array', items: { properties } }`: judge what they hold.
    const holder = def && typeText === 'array' ? objectOf(propertyValue(def, 'items'), flow) : def;
    const inner = holder && nesting < MAX_NESTING ? objectOf(propertyValue(holder, 'properties'), flow) : undefined;
    if (inner) out.push(...jsonSchemaParams(flow, inner, `${name}.`, nesting + 1));
  }
  return out;
}
