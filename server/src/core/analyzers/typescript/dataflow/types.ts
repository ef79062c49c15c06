import type ts from 'typescript';

/**
 * Why an expression carries a secret:
 * - `env`: `process.env.<secret-like name>` (also `["…"]`, destructuring, an alias of `process.env`);
 * - `env-object`: the whole `process.env` (spread, stringified, returned);
 * - `secret-manager`: a secrets-manager result (Vault read or login, AWS `GetSecretValueCommand`,
 *   GCP `accessSecretVersion`, Azure/Infisical `getSecret`, keytar `getPassword`);
 * - `literal`: a literal in a known credential format (or high-entropy under a secret-like name);
 * - `name`: nothing better is known, but the binding, property or getter is named like a secret;
 * - `incoming-authorization` / `incoming-headers`: the authorization (or all headers) of the request
 *   the server received (only the incoming-token flow reports these).
 */
export type SecretSourceKind = 'env' | 'env-object' | 'secret-manager' | 'literal' | 'name' | 'incoming-authorization' | 'incoming-headers';

export interface SecretSource {
  kind: SecretSourceKind;
  /**
   * How a message names the source, never the value: `process.env.API_KEY`, `apiKey`,
   * `AWS Secrets Manager`, `GitHub token (ghp_…[redacted])`, `req.headers.authorization`.
   */
  name: string;
  /** The secret's identity where the file says it: an env var name, a secret id or path. */
  secretName?: string;
  /** The expression where the secret enters the file. */
  node: ts.Node;
  /** Reached through a part of the value (`.slice`, `.substring`, `.substr`, `.split()[i]`). */
  partial?: boolean;
  /** The last binding that carried it on the way to the expression asked about (`cfg` in `const cfg = { key: process.env.K }`). */
  via?: string;
}
