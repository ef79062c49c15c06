import type { Node } from 'jsonc-parser';
import { findConnectionPasswords, isSecretLikeName, isSecretQueryParam, scanKnownFormats, type Detection } from '../../secrets/index.js';
import { pathText } from './tree.js';
import { properties, propertyValue } from './jsoncEdits.js';
import type { JsonPath, McpServer } from './mcpShapes.js';
import { credentialFallbacks, credentialIn, insideAny, referenceSpans } from './mcpCredentials.js';
import { envKeyName, flagBaseName, headerBaseName, queryBaseName, scopedName } from './mcpNames.js';

/** One literal credential in an MCP server's config, and what a fix needs to move it out. */
export interface McpSecret {
  server: McpServer;
  /** The JSON string node and its decoded value. */
  node: Node;
  value: string;
  /** Where the credential sits in `value`: the reported range. */
  start: number;
  end: number;
  /** The part of `value` a reference replaces: the credential, or a whole `${VAR:-credential}`. */
  replaceStart: number;
  replaceEnd: number;
  /** The text that leaves the file (what a `.env` line receives). */
  moved: string;
  secret: string;
  kind: string;
  /** The variable the reference names. */
  name: string;
  /** `args` secrets are also declared in the server's `env`, so its dependency on NAME is visible. */
  declareInEnv: boolean;
  fallback: boolean;
  /** For messages: `env GITHUB_TOKEN`, `header Authorization`… */
  location: string;
  symbolPath: string;
}

interface StringSite { server: McpServer; node: Node; value: string; path: JsonPath; location: string }

type Hit = Pick<McpSecret, 'start' | 'end' | 'secret' | 'kind' | 'name'> & Partial<Pick<McpSecret, 'replaceStart' | 'replaceEnd' | 'moved' | 'declareInEnv' | 'fallback' | 'location'>>;

export function findSecrets(server: McpServer): McpSecret[] {
  return [...envSecrets(server), ...headerSecrets(server), ...argSecrets(server), ...urlSecrets(server)];
}

function secret(site: StringSite, hit: Hit): McpSecret {
  const replaceStart = hit.replaceStart ?? hit.start;
  const replaceEnd = hit.replaceEnd ?? hit.end;
  return {
    server: site.server, node: site.node, value: site.value,
    start: hit.start, end: hit.end, replaceStart, replaceEnd,
    moved: hit.moved ?? site.value.slice(replaceStart, replaceEnd),
    secret: hit.secret, kind: hit.kind, name: hit.name,
    declareInEnv: hit.declareInEnv ?? false, fallback: hit.fallback ?? false,
    location: hit.location ?? site.location, symbolPath: pathText(site.path),
  };
}

function stringSites(server: McpServer, object: Node | undefined, objectPath: JsonPath, label: string): [string, StringSite][] {
  return properties(object)
    .filter(([, node]) => node.type === 'string')
    .map(([key, node]) => [key, { server, node, value: String(node.value), path: [...objectPath, key], location: `${label} ${key}` }]);
}

/**
 * `${VAR:-credential}`: the reference is fine, its default is not. The fix drops the default, so
 * the whole expression is replaced and the default is what leaves the file.
 */
function fallbackSecrets(site: StringSite): McpSecret[] {
  return credentialFallbacks(site.value).map((f) => secret(site, {
    start: f.start, end: f.end, secret: f.secret, kind: f.kind, name: f.variable,
    replaceStart: f.exprStart, replaceEnd: f.exprEnd, moved: f.fallback, fallback: true,
    location: `the default of \${${f.variable}:-…} in ${site.location}`,
  }));
}

/** An inline password in a URL/DSN: only the password part is replaced. */
function passwordSecrets(site: StringSite, nameFor: (suggested: string, scheme: string) => string): McpSecret[] {
  const refs = referenceSpans(site.value);
  return findConnectionPasswords(site.value)
    .filter((pw) => !insideAny(refs, pw.start, pw.end))
    .map((pw) => secret(site, {
      start: pw.start, end: pw.end, secret: pw.password, kind: `${pw.scheme} password`, name: nameFor(pw.suggestedName, pw.scheme),
    }));
}

