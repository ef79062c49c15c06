import type { AnalysisContext } from '../../context.js';
import { hasSecretWord, splitWords } from '../../../secrets/index.js';
import {
  NON_CREDENTIAL_TYPES, credentialDescription, credentialToolParameterMessage, isCredentialParameter,
} from '../../common/wording/credential-tool-parameter.js';
import { forEachSite, resolvedPath, sitesOf, valuesOf, type PyFileIndex } from '../fileIndex.js';
import { symbolPathOf } from '../literalSites.js';
import { toolFunctions } from '../mcpTools.js';
import { holdsWithin, occurrencesOf } from '../../../text/sorted.js';
import { stringValue } from '../strings.js';
import {
  argumentsOf, assignmentOf, callOf, children, dictEntriesOf, dottedPath, keywordArg, lastName, namedChildren, nodeKey, textOf,
  docstringOf, docstringParameter,
  type PyNode,
} from '../syntax.js';

const RULE = 'credential-tool-parameter';
const MAX_NESTING = 3;

/** One input of a tool: a function parameter, a field of a model a parameter is typed with, a JSON Schema property. */
interface Param {
  nameNode: PyNode;
  /** `api_key`, or `creds.api_key` for a field of a model parameter. */
  name: string;
  /** The declared type can hold a string (not a number, bool, enum, literal, list or dict). */
  credentialType: boolean;
  description?: string;
}

/**
 * credential-tool-parameter for Python MCP servers: a FastMCP tool function (`@mcp.tool()`,
 * `mcp.add_tool(fn)`) with a parameter named like a credential (also a field of a pydantic model,
 * TypedDict or dataclass of this file that a parameter is typed with), or a low-level
 * `types.Tool(inputSchema={…})` with such a property. Names are judged as in TypeScript
 * (`max_tokens`, `sort_key`, `next_page_token` are not credentials); a parameter typed as a number,
 * bool, enum, `Literal`, list or dict is not either; a `Field(description=…)` can say a bare `key`
 * is an API key, or that a `token` is a pagination token. Functions that are not tools never fire.
 */
export function checkPyCredentialToolParameter(ctx: AnalysisContext, idx: PyFileIndex): void {
  const models = new Models(idx);
  const seen = new Set<string>();
  const report = (params: Param[], tool: string | undefined) => {
    for (const p of params) {
      const key = nodeKey(p.nameNode);
      if (seen.has(key) || !p.credentialType || !isCredential(p)) continue;
      seen.add(key);
      ctx.report({
        ruleId: RULE,
        start: p.nameNode.from,
        end: p.nameNode.to,
        message: credentialToolParameterMessage(tool, p.name),
        fingerprintSource: `${tool ?? ''}.${p.name}`,
        symbolPath: symbolPathOf(idx.src, p.nameNode, textOf(idx.src, p.nameNode)),
      });
    }
  };

  // A parameter its description says comes from another tool of this server ("Generated code token
  // from generate_infrastructure_code") is a handle the server made, passed between steps.
  const toolNames = new Set(toolFunctions(idx).map((t) => t.fn.name).filter((n) => n.length > 3));
  const fromAnotherTool = (description: string | undefined) => {
    if (!description) return false;
    for (const m of description.matchAll(/\b(?:from|by)\s+(?:the\s+)?(\w+)|\b(\w+)\(\)/g)) if (toolNames.has(m[1] ?? m[2])) return true;
    return false;
  };
  // A tool is judged at its registration (its decorator, or an `mcp.add_tool(fn)` elsewhere), and
  // its findings belong there: they go when it goes. A change of the function's statement reaches
  // a registration elsewhere through the function's name, and a change of a model through the
  // model's name in the function (python/statementReuse.ts).
  const tools = toolFunctions(idx).filter((t) => t.kind === 'tool');
  for (const tool of sitesOf(idx, tools, (t) => t.registration)) {
    const params: Param[] = [];
    const doc = docstringOf(idx.src, tool.fn.node);
    for (const p of tool.fn.params) {
      if (p.star || p.name === 'self' || p.name === 'cls') continue;
      const t = models.typeOf(p.annotation);
      if (t.type === 'context') continue;
      // The schema's description, else the docstring's: FastMCP puts the docstring in the tool's
      // description, so that is what the model reads about a bare `token` ("…a Talk conversation by its token").
      const description = t.description ?? fieldDescription(idx.src, p.default) ?? docstringParameter(doc, p.name) ?? (isBareCredentialWord(p.name) ? doc : undefined);
      if (fromAnotherTool(description)) continue;
      params.push({ nameNode: p.nameNode, name: p.name, credentialType: !NON_CREDENTIAL_TYPES.has(t.type), description });
      if (t.model) params.push(...models.fields(t.model, `${p.name}.`, 1));
    }
    ctx.fromSite(tool.registration.from, () => report(params, tool.name));
  }

  // Low-level servers: `types.Tool(name=…, inputSchema={…})`, or a dict with an "inputSchema" entry;
  // in a `@server.call_tool()` handler, the model its `arguments` are validated with.
  const dispatchers = toolFunctions(idx).filter((t) => t.kind === 'call_tool').map((t) => t.fn.node);
  const schemaWords = occurrencesOf(idx.src, 'inputSchema');
  const inDispatcher = (n: PyNode) => dispatchers.some((d) => d.from <= n.from && n.to <= d.to);
  for (const n of sitesOf(idx, idx.calls)) {
    // Most calls hold neither: skip reading their arguments.
    if (!holdsWithin(schemaWords, n.from, n.to) && !inDispatcher(n)) continue;
    const call = callOf(idx.src, n);
    if (!call) continue;
    // The schema (or the model it names) may be declared in another statement: what it holds is this call's finding.
    const schema = keywordArg(call, 'inputSchema')?.value;
    if (schema) ctx.fromSite(n.from, () => report(schemaParams(idx, models, schema, 0), stringValue(idx.src, keywordArg(call, 'name')?.value)));
    // `Args.model_validate(arguments)` / `Args(**arguments)`: the model a call_tool handler reads its arguments with.
    const first = call.args[0];
    if (first && /\barguments\b/.test(textOf(idx.src, first.value)) && inDispatcher(n)) {
      const path = dottedPath(idx.src, call.callee) ?? '';
      const owner = /\.(model_validate|parse_obj|validate)$/.test(path) && call.callee.name === 'MemberExpression' ? call.callee.firstChild ?? undefined
        : first.star === '**' && call.callee.name === 'VariableName' ? call.callee : undefined;
      const model = models.modelNamed(owner);
      if (model) ctx.fromSite(n.from, () => report(models.fields(model, '', 1), undefined));
    }
  }
  if (!schemaWords.length) return;
  forEachSite(idx, (dict) => {
    const entries = dictEntriesOf(dict);
    const schema = entries.find((e) => stringValue(idx.src, e.key) === 'inputSchema')?.value;
    if (!schema) return;
    const name = entries.find((e) => stringValue(idx.src, e.key) === 'name')?.value;
    ctx.fromSite(dict.from, () => report(schemaParams(idx, models, schema, 0), stringValue(idx.src, name)));
  }, DICTS);
}

