import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { message, type Message } from '../../../secrets/message.js';
import {
  TLS_RULE, tlsFixTitle, tlsMessage, tlsNodeEnvTurnsOff, tlsSetTitle, tlsSettingTurnsOff,
} from '../../common/wording/tls-verification-disabled.js';
import { importedAs, scopeOf, type PyFileIndex } from '../fileIndex.js';
import { HTTP_METHODS, disablesTlsWarnings, httpCalleeOf, httpClientLibOf, importedPath, type PyHttpLib } from '../httpClients.js';
import { symbolPathOf } from '../literalSites.js';
import { removeArgumentEdit } from '../pyEdits.js';
import { splitString, stringValue } from '../strings.js';
import {
  callOf, dictEntriesOf, lastName, objectOf, subscriptIndex, textOf, type PyArgument, type PyCall, type PyNode,
} from '../syntax.js';

/** How to trust a private CA instead, per library: the words end the message. */
const TRUST: Record<PyHttpLib | 'ssl' | 'node', Message> = {
  requests: message`\`verify="/path/to/ca.pem"\`, REQUESTS_CA_BUNDLE`,
  httpx: message`\`verify=ssl.create_default_context(cafile="/path/to/ca.pem")\`, SSL_CERT_FILE`,
  boto3: message`\`verify="/path/to/ca.pem"\`, AWS_CA_BUNDLE`,
  aiohttp: message`\`ssl=ssl.create_default_context(cafile="/path/to/ca.pem")\``,
  urllib3: message`\`ca_certs="/path/to/ca.pem"\``,
  urllib: message`\`ssl.create_default_context(cafile="/path/to/ca.pem")\``,
  ssl: message`\`ssl.create_default_context(cafile="/path/to/ca.pem")\`, SSL_CERT_FILE`,
  node: message`NODE_EXTRA_CA_CERTS`,
};

const CERT_REQS_KEYWORD = /^(ssl_)?cert_reqs$/;
/** Keywords `ssl._create_unverified_context` shares with `ssl.create_default_context`. */
const DEFAULT_CONTEXT_KEYWORDS = new Set(['purpose', 'cafile', 'capath', 'cadata']);

const isFalse = (src: string, n: PyNode | undefined) => n?.name === 'Boolean' && textOf(src, n) === 'False';

interface Draft {
  node: { from: number; to: number };
  at: PyNode;
  shown: string;
  what?: Message;
  trust: Message;
  fix?: Fix;
}

/**
 * tls-verification-disabled in Python: `verify=False` to requests, httpx and boto3 (and to any
 * request method in a file that silences urllib3's warning about it), aiohttp `ssl=False` /
 * `verify_ssl=False`, `ssl.CERT_NONE` as a context's `verify_mode` or a `cert_reqs` argument,
 * `check_hostname = False`, `ssl._create_unverified_context`, a requests session's `verify = False`,
 * and NODE_TLS_REJECT_UNAUTHORIZED set to "0" for child processes. Only literal values count: a
 * variable (`verify=ca_bundle`, `verify=settings.VERIFY`) is not judged. Fixes write the secure value.
 */
export function checkPyTlsVerification(ctx: AnalysisContext, idx: PyFileIndex): void {
  const src = idx.src;
  if (!/verify|CERT_NONE|check_hostname|_create_unverified_context|NODE_TLS_REJECT_UNAUTHORIZED|ssl\s*=\s*False/.test(src)) return;
  const drafts: Draft[] = [];
  let warningsOff: boolean | undefined;

  for (const n of idx.calls) {
    const call = callOf(src, n);
    if (!call || !call.args.some((a) => a.name)) continue;
    for (const arg of call.args) {
      if (!arg.name || !arg.nameNode) continue;
      const d = keywordDraft(ctx, idx, call, arg, () => (warningsOff ??= disablesTlsWarnings(idx)));
      if (d) drafts.push(d);
    }
  }
  for (const a of idx.assignments) {
    if (a.augmented || !a.value || a.targets.length !== 1) continue;
    const d = assignmentDraft(ctx, idx, a.targets[0], a.value, a.node);
    if (d) drafts.push(d);
  }
  drafts.push(...unverifiedContextDrafts(ctx, idx));
  drafts.push(...nodeEnvEntryDrafts(ctx, idx));

  for (const d of drafts) {
    ctx.report({
      ruleId: TLS_RULE,
      start: d.node.from,
      end: d.node.to,
      message: tlsMessage(d.what ?? tlsSettingTurnsOff(d.shown), d.trust),
      fingerprintSource: d.shown,
      symbolPath: symbolPathOf(src, d.at),
      fixes: d.fix ? [d.fix] : [],
    });
  }
}

