import * as path from 'node:path';
import type { McpClient } from '../../classify.js';
import type { ExternalEdit, Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { dotenvLine, findIgnoredDotenv } from '../common/dotenvTarget.js';
import { detectStyle, insertMember, orderedEdits, properties, propertyValue, renderJson, replaceInString, type JsonStyle, type OffsetEdit } from './jsoncEdits.js';
import { clientLabel, promptsForValues, referenceText, type ReferenceStyle } from './mcpClients.js';
import { inputIdFor } from './mcpNames.js';
import { nameForwarder } from './nameForwarding.js';
import { fieldOf, fixStylesAt, mcpClient } from '../../mcpClients.js';
import type { McpSecret } from './mcpSecrets.js';

const RULE = 'mcp-config-literal-secret';
const PREFIX = `secretzero (${RULE}): `;

/**
 * The quick fixes for one literal secret, in the reference syntax of the client that owns the
 * file. Every fix says in its title where the value has to live from now on, because the edit
 * removes it from the file: VS Code prompts for it, other clients read it from their environment,
 * and where a git-ignored `.env` exists one more fix appends it there so it is not lost.
 */
export class McpFixes {
  private style?: JsonStyle;
  private dotenv?: { path: string | undefined };

  constructor(private readonly ctx: AnalysisContext, private readonly client: McpClient) {}

  /** The reference the preferred fix writes, for the message; undefined when the client expands none. */
  preferredReference(s: McpSecret): string | undefined {
    const style = this.stylesFor(s)[0];
    return style && referenceText(style, s.name, inputIdOf(this.ctx.text, s));
  }

  for(s: McpSecret): Fix[] {
    const styles = this.stylesFor(s);
    // Codex and Goose read variables by name (env_vars, env_keys) instead of expanding references.
    const forwarder = nameForwarder(this.client);
    if (forwarder) {
      if (s.fallback) return [];
      if (s.location.startsWith('env ')) return forwarder.env(this.ctx, s.server, s.node, s.location.slice(4), RULE, s.moved);
      if (s.location.startsWith('header ') && forwarder.header) return forwarder.header(this.ctx, s.server, s.node, s.location.slice(7), s.name, RULE);
      return [];
    }
    // Claude Desktop and Zed expand no reference: a `${NAME}` would reach the server as its key.
    if (!styles.length) return [];
    const fixes = styles.map((style) => this.referenceFix(s, style, this.whereTitle(s, style)));
    if (!promptsForValues(this.client)) fixes.push(this.dotenvFix(s, styles[0]));
    const usable = fixes.filter((f): f is Fix => f !== undefined);
    if (usable.length) usable[0].isPreferred = true;
    return usable;
  }

  /** The styles the client expands where the reference would land (in `args` for a moved argument). */
  private stylesFor(s: McpSecret): readonly ReferenceStyle[] {
    return fixStylesAt(mcpClient(this.client), s.declareInEnv ? 'args' : fieldOf(s.location));
  }

  private referenceFix(s: McpSecret, style: ReferenceStyle, where: string, externalEdits?: ExternalEdit[]): Fix | undefined {
    // Moving an argument into `env` inserts JSON; in a YAML file (Continue) only in-place rewrites are offered.
    if (s.declareInEnv && mcpClient(this.client).format) return undefined;
    const text = this.ctx.text;
    const inputId = inputIdOf(text, s);
    const ref = referenceText(style, s.name, inputId);
    const fmt = this.jsonStyle();
    const parts = [
      [replaceInString(text, s.node, s.value, s.replaceStart, s.replaceEnd, ref)],
      s.declareInEnv ? declareInEnv(text, s, ref, fmt) : [],
      style === 'input' ? ensureInput(text, s, inputId, fmt) : [],
    ];
    if (parts.some((p) => p === undefined)) return undefined;
    const edits = orderedEdits(parts.flat() as OffsetEdit[]);
    if (!edits) return undefined;
    return {
      title: PREFIX + action(s, ref) + where,
      applicability: 'unsafe',
      edits: edits.map((e) => this.ctx.edit(e.start, e.end, e.text)),
      ...(externalEdits ? { externalEdits } : {}),
    };
  }

  private whereTitle(s: McpSecret, style: ReferenceStyle): string {
    if (style === 'input') return `; ${clientLabel(this.client)} will prompt for it`;
    // Continue reads its secrets (and the JSON files' converted ${NAME}) from these places.
    if (style === 'secrets' || this.client === 'continue-json') return `; set ${s.name} in ~/.continue/.env, the workspace .env or the environment`;
    return `; set ${s.name} in the environment ${clientLabel(this.client)} starts from`;
  }

  /** Offered only for a git-ignored `.env` that does not define the name yet: never a second, conflicting value. */
  private dotenvFix(s: McpSecret, style: ReferenceStyle): Fix | undefined {
    const target = this.dotenvPath();
    if (!target || definesName(this.ctx.host?.readFile(target), s.name)) return undefined;
    const rel = path.relative(path.dirname(this.ctx.path), target).replace(/\\/g, '/') || '.env';
    const append = this.ctx.appendToFile(target, [dotenvLine(s.name, s.moved)]);
    return this.referenceFix(s, style, ` and append ${s.name}=<value> to ${rel}`, [append]);
  }

  private jsonStyle(): JsonStyle {
    return (this.style ??= detectStyle(this.ctx.text, this.ctx.lines.eol()));
  }

  private dotenvPath(): string | undefined {
    return (this.dotenv ??= { path: findIgnoredDotenv(this.ctx) }).path;
  }
}

function action(s: McpSecret, ref: string): string {
  if (s.fallback) return `drop the default, use ${ref}`;
  if (s.declareInEnv) return `move to env ${s.name} (${ref}) and reference it in args`;
  return `replace with ${ref}`;
}

function definesName(dotenv: string | undefined, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return dotenv !== undefined && new RegExp(`^\\s*(?:export\\s+)?${escaped}\\s*=`, 'm').test(dotenv);
}

/** `env.NAME = ref` on the server (creating `env`), unless the server already declares NAME. */
function declareInEnv(text: string, s: McpSecret, ref: string, fmt: JsonStyle): OffsetEdit[] | undefined {
  const host = s.server.process;
  const env = propertyValue(host, 'env');
  if (!env) return insertMember(text, host, (indent, inline) => `"env": ${renderJson({ [s.name]: ref }, fmt, indent, inline)}`, fmt);
  if (env.type !== 'object') return undefined;
  if (propertyValue(env, s.name)) return [];
  return insertMember(text, env, () => `${JSON.stringify(s.name)}: ${JSON.stringify(ref)}`, fmt);
}

/**
 * The `inputs` entry VS Code prompts with, beside the servers object (top level in `mcp.json`,
 * `mcp.inputs` in settings). An existing input with the id is reused, never duplicated.
 */
function ensureInput(text: string, s: McpSecret, id: string, fmt: JsonStyle): OffsetEdit[] | undefined {
  const { key: serversKey, parent } = s.server.collection;
  const key = serversKey.endsWith('servers') ? serversKey.slice(0, -'servers'.length) + 'inputs' : 'inputs';
  const entry = { type: 'promptString', id, description: `${s.server.name} ${s.name}`, password: true };
  const inputs = propertyValue(parent, key);
  if (!inputs) return insertMember(text, parent, (indent, inline) => `${JSON.stringify(key)}: ${renderJson([entry], fmt, indent, inline)}`, fmt, true);
  if (inputs.type !== 'array') return undefined;
  if ((inputs.children ?? []).some((i) => propertyValue(i, 'id')?.value === id)) return [];
  return insertMember(text, inputs, (indent, inline) => renderJson(entry, fmt, indent, inline), fmt);
}

/**
 * `github-token` from the secret's name, unless another server already references that input:
 * one prompt shared by two servers would silently hand one server the other's key.
 */
function inputIdOf(text: string, s: McpSecret): string {
  const id = inputIdFor(s.name);
  const usedElsewhere = properties(s.server.collection.node)
    .some(([name, node]) => name !== s.server.name && text.slice(node.offset, node.offset + node.length).includes(`\${input:${id}}`));
  return usedElsewhere ? `${inputIdFor(s.server.name)}-${id}` : id;
}