const DICTS: ReadonlySet<string> = new Set(['DictionaryExpression']);

/** The name judged as in every language, then what its description says (only for names with a credential word). */
function isCredential(p: Param): boolean {
  if (!hasSecretWord(p.name)) return false;
  const said = credentialDescription(p.description);
  if (said === 'other') return false;
  if (isCredentialParameter(p.name)) return true;
  // A description makes a credential only of a name made of credential words alone (a bare `key`),
  // never of a name that says what else it is (`cache_key`, `sort_key`).
  const leaf = p.name.slice(p.name.lastIndexOf('.') + 1);
  return said === 'credential' && splitWords(leaf).every((w) => hasSecretWord(w));
}

/** `description=` of a `Field(…)` call (a default value, or an `Annotated[…]` argument). */
function fieldDescription(src: string, n: PyNode | undefined): string | undefined {
  const call = n && callOf(src, n);
  if (!call || lastName(dottedPath(src, call.callee)) !== 'Field') return undefined;
  return stringValue(src, keywordArg(call, 'description')?.value);
}

// ---- Python annotations, mapped onto the shared schema type names ----

const SIMPLE_TYPES: Record<string, string> = {
  int: 'int', float: 'number', complex: 'number', Decimal: 'number', bool: 'boolean', None: 'null', NoneType: 'null',
  date: 'date', datetime: 'date', time: 'date', timedelta: 'date',
  list: 'array', List: 'array', set: 'array', Set: 'array', frozenset: 'array', FrozenSet: 'array', tuple: 'array', Tuple: 'array',
  Sequence: 'array', Iterable: 'array', Collection: 'array',
  dict: 'object', Dict: 'object', Mapping: 'object', MutableMapping: 'object',
  Literal: 'literal',
};
const CONTAINERS = new Set(['list', 'List', 'set', 'Set', 'frozenset', 'FrozenSet', 'tuple', 'Tuple', 'Sequence', 'Iterable', 'Collection', 'dict', 'Dict', 'Mapping', 'MutableMapping', 'Literal']);
const ENUM_BASES = /^(Enum|StrEnum|IntEnum|Flag|IntFlag)$/;
const MODEL_BASES = /^(BaseModel|TypedDict|RootModel)$/;