function setFix(ctx: AnalysisContext, key: string, secure: string, edits: TextEdit[], title = tlsSetTitle(key, secure)): Fix {
  return { title, applicability: 'safe', isPreferred: true, edits };
}

function keywordDraft(ctx: AnalysisContext, idx: PyFileIndex, call: PyCall, arg: PyArgument, warningsOff: () => boolean): Draft | undefined {
  const src = idx.src;
  const name = arg.name!;
  const value = arg.value;
  const span = { from: arg.nameNode!.from, to: value.to };
  const shown = `${name}=${textOf(src, value)}`;
  if (name === 'verify' && isFalse(src, value)) {
    const callee = httpCalleeOf(idx, call);
    const lib = callee && verifyLib(callee.lib, callee.method);
    const method = lastName(textOf(src, call.callee));
    const fallback = !lib && call.callee.name === 'MemberExpression' && !!method && HTTP_METHODS.has(method) && warningsOff();
    if (!lib && !fallback) return undefined;
    return { node: span, at: value, shown, trust: TRUST[lib ?? 'requests'], fix: setFix(ctx, name, 'True', [ctx.edit(value.from, value.to, 'True')]) };
  }
  if ((name === 'ssl' || name === 'verify_ssl') && isFalse(src, value)) {
    if (httpCalleeOf(idx, call)?.lib !== 'aiohttp') return undefined;
    const argList = call.node.getChild('ArgList')!;
    return {
      node: span, at: value, shown, trust: TRUST.aiohttp,
      fix: setFix(ctx, name, '', [removeArgumentEdit(ctx, argList, arg)], tlsFixTitle(`remove ${shown} (aiohttp verifies certificates by default)`)),
    };
  }
  if (CERT_REQS_KEYWORD.test(name)) {
    const secure = certRequiredEdit(ctx, idx, value, httpCalleeOf(idx, call)?.lib === 'urllib3');
    if (!secure) return undefined;
    return { node: span, at: value, shown, trust: TRUST[httpCalleeOf(idx, call)?.lib === 'urllib3' ? 'urllib3' : 'ssl'], fix: secure.edit && setFix(ctx, name, secure.text, [secure.edit]) };
  }
  return undefined;
}

/** Which library's `verify` a call takes: requests and httpx everywhere, boto3 on its client factories. */
function verifyLib(lib: PyHttpLib, method: string): PyHttpLib | undefined {
  if (lib === 'requests' || lib === 'httpx') return lib;
  if (lib === 'boto3' && (method === 'client' || method === 'resource')) return lib;
  return undefined;
}

/**
 * When `value` is `ssl.CERT_NONE` (or, for urllib3, the string "CERT_NONE"): the edit that makes
 * it CERT_REQUIRED in the same spelling, when one exists.
 */
