/**
 * The only way a secret may appear in any output: its kind and at most four leading characters,
 * fewer for short values, so a reader can tell which credential is meant without learning it.
 */
export function maskSecret(secret: string): string {
  const shown = Math.max(0, Math.min(4, Math.floor(secret.length / 4)));
  return `${secret.slice(0, shown)}…[redacted]`;
}

export function describeSecret(kind: string, secret: string): string {
  return `${kind} (${maskSecret(secret)})`;
}