interface TypeInfo {
  /** A shared schema type name (`int`, `array`…), `context` for FastMCP's injected `Context`, `unknown` otherwise. */
  type: string;
  /** A model class of this file (pydantic, TypedDict, dataclass): its fields are judged. */
  model?: PyNode;
  description?: string;
}

/** The model and enum classes of the file, and annotation types read against them. */
class Models {
  private readonly classes = new Map<string, PyNode>();

  constructor(private readonly idx: PyFileIndex) {
    for (const c of idx.classes) {
      const id = c.getChild('VariableName');
      if (id) this.classes.set(textOf(idx.src, id), c);
    }
  }

  private bases(c: PyNode): string[] {
    return argumentsOf(this.idx.src, c.getChild('ArgList')).filter((a) => !a.name).map((a) => lastName(dottedPath(this.idx.src, a.value)) ?? '');
  }

  private isModel(c: PyNode, depth = 0): boolean {
    if (depth > 3) return false;
    const decorated = c.parent?.name === 'DecoratedStatement'
      && c.parent.getChildren('Decorator').some((d) => /^@\s*(dataclasses\.)?dataclass\b/.test(textOf(this.idx.src, d)));
    return decorated || this.bases(c).some((b) => MODEL_BASES.test(b) || (this.classes.has(b) && this.isModel(this.classes.get(b)!, depth + 1)));
  }

  private isEnum(c: PyNode, depth = 0): boolean {
    return depth <= 3 && this.bases(c).some((b) => ENUM_BASES.test(b) || (this.classes.has(b) && this.isEnum(this.classes.get(b)!, depth + 1)));
  }

  /** The model class named by `n` (a name, a forward-reference string), if it is one of this file. */
  modelNamed(n: PyNode | undefined): PyNode | undefined {
    const name = n && (n.name === 'String' ? stringValue(this.idx.src, n) : n.name === 'VariableName' ? textOf(this.idx.src, n) : undefined);
    const c = name ? this.classes.get(name) : undefined;
    return c && this.isModel(c) ? c : undefined;
  }

  typeOf(n: PyNode | undefined, depth = 0): TypeInfo {
    if (!n || depth > 6) return { type: 'unknown' };
    const src = this.idx.src;
    switch (n.name) {
      case 'None': return { type: 'null' };
      case 'String': {
        // A forward reference: `"Creds"`, `"Optional[int]"` is read by its first name.
        const name = /^\s*([A-Za-z_]\w*)/.exec(stringValue(src, n) ?? '')?.[1];
        return name ? this.named(name) : { type: 'unknown' };
      }
      case 'VariableName': return this.named(textOf(src, n));
      case 'BinaryExpression': return this.union(namedChildren(n).filter((c) => c.name !== 'BitOp'), depth);
      case 'MemberExpression': {
        const base = n.firstChild;
        const args = subscriptArgs(n);
        if (!args) return this.named(lastName(dottedPath(src, n)) ?? '');
        const head = lastName(dottedPath(src, base)) ?? '';
        if (head === 'Annotated') {
          const inner = this.typeOf(args[0], depth + 1);
          const desc = args.slice(1).map((a) => fieldDescription(src, a) ?? (a.name === 'String' ? stringValue(src, a) : undefined)).find(Boolean);
          return { ...inner, description: inner.description ?? desc };
        }
        if (head === 'Optional') return this.typeOf(args[0], depth + 1);
        if (head === 'Union') return this.union(args, depth);
        if (CONTAINERS.has(head)) return { type: SIMPLE_TYPES[head] };
        return { type: 'unknown' };
      }
      default: return { type: 'unknown' };
    }
  }

  /** `str | None`, `Union[int, None]`: non-credential only when every member that is not None is. */
  private union(members: PyNode[], depth: number): TypeInfo {
    const types = members.map((m) => this.typeOf(m, depth + 1)).filter((t) => t.type !== 'null');
    if (types.length === 1) return types[0];
    return { type: types.length && types.every((t) => NON_CREDENTIAL_TYPES.has(t.type)) ? types[0].type : 'unknown' };
  }

  private named(name: string): TypeInfo {
    if (name === 'Context') return { type: 'context' };
    if (SIMPLE_TYPES[name]) return { type: SIMPLE_TYPES[name] };
    const c = this.classes.get(name);
    if (c && this.isEnum(c)) return { type: 'enum' };
    if (c && this.isModel(c)) return { type: 'object', model: c };
    return { type: 'unknown' };
  }