/** Fallbacks first, then connection-string passwords: a value is reported once, for its most precise problem. */
function referenceOrPassword(site: StringSite, nameFor: (suggested: string, scheme: string) => string): McpSecret[] {
  const fallbacks = fallbackSecrets(site);
  return fallbacks.length ? fallbacks : passwordSecrets(site, nameFor);
}

function literal(site: StringSite, d: Detection | undefined, offset: number, name: (d: Detection) => string, extra: Partial<Hit> = {}): McpSecret[] {
  if (!d || insideAny(referenceSpans(site.value), offset + d.start, offset + d.end)) return [];
  return [secret(site, { start: offset + d.start, end: offset + d.end, secret: d.secret, kind: d.kind, name: name(d), ...extra })];
}

function envSecrets(server: McpServer): McpSecret[] {
  const envKey = server.envKey ?? 'env';
  const env = propertyValue(server.process, envKey);
  return stringSites(server, env, [...server.processPath, envKey], 'env').flatMap(([key, site]) => {
    const special = referenceOrPassword(site, (suggested) => suggested);
    if (special.length) return special;
    const d = credentialIn(site.value, key);
    // A credential that is only part of the value (`Bearer sk-…`) gets a name of its own.
    const whole = d !== undefined && d.start === 0 && d.end === site.value.length;
    return literal(site, d, 0, (x) => (whole ? envKeyName(key, x) : scopedName(server.name, envKeyName(key, x), x)));
  });
}

const AUTH_SCHEME = /^(bearer|basic|token|bot|api-?key|key)\s+/i;

function headerSecrets(server: McpServer): McpSecret[] {
  // Codex calls them `http_headers`; every JSON client `headers`.
  const key = propertyValue(server.node, 'http_headers') ? 'http_headers' : 'headers';
  const headers = propertyValue(server.node, key);
  return stringSites(server, headers, [...server.path, key], 'header').flatMap(([header, site]) => {
    const fallbacks = fallbackSecrets(site);
    if (fallbacks.length) return fallbacks;
    return headerValueSecret(site, header, site.value);
  });
}

/** `Bearer <token>`: the scheme stays, only the token is judged and replaced. */
function headerValueSecret(site: StringSite, header: string, text: string, offset = 0, extra: Partial<Hit> = {}): McpSecret[] {
  const scheme = AUTH_SCHEME.exec(text)?.[0].length ?? 0;
  const d = credentialIn(text.slice(scheme), header);
  return literal(site, d, offset + scheme, (x) => scopedName(site.server.name, headerBaseName(header), x), extra);
}

const FLAG = /^--?[A-Za-z][\w.-]*$/;
const FLAG_WITH_VALUE = /^(--?[A-Za-z][\w.-]*)=([\s\S]*)$/;
const ENV_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
const HEADER_ARG = /^([A-Za-z][\w-]*)\s*:\s*/;

function isSecretFlag(flag: string): boolean {
  const name = flag.replace(/^-+/, '');
  return name.length > 1 && isSecretLikeName(name);
}

function argSecrets(server: McpServer): McpSecret[] {
  const args = propertyValue(server.process, 'args');
  if (args?.type !== 'array') return [];
  const items = args.children ?? [];
  return items.flatMap((node, i) => {
    if (node.type !== 'string') return [];
    const value = String(node.value);
    const site: StringSite = { server, node, value, path: [...server.processPath, 'args', i], location: 'args' };
    const special = referenceOrPassword(site, (suggested) => suggested);
    if (special.length) return special;
    return argValueSecret(site, secretFlagBefore(items, i));
  });
}

/** `--api-key` when the argument before item `i` is a secret-like flag and item `i` is its value. */
function secretFlagBefore(items: Node[], i: number): string | undefined {
  const prev = items[i - 1];
  const flag = prev?.type === 'string' ? String(prev.value) : '';
  return FLAG.test(flag) && isSecretFlag(flag) && !FLAG.test(String(items[i].value)) ? flag : undefined;
}

