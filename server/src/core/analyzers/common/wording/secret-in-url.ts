import { describeSecret, detectValue, isSecretQueryParam } from '../../../secrets/index.js';
import { message, type Message } from '../../../secrets/message.js';

/** secret-in-url's wording and tables, shared by the TypeScript and Python rules. */
export const SECRET_IN_URL = 'secret-in-url';

/** `what`: `secretPhrase(source)` or `hardcodedInUrl(…)`; `param`: the query parameter's name. */
export function secretInUrlMessage(what: string, param: string): Message {
  return message`${what} is sent in the URL query parameter '${param}': URLs end up in access logs, proxies, traces and error messages. Send it in a header instead.`;
}

/** The subject of the message for a credential literal written into a URL's query. */
export function hardcodedInUrl(kind: string, secret: string): string {
  return `A hard-coded ${describeSecret(kind, secret)}`;
}

/** Parameters whose value is a bearer token, moved to `Authorization: Bearer …` rather than `x-api-key`. */
export const BEARER_NAMES = /^(token|access_token|accesstoken|auth_token|private_token|bearer|id_token)$/i;

/** The text before a value: `…?name=` or `…&name=` at the end of a literal part. */
export const PARAM_BEFORE = /([?&])([A-Za-z0-9_.\-[\]]+)=$/;

/** The header the fix moves a parameter's secret to. */
export const headerFor = (param: string): 'Authorization' | 'x-api-key' => (BEARER_NAMES.test(param) ? 'Authorization' : 'x-api-key');

export function moveToHeaderFixTitle(param: string): string {
  const target = BEARER_NAMES.test(param) ? 'an Authorization header' : 'an x-api-key header';
  return `secretzero (${SECRET_IN_URL}): move '${param}' from the URL to ${target}`;
}

/** The query parameter a literal piece ends with (`…?api_key=`), when its name is secret-like. */
export function secretParamBefore(text: string): { sep: '?' | '&'; param: string; length: number } | undefined {
  const m = PARAM_BEFORE.exec(text);
  return m && isSecretQueryParam(m[2]) ? { sep: m[1] as '?' | '&', param: m[2], length: m[0].length } : undefined;
}

export interface QueryLiteralSecret {
  param: string;
  /** Offsets of the credential inside `text`. */
  start: number;
  end: number;
  kind: string;
  secret: string;
}

/**
 * Credential values written into a URL's query inside a string's text (`…?key=AIza…`). Values in
 * URL-safe characters only: `${VAR}`, `{{x}}` and prose around a URL are not values.
 */
export function queryLiteralSecrets(text: string): QueryLiteralSecret[] {
  const out: QueryLiteralSecret[] = [];
  for (const m of text.matchAll(/[?&]([^=&?#\s]+)=([A-Za-z0-9_\-.~%+/=]+)(?=$|[&#\s'"`)\]>,;])/g)) {
    if (!isSecretQueryParam(m[1])) continue;
    const d = detectValue(m[2], m[1]);
    if (!d) continue;
    const start = m.index! + m[0].length - m[2].length + d.start;
    out.push({ param: m[1], start, end: start + (d.end - d.start), kind: d.kind, secret: d.secret });
  }
  return out;
}