  /** The annotated fields of a model class (and of the models they are typed with), named `prefix + field`. */
  fields(c: PyNode, prefix: string, nesting: number): Param[] {
    const src = this.idx.src;
    const body = c.getChild('Body');
    if (!body || nesting > MAX_NESTING) return [];
    const out: Param[] = [];
    for (const s of children(body)) {
      const a = s.name === 'AssignStatement' ? assignmentOf(s) : undefined;
      const target = a?.targets.length === 1 ? a.targets[0] : undefined;
      if (!a?.annotation || target?.name !== 'VariableName') continue;
      if (/^(ClassVar|typing\.ClassVar)\b/.test(textOf(src, a.annotation))) continue;
      const t = this.typeOf(a.annotation);
      const name = `${prefix}${textOf(src, target)}`;
      out.push({ nameNode: target, name, credentialType: !NON_CREDENTIAL_TYPES.has(t.type), description: t.description ?? fieldDescription(src, a.value) });
      if (t.model && t.model.from !== c.from) out.push(...this.fields(t.model, `${name}.`, nesting + 1));
    }
    return out;
  }
}

/** The expressions inside `X[...]`, split at top-level commas. */
function subscriptArgs(n: PyNode): PyNode[] | undefined {
  const kids = children(n);
  const open = kids.findIndex((k) => k.name === '[');
  if (open < 0) return undefined;
  return kids.slice(open + 1).filter((k) => /^[A-Z]/.test(k.name));
}

// ---- JSON Schema (`inputSchema`) ----

/** The properties of a JSON Schema dict (through a name bound to one, or `Model.model_json_schema()` of a model of this file). */
function schemaParams(idx: PyFileIndex, models: Models, e: PyNode, depth: number): Param[] {
  if (depth > 4) return [];
  const src = idx.src;
  if (e.name === 'VariableName') {
    const values = valuesOf(idx, textOf(src, e), e);
    return values.length === 1 ? schemaParams(idx, models, values[0], depth + 1) : [];
  }
  if (e.name === 'CallExpression') {
    const call = callOf(src, e)!;
    const path = resolvedPath(idx, call.callee) ?? '';
    // `Creds.model_json_schema()`, `Creds.schema()`, `TypeAdapter(Creds).json_schema()`.
    if (/\.(model_json_schema|schema|json_schema)$/.test(path) && call.callee.name === 'MemberExpression') {
      let owner = call.callee.firstChild ?? undefined;
      if (owner?.name === 'CallExpression') owner = callOf(src, owner)?.args[0]?.value;
      const model = models.modelNamed(owner);
      return model ? models.fields(model, '', 1) : [];
    }
    return [];
  }
  if (e.name !== 'DictionaryExpression') return [];
  const props = entry(src, e, 'properties');
  return props ? jsonSchemaProperties(idx, props, '', 0) : [];
}

function entry(src: string, dict: PyNode, key: string): PyNode | undefined {
  return dictEntriesOf(dict).find((en) => stringValue(src, en.key) === key)?.value;
}

function dictOf(idx: PyFileIndex, e: PyNode | undefined): PyNode | undefined {
  if (e?.name === 'DictionaryExpression') return e;
  if (e?.name === 'VariableName') {
    const values = valuesOf(idx, textOf(idx.src, e), e);
    return values.length === 1 && values[0].name === 'DictionaryExpression' ? values[0] : undefined;
  }
  return undefined;
}

function jsonSchemaProperties(idx: PyFileIndex, props: PyNode, prefix: string, nesting: number): Param[] {
  const src = idx.src;
  const dict = dictOf(idx, props);
  if (!dict) return [];
  const out: Param[] = [];
  for (const en of dictEntriesOf(dict)) {
    const key = stringValue(src, en.key);
    if (key === undefined) continue;
    const def = dictOf(idx, en.value);
    const type = def ? stringValue(src, entry(src, def, 'type')) : undefined;
    const credentialType = !(type && NON_CREDENTIAL_TYPES.has(type)) && !(def && entry(src, def, 'enum')) && !(def && entry(src, def, 'const'));
    const name = prefix + key;
    out.push({ nameNode: en.key, name, credentialType, description: def ? stringValue(src, entry(src, def, 'description')) : undefined });
    // `{"type": "object", "properties": …}` and `{"type": "array", "items": {"properties": …}}`: judge what they hold.
    const holder = def && type === 'array' ? dictOf(idx, entry(src, def, 'items')) : def;
    const inner = holder && nesting < MAX_NESTING ? entry(src, holder, 'properties') : undefined;
    if (inner) out.push(...jsonSchemaProperties(idx, inner, `${name}.`, nesting + 1));
  }
  return out;
}

/** `token`, `key`, `secret`: a name that says nothing but "credential", so its description decides. */
function isBareCredentialWord(name: string): boolean {
  return /^_*(token|key|secret)_*$/i.test(name);
}
