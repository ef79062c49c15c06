import { hasShapeWord, maskSecret, splitWords } from '../../../secrets/index.js';
import { message, type Message } from '../../../secrets/message.js';

/**
 * vault-static-token, in every language: which names hold a Vault token, the header Vault reads
 * it from, the finding's sentence, the fix titles and the comments of the login code the fixes
 * insert. The analyzers find the client and write the code in their own language.
 */
export const VAULT_RULE = 'vault-static-token';

/** The header Vault's HTTP API takes the token from. */
export const VAULT_TOKEN_HEADER = /^x-vault-token$/i;

/** VAULT_TOKEN, vaultToken, VAULT_ROOT_TOKEN — but not VAULT_TOKEN_PATH or vaultTokenTtl. */
export function isVaultTokenName(name: string): boolean {
  const words = splitWords(name);
  return words.includes('vault') && words.includes('token') && !hasShapeWord(name);
}

/** A token handed to Vault from outside: an env var (as the language reads it), a literal, or a binding named like VAULT_TOKEN. */
export type VaultTokenSource = { kind: 'env'; name: string } | { kind: 'literal'; value: string } | { kind: 'named'; name: string };

/** How the message names the token; `envRead` spells an env read in the file's language (`process.env.X`, `os.environ["X"]`). */
export function describeVaultToken(src: VaultTokenSource, envRead: (name: string) => string): string {
  if (src.kind === 'env') return `a long-lived static token from ${envRead(src.name)}`;
  if (src.kind === 'literal') return `a hard-coded token (${maskSecret(src.value)})`;
  return `a static token (${src.name}) handed in from outside`;
}

export function vaultStaticTokenMessage(described: string): Message {
  return message`Vault is accessed with ${described}. Such a token rarely expires and unlocks every secret the server can read: log in with an auth method (AppRole, Kubernetes, AWS IAM) or read the token a Vault Agent writes to its sink file.`;
}

/** What the user must set up before an AppRole fix works. */
export const APPROLE_PREREQUISITE = 'provision VAULT_ROLE_ID and VAULT_SECRET_ID for an AppRole first';

/** `log in with AppRole instead of a static token (…; call await ensureVaultToken() before using vault)`; `ensureCall` as the language writes it. */
export function appRoleLoginTitle(ensureCall: string, client: string): string {
  return `secretzero (${VAULT_RULE}): log in with AppRole instead of a static token (${APPROLE_PREREQUISITE}; call ${ensureCall} before using ${client})`;
}

/** The same with the Kubernetes auth method; `role`: the env var that names the Vault role. */
export function kubernetesLoginTitle(ensureCall: string, client: string, role: string): string {
  return `secretzero (${VAULT_RULE}): log in with the Kubernetes auth method instead of a static token (create a Vault role bound to this service account and provide ${role} first; call ${ensureCall} before using ${client})`;
}

/** A login right where the client is built, in code that builds a client per use. */
export function inlineLoginTitle(method: 'AppRole' | 'Kubernetes', prerequisite: string): string {
  return `secretzero (${VAULT_RULE}): log the new client in with ${method === 'AppRole' ? 'AppRole' : 'the Kubernetes auth method'} instead of giving it a static token (${prerequisite})`;
}

/** A token argument or header replaced by a helper's token; `via`: how the helper reaches Vault. */
export function appRoleTokenTitle(via = ''): string {
  return `secretzero (${VAULT_RULE}): use a token from an AppRole login${via} that is renewed before it expires (${APPROLE_PREREQUISITE})`;
}

/** Doc comments of the inserted login code. */
export const LOGIN_DOC = {
  appRole: 'AppRole login: Vault issues a token with a TTL instead of the server holding a long-lived one.',
  kubernetes: "Kubernetes login with the pod's service-account token: Vault issues a token with a TTL instead of the server holding a long-lived one.",
  /** `Await before using vault: …` (TS) / `Call before using client: …` (Python). */
  ensure: (verb: string, client: string) => `${verb} before using ${client}: logs in again a minute before the token expires.`,
  cachedToken: 'A Vault token from an AppRole login, renewed by logging in again a minute before it expires.',
};
