/**
 * Why an expression carries a secret, in any language (the TypeScript and Python flows share it,
 * and so do the messages built from it):
 * - `env`: an environment variable with a secret-like name (`process.env.API_KEY`, `os.environ["API_KEY"]`);
 * - `env-object`: the whole environment (`process.env`, `os.environ`);
 * - `secret-manager`: a secrets-manager result (Vault, AWS Secrets Manager, GCP Secret Manager,
 *   Azure Key Vault, keytar/keyring…);
 * - `literal`: a literal in a known credential format (or high-entropy under a secret-like name);
 * - `name`: nothing better is known, but the binding, property or getter is named like a secret;
 * - `incoming-authorization` / `incoming-headers`: the authorization (or all headers) of the request
 *   the server received (only the incoming-token flow reports these).
 */
export type SecretSourceKind = 'env' | 'env-object' | 'secret-manager' | 'literal' | 'name' | 'incoming-authorization' | 'incoming-headers';

export interface SecretSourceOf<Node> {
  kind: SecretSourceKind;
  /**
   * How a message names the source, never the value: `process.env.API_KEY`, `apiKey`,
   * `AWS Secrets Manager`, `GitHub token (ghp_…[redacted])`, `req.headers.authorization`.
   */
  name: string;
  /** The secret's identity where the file says it: an env var name, a secret id or path. */
  secretName?: string;
  /** The expression where the secret enters the file. */
  node: Node;
  /** Reached through a part of the value (`.slice`, `[:8]`, `.split()[i]`). */
  partial?: boolean;
  /** The last binding that carried it on the way to the expression asked about. */
  via?: string;
}

/** How strongly a source proves a secret: the strongest of several candidate sources is reported. */
export const SOURCE_STRENGTH: Record<SecretSourceKind, number> = {
  'secret-manager': 6, 'incoming-authorization': 6, env: 5, literal: 4, 'env-object': 3, 'incoming-headers': 3, name: 1,
};

/** How a message names a source (never its value): `process.env.API_KEY`, `'apiKey'`, `from Vault ('secret/data/x')`. */
export function describeSource(src: SecretSourceOf<unknown>): string {
  switch (src.kind) {
    case 'env': return src.name;
    case 'env-object': return `the whole ${src.name}`;
    case 'secret-manager': return `from ${src.name}${src.secretName ? ` ('${src.secretName}')` : ''}`;
    case 'literal': return `in a ${src.name} literal`;
    case 'name': return `'${src.name}'`;
    case 'incoming-authorization': return src.name;
    case 'incoming-headers': return `${src.name} (including its authorization)`;
  }
}

/** A sentence start for messages: `The secret process.env.API_KEY (via 'apiKey')`, `Part of the secret 'token'`. */
export function secretPhrase(src: SecretSourceOf<unknown>): string {
  if (src.kind === 'env-object') return `The whole ${src.name} (every secret in the environment)`;
  const via = src.via && src.kind !== 'name' && src.via !== src.secretName ? ` (via '${src.via}')` : '';
  return `${src.partial ? 'Part of the' : 'The'} secret ${describeSource(src)}${via}`;
}