/**
 * The shapes a credential takes on a command line: `--api-key <v>`, `--api-key=<v>`,
 * `NAME=<v>` (docker `-e`), `Authorization: Bearer <v>` (mcp-remote `--header`), or a
 * known-format key on its own. Each is moved to `env` and referenced from the argument.
 */
function argValueSecret(site: StringSite, flag: string | undefined): McpSecret[] {
  const { value, server } = site;
  const toEnv = (location: string): Partial<Hit> => ({ declareInEnv: true, location });
  if (flag) return literal(site, credentialIn(value, flag), 0, (d) => scopedName(server.name, flagBaseName(flag), d), toEnv(`args (${flag})`));
  const withValue = FLAG_WITH_VALUE.exec(value);
  if (withValue && isSecretFlag(withValue[1])) {
    const f = withValue[1];
    return literal(site, credentialIn(withValue[2], f), f.length + 1, (d) => scopedName(server.name, flagBaseName(f), d), toEnv(`args (${f})`));
  }
  const assignment = ENV_ASSIGNMENT.exec(value);
  if (assignment) {
    const key = assignment[1];
    return literal(site, credentialIn(assignment[2], key), key.length + 1, (d) => envKeyName(key, d), toEnv(`args (${key}=…)`));
  }
  const header = HEADER_ARG.exec(value);
  if (header && isSecretLikeName(header[1])) {
    return headerValueSecret(site, header[1], value.slice(header[0].length), header[0].length, toEnv(`args (${header[1]} header)`));
  }
  // A URL argument (`mcp-remote https://…?api_key=…`) is fixed like a `url` field: in place.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const query = querySecrets(site);
    return [...query, ...urlKnownFormats(site, query)];
  }
  const known = scanKnownFormats(value)[0];
  return literal(site, known, 0, (d) => scopedName(server.name, 'API_KEY', d), toEnv('args'));
}

const URL_FIELDS = ['url', 'serverUrl', 'uri'];

function urlSecrets(server: McpServer): McpSecret[] {
  return URL_FIELDS.flatMap((field) => {
    const node = propertyValue(server.node, field);
    if (node?.type !== 'string') return [];
    const site: StringSite = { server, node, value: String(node.value), path: [...server.path, field], location: field };
    const special = referenceOrPassword(site, (suggested, scheme) => (/^https?$/.test(scheme) ? scopedName(server.name, 'PASSWORD') : suggested));
    if (special.length) return special;
    const query = querySecrets(site);
    return [...query, ...urlKnownFormats(site, query)];
  });
}

function isSecretParam(param: string): boolean {
  return isSecretQueryParam(param) || /^app_key$/i.test(param);
}

/** `?api_key=<v>`: the whole raw parameter value is replaced (it may be percent-encoded). */
function querySecrets(site: StringSite): McpSecret[] {
  const q = site.value.indexOf('?');
  if (q < 0) return [];
  const hash = site.value.indexOf('#', q);
  const query = site.value.slice(q + 1, hash < 0 ? undefined : hash);
  const out: McpSecret[] = [];
  for (const m of query.matchAll(/([^=&]+)=([^&]*)/g)) {
    const param = decode(m[1]);
    if (!isSecretParam(param)) continue;
    const start = q + 1 + m.index! + m[1].length + 1;
    // `appid` means "API key" to the services that use it, whatever its words say.
    const d = credentialIn(decode(m[2]), isSecretLikeName(param) ? param : 'api_key');
    if (!d) continue;
    out.push(...literal(site, { ...d, start: 0, end: m[2].length }, start, (x) => scopedName(site.server.name, queryBaseName(param), x), { location: `url query parameter ${param}` }));
  }
  return out;
}

/** Keys carried in the path (`https://host/mcp/<key>/sse`). */
function urlKnownFormats(site: StringSite, already: McpSecret[]): McpSecret[] {
  return scanKnownFormats(site.value)
    .filter((d) => !already.some((s) => d.start < s.end && s.start < d.end))
    .flatMap((d) => literal(site, d, 0, (x) => scopedName(site.server.name, 'API_KEY', x)));
}

function decode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
