import type ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { quoteStyle, usesSemicolons } from '../imports.js';
import { indentUnit } from '../objectEdits.js';
import { LOGIN_DOC } from '../../common/wording/vault-static-token.js';

/**
 * The AppRole login code vault-static-token's fixes insert. The role id and secret id come from
 * the environment (short-lived, response-wrapped secret ids are the user's to arrange); the token
 * Vault returns carries a TTL, and every helper logs in again a minute before it runs out.
 */

/** `base`, or `base2`, `base3`… when the file already uses the name. */
export function uniqueName(sf: ts.SourceFile, base: string): string {
  const taken = (n: string) => new RegExp(`\\b${n}\\b`).test(sf.text);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}${i}`)) return `${base}${i}`;
}

function isTypeScript(sf: ts.SourceFile): boolean {
  return /\.(ts|tsx|mts|cts)$/i.test(sf.fileName);
}

interface Style { eol: string; i: string; semi: string; q: string; ts: boolean }

function styleOf(ctx: AnalysisContext, sf: ts.SourceFile): Style {
  return { eol: ctx.lines.eol(), i: indentUnit(ctx.text), semi: usesSemicolons(sf) ? ';' : '', q: quoteStyle(sf), ts: isTypeScript(sf) };
}

/** Lines at nesting depths: `[depth, text]`, joined in the file's indentation and line breaks. */
function render(st: Style, lines: Array<[number, string]>): string {
  return lines.map(([d, t]) => (t ? st.i.repeat(d) + t : '')).join(st.eol);
}

/** node-vault: log the client in with AppRole and keep its token fresh. */
export function appRoleScaffold(ctx: AnalysisContext, sf: ts.SourceFile, client: string): { text: string; ensureName: string } {
  const st = styleOf(ctx, sf);
  const expires = uniqueName(sf, 'vaultTokenExpiresAt');
  const login = uniqueName(sf, 'vaultLogin');
  const ensure = uniqueName(sf, 'ensureVaultToken');
  const s = st.semi;
  const text = render(st, [
    [0, `let ${expires} = 0${s}`],
    [0, ''],
    [0, `/** ${LOGIN_DOC.appRole} */`],
    [0, `async function ${login}() {`],
    [1, `const res = await ${client}.approleLogin({ role_id: process.env.VAULT_ROLE_ID, secret_id: process.env.VAULT_SECRET_ID })${s}`],
    [1, `${client}.token = res.auth.client_token${s}`],
    [1, `${expires} = Date.now() + res.auth.lease_duration * 1000${s}`],
    [0, '}'],
    [0, ''],
    [0, `/** ${LOGIN_DOC.ensure('Await', client)} */`],
    [0, `async function ${ensure}() {`],
    [1, `if (Date.now() >= ${expires} - 60000) await ${login}()${s}`],
    [0, '}'],
  ]);
  return { text, ensureName: ensure };
}

function cachedTokenLines(st: Style, token: string, expires: string, helper: string, login: Array<[number, string]>, loginResult: string): Array<[number, string]> {
  const s = st.semi;
  return [
    [0, `let ${token}${st.ts ? ': string | undefined' : ''}${s}`],
    [0, `let ${expires} = 0${s}`],
    [0, ''],
    [0, `/** ${LOGIN_DOC.cachedToken} */`],
    [0, `async function ${helper}()${st.ts ? ': Promise<string>' : ''} {`],
    [1, `if (${token} && Date.now() < ${expires} - 60000) return ${token}${s}`],
    ...login,
    [1, `${token} = ${loginResult}.client_token${s}`],
    [1, `${expires} = Date.now() + ${loginResult}.lease_duration * 1000${s}`],
    [1, `return ${loginResult}.client_token${s}`],
    [0, '}'],
  ];
}

/** hashi-vault-js: `loginWithAppRole` on the client; returns the auth block (`client_token`, `lease_duration`). */
export function hashiLoginScaffold(ctx: AnalysisContext, sf: ts.SourceFile, client: string, helper: string): string {
  const st = styleOf(ctx, sf);
  return render(st, cachedTokenLines(st, uniqueName(sf, 'cachedVaultToken'), uniqueName(sf, 'vaultTokenExpiresAt'), helper, [
    [1, `const login = await ${client}.loginWithAppRole(process.env.VAULT_ROLE_ID, process.env.VAULT_SECRET_ID)${st.semi}`],
  ], 'login'));
}

/** Raw HTTP: Vault's `POST /v1/auth/approle/login` with the global fetch. */
export function httpLoginScaffold(ctx: AnalysisContext, sf: ts.SourceFile, helper: string): string {
  const st = styleOf(ctx, sf);
  const { q, semi: s } = st;
  const authType = st.ts ? ' as { auth: { client_token: string; lease_duration: number } }' : '';
  return render(st, cachedTokenLines(st, uniqueName(sf, 'cachedVaultToken'), uniqueName(sf, 'vaultTokenExpiresAt'), helper, [
    [1, 'const res = await fetch(`${process.env.VAULT_ADDR}/v1/auth/approle/login`, {'],
    [2, `method: ${q}POST${q},`],
    [2, 'body: JSON.stringify({ role_id: process.env.VAULT_ROLE_ID, secret_id: process.env.VAULT_SECRET_ID }),'],
    [1, `})${s}`],
    [1, 'if (!res.ok) throw new Error(`Vault AppRole login failed: HTTP ${res.status}`)' + s],
    [1, `const { auth } = (await res.json())${authType}${s}`],
  ], 'auth'));
}
