import type { Node } from 'jsonc-parser';
import type { McpClient } from '../../classify.js';
import { expandsAt, fieldOf, fixStylesAt, mcpClient, type ReferenceSyntax } from '../../mcpClients.js';
import { message } from '../../secrets/message.js';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { valueOffsets } from '../common/literals.js';
import { properties, propertyValue, replaceInString } from './jsoncEdits.js';
import { clientLabel, referenceText } from './mcpClients.js';
import type { McpServer } from './mcpShapes.js';
import { pathText } from './tree.js';
import { nameForwarder } from './nameForwarding.js';

const RULE = 'mcp-config-unexpanded-reference';

/** `${env:NAME}`, `${input:id}`, `${NAME}`, `${NAME:-default}`, `$NAME`, in that order of precedence. */
const REFERENCE = /\$\{\{\s*(?:secrets|inputs)\.([A-Za-z_][\w-]*)\s*\}\}|\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}|\$\{input:([^}\s]+)\}|\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Commands that expand `$VAR` themselves: in their arguments a reference is the shell's, not the client's. */
const SHELLS = /(^|\/)(sh|bash|zsh|dash|ksh|fish|cmd(\.exe)?|powershell(\.exe)?|pwsh)$/i;

interface Reference { syntax: ReferenceSyntax; name?: string; start: number; end: number; text: string }

const FORMS: Record<ReferenceSyntax, string> = {
  'env-colon': '${env:NAME}', input: '${input:id}', 'dollar-brace': '${NAME}', 'dollar-brace-default': '${NAME:-default}', dollar: '$NAME',
  'secrets-template': '${{ secrets.NAME }}',
};
const formOf = (s: ReferenceSyntax) => FORMS[s];

function referencesIn(value: string): Reference[] {
  const out: Reference[] = [];
  for (const m of value.matchAll(REFERENCE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (m[1]) out.push({ syntax: 'secrets-template', name: m[1], start, end, text: m[0] });
    else if (m[2]) out.push({ syntax: 'env-colon', name: m[2], start, end, text: m[0] });
    else if (m[3]) out.push({ syntax: 'input', start, end, text: m[0] });
    else if (m[4]) out.push({ syntax: m[5] ? 'dollar-brace-default' : 'dollar-brace', name: m[4], start, end, text: m[0] });
    else out.push({ syntax: 'dollar', name: m[6], start, end, text: m[0] });
  }
  return out;
}

/** The string values a client hands the server: env and header values, args, the URL. */
function serverStrings(server: McpServer): { node: Node; where: string; path: (string | number)[] }[] {
  const out: { node: Node; where: string; path: (string | number)[] }[] = [];
  const add = (node: Node | undefined, where: string, path: (string | number)[]) => { if (node?.type === 'string') out.push({ node, where, path }); };
  const envKey = server.envKey ?? 'env';
  for (const [key, node] of properties(propertyValue(server.process, envKey))) add(node, `env ${key}`, [...server.processPath, envKey, key]);
  const headersKey = propertyValue(server.node, 'http_headers') ? 'http_headers' : 'headers';
  for (const [key, node] of properties(propertyValue(server.node, headersKey))) add(node, `header ${key}`, [...server.path, headersKey, key]);
  const command = propertyValue(server.process, server.process === server.node ? 'command' : 'path') ?? propertyValue(server.process, 'cmd');
  const args = propertyValue(server.process, 'args');
  if (!(command?.type === 'string' && SHELLS.test(String(command.value)))) {
    (args?.children ?? []).forEach((node, i) => add(node, 'args', [...server.processPath, 'args', i]));
  }
  for (const key of ['url', 'serverUrl', 'httpUrl', 'uri']) add(propertyValue(server.node, key), key, [...server.path, key]);
  return out;
}

/**
 * mcp-config-unexpanded-reference: a reference the file's client does not expand (`${VAR}` in
 * Claude Desktop or Zed, a bare `${VAR}` in VS Code, `$VAR` in Cursor). The server receives the
 * reference's text as its value, and the user believes the secret is handled. Where the client
 * has a syntax that works, the fix rewrites to it.
 */
export function checkUnexpandedReferences(ctx: AnalysisContext, servers: McpServer[], client: McpClient): void {
  const spec = mcpClient(client);
  for (const server of servers) {
    for (const site of serverStrings(server)) {
      const value = String(site.node.value);
      if (!value.includes('$')) continue;
      const field = fieldOf(site.where);
      const expands = expandsAt(spec, field);
      // The fix writes `${env:NAME}` where the client offers it (the environment the user meant), else `${NAME}`.
      const styles = fixStylesAt(spec, field);
      const fixStyle = styles.includes('env') ? 'env' : styles[0];
      for (const ref of referencesIn(value)) {
        if (expands.includes(ref.syntax)) continue;
        const rawText = ctx.text.slice(site.node.offset, site.node.offset + site.node.length);
        const [start, end] = valueOffsets({ value, rawStart: site.node.offset, rawText, quoted: true }, ref.start, ref.end);
        const fixes: Fix[] = [];
        // Codex and Goose: `KEY = "${KEY}"` in env is what listing KEY (env_vars, env_keys) does.
        const envKey = site.where.startsWith('env ') ? site.where.slice(4) : undefined;
        if (envKey && ref.name === envKey && value.trim() === ref.text) {
          fixes.push(...(nameForwarder(client)?.env(ctx, server, site.node, envKey, RULE) ?? []));
        }
        const rewrite = fixStyle && ref.name ? referenceText(fixStyle, ref.name) : undefined;
        const edit = rewrite && replaceInString(ctx.text, site.node, value, ref.start, ref.end, rewrite);
        if (rewrite && edit) {
          fixes.push({
            title: `secretzero (${RULE}): write ${rewrite}, which ${spec.label} expands${ref.syntax === 'dollar-brace-default' ? ' (the default is dropped: set the variable)' : ''}`,
            applicability: 'unsafe',
            isPreferred: true,
            edits: [ctx.edit(edit.start, edit.end, edit.text)],
          });
        }
        const instead = rewrite
          ? message`Write ${rewrite} instead.`
          : expands.length
            ? message`Use a form it expands (${expands.map(formOf).join(', ')}) with the variable that holds the value.`
            : spec.expandsIn
              ? message`${clientLabel(client)} expands nothing in ${site.where} here: ${spec.advice ?? ''}.`
              : message`Nothing in this file is expanded: ${spec.advice ?? ''}.`;
        ctx.report({
          ruleId: RULE,
          start,
          end,
          message: message`${clientLabel(client)} does not expand ${ref.text} in ${site.where} of MCP server '${server.name}': the server receives that text itself, not the variable's value. ${instead}`,
          fingerprintSource: `${server.name}:${site.where}:${ref.text}`,
          symbolPath: pathText(site.path),
          fixes,
        });
      }
    }
  }
}
