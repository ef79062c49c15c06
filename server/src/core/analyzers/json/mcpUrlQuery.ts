import type { AnalysisContext } from '../context.js';
import { isReference } from '../../secrets/index.js';
import type { Fix } from '../../types.js';
import { detectStyle, insertMember, orderedEdits, propertyValue, renderJson, replaceInString, type OffsetEdit } from './jsoncEdits.js';
import type { McpServer } from './mcpShapes.js';
import { message } from '../../secrets/message.js';

const RULE = 'secret-in-url';
const SECRET_PARAM = /([?&])(api[_-]?key|apikey|appid|key|token|access[_-]?token|auth[_-]?token)=([^&#]*)/gi;
const BEARER_PARAMS = /^(token|access[_-]?token|auth[_-]?token)$/i;

/**
 * secret-in-url in MCP configs: a server URL that carries a secret-like query parameter. A literal
 * credential there is already mcp-config-literal-secret; this catches the reference form
 * (`?api_key=${API_KEY}`), which is still a secret in a URL once the client expands it: URLs end up
 * in proxy, gateway and server access logs. The fix moves it into a header.
 */
export function checkMcpUrlQueries(ctx: AnalysisContext, servers: McpServer[]): void {
  if (!/[?&][\w-]*(key|token|appid)[\w-]*=/i.test(ctx.text)) return;
  for (const server of servers) {
    for (const prop of ['url', 'serverUrl', 'uri']) {
      const node = propertyValue(server.node, prop);
      if (node?.type !== 'string') continue;
      const url = String(node.value);
      for (const m of url.matchAll(SECRET_PARAM)) {
        const value = m[3];
        if (!isReference(decodeSafe(value))) continue;
        const paramStart = m.index! + m[1].length;
        const [start, end] = rawOffsets(ctx, node, url, paramStart, paramStart + m[2].length + 1 + value.length);
        ctx.report({
          ruleId: RULE,
          start,
          end,
          message: message`MCP server '${server.name}' puts ${value} in the URL query (${m[2]}=…): URLs are written to proxy and server logs. Send it in a header instead.`,
          fingerprintSource: `${server.name}:${m[2]}`,
          fixes: moveToHeader(ctx, server, node, url, m.index!, m[0].length, m[1], m[2], decodeSafe(value)),
          symbolPath: [...server.path, prop].join('.'),
        });
      }
    }
  }
}

function rawOffsets(ctx: AnalysisContext, node: { offset: number; length: number }, value: string, from: number, to: number): [number, number] {
  const raw = ctx.text.slice(node.offset, node.offset + node.length);
  return raw.slice(1, -1) === value ? [node.offset + 1 + from, node.offset + 1 + to] : [node.offset, node.offset + node.length];
}

function moveToHeader(ctx: AnalysisContext, server: McpServer, urlNode: any, url: string, at: number, length: number, sep: string, param: string, reference: string): Fix[] {
  const bearer = BEARER_PARAMS.test(param);
  const header = bearer ? 'Authorization' : 'x-api-key';
  const headerValue = bearer ? `Bearer ${reference}` : reference;
  const headers = propertyValue(server.node, 'headers');
  if (headers && (headers.type !== 'object' || propertyValue(headers, header))) return [];

  // Drop `?param=v` (keeping a following parameter's `?`) or `&param=v`.
  const rest = url.slice(at + length);
  const removal = sep === '?' && rest.startsWith('&') ? [at + 1, at + length + 1] : [at, at + length];
  const edits: OffsetEdit[] = [replaceInString(ctx.text, urlNode, url, removal[0], removal[1], '')];
  const style = detectStyle(ctx.text, ctx.lines.eol());
  const inserted = headers
    ? insertMember(ctx.text, headers, () => `${JSON.stringify(header)}: ${JSON.stringify(headerValue)}`, style)
    : insertMember(ctx.text, server.node, (indent, inline) => `"headers": ${renderJson({ [header]: headerValue }, style, indent, inline)}`, style);
  if (!inserted) return [];
  const ordered = orderedEdits([...edits, ...inserted]);
  if (!ordered) return [];
  return [{
    title: `secretzero (${RULE}): send it in the ${header} header instead of the URL (the server must accept that header)`,
    applicability: 'unsafe',
    isPreferred: true,
    edits: ordered.map((e) => ctx.edit(e.start, e.end, e.text)),
  }];
}

function decodeSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
