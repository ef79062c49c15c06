import { message, type Message } from '../../../secrets/message.js';

/**
 * jwt-audience-not-verified, in every language: the finding's sentences, the placeholder the fix
 * writes and the fix's title. The analyzers decide which call verifies a token and how the option
 * is spelt (`audience:` in TS/JS, `audience=` in Python).
 */
export const JWT_AUDIENCE_RULE = 'jwt-audience-not-verified';

/** What the fix writes for the audience: the user must replace it with the server's identifier. */
export const AUDIENCE_PLACEHOLDER = '<your-server-id>';

const ADVICE = message`Pass this server's identifier (the \`aud\` its tokens carry).`;

/** The verifier checks no audience at all: any token the identity provider signed passes. `option`: how the call would name it. */
export function audienceNotCheckedMessage(fn: string, option: Message = message`an \`audience\` option`): Message {
  return message`${fn} is called without ${option}, so a token the same identity provider issued for another application is accepted. ${ADVICE}`;
}

/**
 * The verifier rejects a token whose `aud` is not one it was given, but with none given it only
 * rejects tokens that carry an `aud` (PyJWT, python-jose): one without the claim passes.
 */
export function audienceNotRequiredMessage(fn: string, option: Message): Message {
  return message`${fn} is called without ${option}, so the token's audience is never matched against this server: a token without an \`aud\` claim is accepted, whichever application it was issued for. ${ADVICE}`;
}

/** The audience check is switched off explicitly (`verify_aud: False`). */
export function audienceDisabledMessage(fn: string, setting: string): Message {
  return message`${fn} is called with \`${setting}\`, so a token the same identity provider issued for another application is accepted. ${ADVICE}`;
}

/** `secretzero (jwt-audience-not-verified): add audience: '<your-server-id>' (replace the placeholder with this server's identifier)`; `also`: further edits the fix makes. */
export function audienceFixTitle(added: string, also?: string): string {
  return `secretzero (${JWT_AUDIENCE_RULE}): add ${added}${also ? ` and ${also}` : ''} (replace the placeholder with this server's identifier)`;
}

/** The audience is given but its check was switched off: the fix only switches it back on. */
export function audienceCheckOnTitle(removed: string): string {
  return `secretzero (${JWT_AUDIENCE_RULE}): turn the audience check back on (remove ${removed})`;
}