function certRequiredEdit(ctx: AnalysisContext, idx: PyFileIndex, value: PyNode, stringsCount: boolean): { text: string; edit?: TextEdit } | undefined {
  const src = idx.src;
  if (value.name === 'String') {
    const parts = splitString(src, value);
    // urllib3 resolves "CERT_NONE" and "NONE" through the ssl module's names.
    if (!stringsCount || !parts || !/^(CERT_)?NONE$/.test(parts.value) || parts.body !== parts.value) return undefined;
    const secure = parts.value.startsWith('CERT') ? 'CERT_REQUIRED' : 'REQUIRED';
    return { text: `"${secure}"`, edit: ctx.edit(parts.bodyStart, parts.bodyStart + parts.body.length, secure) };
  }
  if (importedPath(idx, value) !== 'ssl.CERT_NONE') return undefined;
  if (value.name === 'MemberExpression') {
    const prop = value.getChild('PropertyName')!;
    const text = `${textOf(src, objectOf(value)!)}.CERT_REQUIRED`;
    return { text, edit: ctx.edit(prop.from, prop.to, 'CERT_REQUIRED') };
  }
  // `from ssl import CERT_NONE`: CERT_REQUIRED only where the file has a name for it.
  const required = importedAs(idx, 'ssl.CERT_REQUIRED') ?? (importedAs(idx, 'ssl') ?? '') + '.CERT_REQUIRED';
  if (required.startsWith('.')) return { text: 'ssl.CERT_REQUIRED' };
  return { text: required, edit: ctx.edit(value.from, value.to, required) };
}

function assignmentDraft(ctx: AnalysisContext, idx: PyFileIndex, target: PyNode, value: PyNode, stmt: PyNode): Draft | undefined {
  const src = idx.src;
  if (target.name !== 'MemberExpression') return undefined;
  const span = { from: stmt.from, to: stmt.to };
  const prop = target.getChild('PropertyName');
  const obj = objectOf(target);
  if (!prop) {
    // os.environ["NODE_TLS_REJECT_UNAUTHORIZED"] = "0": the Node.js processes started from here.
    const key = subscriptIndex(target);
    if (!obj || importedPath(idx, obj) !== 'os.environ' || stringValue(src, key) !== 'NODE_TLS_REJECT_UNAUTHORIZED') return undefined;
    return nodeEnvDraft(ctx, idx, value, span, `os.environ["NODE_TLS_REJECT_UNAUTHORIZED"] = ${textOf(src, value)}`);
  }
  const key = textOf(src, prop);
  const shown = `${key} = ${textOf(src, value)}`;
  if (key === 'verify_mode') {
    const secure = certRequiredEdit(ctx, idx, value, false);
    if (!secure) return undefined;
    return { node: span, at: stmt, shown, trust: TRUST.ssl, fix: secure.edit && setFix(ctx, key, secure.text, [secure.edit]) };
  }
  if (key === 'check_hostname' && isFalse(src, value)) {
    // Hostname checking needs verification: a later `verify_mode = CERT_NONE` on the same context would raise.
    const edits = [ctx.edit(value.from, value.to, 'True')];
    const same = obj && textOf(src, obj);
    let alsoMode = '';
    for (const other of idx.assignments) {
      const t = other.targets[0];
      if (other.targets.length !== 1 || !other.value || t.name !== 'MemberExpression' || scopeOf(other.node) !== scopeOf(stmt)) continue;
      const p = t.getChild('PropertyName');
      if (!p || textOf(src, p) !== 'verify_mode' || textOf(src, objectOf(t)!) !== same) continue;
      const secure = certRequiredEdit(ctx, idx, other.value, false);
      if (!secure) continue;
      if (!secure.edit) return { node: span, at: stmt, shown, trust: TRUST.ssl };
      edits.push(secure.edit);
      alsoMode = secure.text;
    }
    const title = alsoMode ? tlsFixTitle(`set check_hostname to True and verify_mode to ${alsoMode} (hostname checking needs verification)`) : undefined;
    return { node: span, at: stmt, shown, trust: TRUST.ssl, fix: setFix(ctx, key, 'True', edits, title) };
  }
  if (key === 'verify' && isFalse(src, value) && obj && httpClientLibOf(idx, obj) === 'requests') {
    return { node: span, at: stmt, shown, trust: TRUST.requests, fix: setFix(ctx, key, 'True', [ctx.edit(value.from, value.to, 'True')]) };
  }
  return undefined;
}

