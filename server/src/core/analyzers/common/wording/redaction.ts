/**
 * The redaction the secret-logged and secret-in-tool-output fixes put where a secret was, in any
 * language, and the title of that fix.
 */
export const REDACTED = '[REDACTED]';

export function redactionFixTitle(rule: 'secret-logged' | 'secret-in-tool-output'): string {
  return `secretzero (${rule}): replace the secret with '${REDACTED}'`;
}
