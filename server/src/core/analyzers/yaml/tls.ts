import { isMap, isPair, isScalar, isSeq, type Scalar } from 'yaml';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { keyText, scalarString, valueEnd, type YDoc } from './nodes.js';
import { scalarText } from './scalarMap.js';
import { yamlPathText } from './parse.js';
import { message, type Message } from '../../secrets/message.js';

const RULE = 'tls-verification-disabled';
const NODE_VAR = 'NODE_TLS_REJECT_UNAUTHORIZED';
/** Go's tls.Config spelling (Traefik, Kubernetes clients) and the snake_case one (Prometheus, Loki). */
const SKIP_VERIFY_KEYS = new Set(['insecureSkipVerify', 'insecure_skip_verify']);

const NODE_MESSAGE = message`${NODE_VAR}=0 turns off TLS certificate verification for every connection the Node.js process makes: anyone on the network path can impersonate the services it calls and read the credentials it sends. Remove it; to trust a private CA, set NODE_EXTRA_CA_CERTS instead.`;

/**
 * tls-verification-disabled in any YAML: `NODE_TLS_REJECT_UNAUTHORIZED` set to 0 in an env map
 * (compose, workflows), a compose list entry or a Kubernetes `{name, value}` item, and
 * `insecureSkipVerify: true`. Anchors are visited where they are written, so aliases add nothing.
 */
export function checkTls(ctx: AnalysisContext, doc: YDoc): void {
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      const byKey = new Map<string, unknown>();
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = keyText(item);
        if (key !== undefined) byKey.set(key, item.value);
        if (key === NODE_VAR && isScalar(item.value) && scalarString(item.value) === '0') {
          reportValue(ctx, item.value, NODE_MESSAGE, '"1"', `${NODE_VAR} to "1"`, [...path, key]);
        } else if (key && SKIP_VERIFY_KEYS.has(key) && isScalar(item.value) && /^true$/i.test(scalarString(item.value) ?? '')) {
          reportValue(ctx, item.value,
            message`${key}: true turns off TLS certificate verification: anyone on the network path can impersonate the server and read the credentials sent to it. Set it to false and configure the CA that signed the server's certificate instead.`,
            'false', `${key} to false`, [...path, key]);
        }
        stack.push({ node: item.value, path: [...path, key ?? '?'] });
      }
      const name = byKey.get('name');
      const value = byKey.get('value');
      if (isScalar(name) && scalarString(name) === NODE_VAR && isScalar(value) && scalarString(value) === '0') {
        reportValue(ctx, value, NODE_MESSAGE, '"1"', `${NODE_VAR} to "1"`, [...path, NODE_VAR]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isScalar(item)) checkListEntry(ctx, item, [...path, i]);
        else stack.push({ node: item, path: [...path, i] });
      });
    }
  }
}

function secureText(node: Scalar, secure: string): string {
  const bare = secure.replace(/^"|"$/g, '');
  if (node.type === 'QUOTE_DOUBLE') return `"${bare}"`;
  if (node.type === 'QUOTE_SINGLE') return `'${bare}'`;
  return secure;
}

function fixFor(ctx: AnalysisContext, start: number, end: number, text: string, what: string): Fix {
  return { title: `secretzero (${RULE}): set ${what}`, applicability: 'safe', isPreferred: true, edits: [ctx.edit(start, end, text)] };
}

function reportValue(ctx: AnalysisContext, node: Scalar, message: Message, secure: string, what: string, path: (string | number)[]): void {
  if (!node.range) return;
  const start = node.range[0];
  const end = valueEnd(ctx.text, node);
  ctx.report({
    ruleId: RULE, start, end, message,
    fingerprintSource: `${String(path[path.length - 1])}=${scalarString(node)}`,
    fixes: [fixFor(ctx, start, end, secureText(node, secure), what)],
    symbolPath: yamlPathText(path),
  });
}

/** Compose's list form: `- NODE_TLS_REJECT_UNAUTHORIZED=0` (the value optionally quoted). */
function checkListEntry(ctx: AnalysisContext, node: Scalar, path: (string | number)[]): void {
  const st = scalarText(ctx.text, node);
  if (!st) return;
  const m = /^\s*NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*(["']?)0\1\s*$/.exec(st.value);
  if (!m) return;
  const at = st.value.lastIndexOf('0');
  const [start, end] = st.toDoc(at, at + 1);
  ctx.report({
    ruleId: RULE, start, end, message: NODE_MESSAGE,
    fingerprintSource: `${NODE_VAR}=0`,
    fixes: st.exact ? [fixFor(ctx, start, end, '1', `${NODE_VAR}=1`)] : [],
    symbolPath: yamlPathText([...path, NODE_VAR]),
  });
}
