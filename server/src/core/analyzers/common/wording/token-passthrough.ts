import { message, type Message } from '../../../secrets/message.js';
import type { SecretSourceOf } from '../secretSource.js';

/** token-passthrough's wording, shared by the TypeScript and Python rules. */
export const TOKEN_PASSTHROUGH = 'token-passthrough';

/** The incoming-token source that reaches an outbound request (`incoming-authorization` or `incoming-headers`). */
export function tokenPassthroughMessage(src: SecretSourceOf<unknown>): Message {
  const what = src.kind === 'incoming-headers'
    ? `The incoming request's headers (${src.name}, with its authorization) are`
    : `The incoming request's authorization (${src.name}${src.via ? `, via '${src.via}'` : ''}) is`;
  return message`${what} forwarded to an outbound request: that token was issued for this server, and passing it on makes the server a confused deputy. Exchange it for a token meant for the downstream service, or use the server's own credentials.`;
}

/** The request header that carries the caller's token, in any case (`Authorization`, `authorization`). */
export const isAuthorizationHeader = (name: string): boolean => name.toLowerCase() === 'authorization';