/** NODE_TLS_REJECT_UNAUTHORIZED set to "0" (a string, as the environment holds only strings). */
function nodeEnvDraft(ctx: AnalysisContext, idx: PyFileIndex, value: PyNode, span: { from: number; to: number }, shown: string): Draft | undefined {
  const parts = value.name === 'String' ? splitString(idx.src, value) : undefined;
  if (!parts || parts.value !== '0') return undefined;
  return {
    node: span, at: value, shown,
    what: tlsNodeEnvTurnsOff(textOf(idx.src, value), message`the Node.js processes started with this environment make`),
    trust: TRUST.node,
    fix: setFix(ctx, 'NODE_TLS_REJECT_UNAUTHORIZED', `${parts.quote}1${parts.quote}`, [ctx.edit(parts.bodyStart, parts.bodyStart + 1, '1')]),
  };
}

/** `{"NODE_TLS_REJECT_UNAUTHORIZED": "0"}`: an environment handed to a child process (`subprocess`, an MCP server's `env`). */
function nodeEnvEntryDrafts(ctx: AnalysisContext, idx: PyFileIndex): Draft[] {
  const src = idx.src;
  if (!src.includes('NODE_TLS_REJECT_UNAUTHORIZED')) return [];
  const out: Draft[] = [];
  for (const s of idx.strings) {
    if (s.parent?.name !== 'DictionaryExpression' || stringValue(src, s) !== 'NODE_TLS_REJECT_UNAUTHORIZED') continue;
    const entry = dictEntriesOf(s.parent).find((e) => e.key.from === s.from);
    if (!entry) continue;
    const d = nodeEnvDraft(ctx, idx, entry.value, { from: entry.key.from, to: entry.value.to }, `${textOf(src, entry.key)}: ${textOf(src, entry.value)}`);
    if (d) out.push(d);
  }
  return out;
}

/** `ssl._create_unverified_context()` and the function itself (`ssl._create_default_https_context = ssl._create_unverified_context`). */
function unverifiedContextDrafts(ctx: AnalysisContext, idx: PyFileIndex): Draft[] {
  const src = idx.src;
  const out: Draft[] = [];
  const word = '_create_unverified_context';
  for (let i = src.indexOf(word); i >= 0; i = src.indexOf(word, i + word.length)) {
    let n: PyNode | null = idx.root.resolveInner(i, 1);
    if (n.name === 'PropertyName') n = n.parent;
    if (!n || (n.name !== 'MemberExpression' && n.name !== 'VariableName') || insideImport(n)) continue;
    if (importedPath(idx, n) !== `ssl.${word}`) continue;
    const call = n.parent?.name === 'CallExpression' && n.parent.firstChild?.from === n.from ? callOf(src, n.parent) : undefined;
    const reported = call?.node ?? n;
    const shown = textOf(src, reported);
    let fix: Fix | undefined;
    const prop = n.name === 'MemberExpression' ? n.getChild('PropertyName') : null;
    const compatible = !call || call.args.every((a) => a.name && DEFAULT_CONTEXT_KEYWORDS.has(a.name));
    if (prop && compatible) {
      const secure = `${textOf(src, objectOf(n)!)}.create_default_context`;
      fix = {
        title: tlsFixTitle(`use ${secure} instead (it verifies certificates and host names)`),
        applicability: 'safe',
        isPreferred: true,
        edits: [ctx.edit(prop.from, prop.to, 'create_default_context')],
      };
    }
    out.push({ node: reported, at: reported, shown, trust: TRUST.ssl, fix });
  }
  return out;
}

function insideImport(n: PyNode): boolean {
  for (let p: PyNode | null = n.parent; p; p = p.parent) if (p.name === 'ImportStatement') return true;
  return false;
}
