import { isSecretLikeName } from '../../../secrets/index.js';
import { message, type Message } from '../../../secrets/message.js';

/**
 * credential-tool-parameter, in every language: the name judgement and the message. Each language
 * finds its own tool parameters (zod shapes and JSON Schema in TS/JS; FastMCP function parameters,
 * pydantic fields and `types.Tool(inputSchema=…)` in Python) and asks these.
 */

/**
 * Judged on the name as a whole (see `isSecretLikeName`): a credential word not qualified into a
 * count, a limit, an identifier, a data key (`cacheKey`, a bare `key`) or a pagination token.
 */
export function isCredentialParameter(name: string): boolean {
  return isSecretLikeName(name);
}

/**
 * Schema types that cannot hold a credential string (zod and JSON Schema type names; Python maps its
 * annotations onto them). A credential is a string: an object or an array is judged by what it
 * holds, its properties being parameters too (`parent.child`).
 */
export const NON_CREDENTIAL_TYPES: ReadonlySet<string> = new Set(['number', 'bigint', 'boolean', 'date', 'enum', 'nativeEnum', 'literal', 'int', 'integer', 'null', 'object', 'array']);

/** `Tool 'list_issues' asks the model for 'githubToken': …`; `tool` is undefined when the tool's name is unknown. */
export function credentialToolParameterMessage(tool: string | undefined, parameter: string): Message {
  const toolLabel = tool ? `Tool '${tool}'` : 'A tool';
  return message`${toolLabel} asks the model for '${parameter}': tool arguments are written by the model, so the credential passes through the chat transcript and the model provider. Load it server-side (an environment variable or a secrets manager) instead of asking the LLM for it.`;
}

const CREDENTIAL_DESCRIPTION = /\b(api[\s_-]?key|api[\s_-]?token|access[\s_-]?token|auth(entication|orization)?[\s_-]?token|bearer[\s_-]?token|refresh[\s_-]?token|session[\s_-]?token|secret[\s_-]?key|client[\s_-]?secret|personal[\s_-]access[\s_-]token|password|passphrase|private[\s_-]key)s?\b/i;
const NOT_A_CREDENTIAL_DESCRIPTION = new RegExp([
  String.raw`paginat\w*|next[\s_-]page|page[\s_-]?token|cursor|continuation|offset|(number|count|amount) of tokens|tokens? (count|limit|budget)`,
  String.raw`max(imum)?[\s_-]tokens?|how many tokens|(id|identifier|name|alias|label|arn|fingerprint|hash) of (the|an?|your)\b`,
  // Idempotency and request ids: AWS `ClientToken`, Cloud Control's `RequestToken`.
  String.raw`idempoten\w*|unique (string|identifier|id)\b|identifier for (the|this) request`,
  // A token another tool of the same server hands out (a workflow step's proof, an operation's handle).
  String.raw`token (returned )?from \w+\(\)|(returned|given|received|obtained) (from|by|in) (the|a|an)\b|\w+_token returned|\bpolling\b`,
  // Tokens that name a thing: a chat room, a share link, a receipt, an order.
  String.raw`(conversation|room|chat|channel|share|invite|invitation|receipt|order|ticket|coupon|voucher|gift|upload|download|poll|job|thread)[\s_-]?tokens?\b|by (its|their) token`,
].map((p) => `(?:${p})`).join('|'), 'i');

/**
 * What a parameter's description (pydantic `Field(description=…)`, JSON Schema `description`) says
 * it holds: `credential` when it asks for one ("Your OpenAI API key"), `other` when it says the
 * secret-like name holds something else ("Pagination token from the previous page", "Name of the
 * API key"), undefined when it says neither. Only asked about names with a credential word in them.
 */
export function credentialDescription(description: string | undefined): 'credential' | 'other' | undefined {
  if (!description) return undefined;
  if (NOT_A_CREDENTIAL_DESCRIPTION.test(description)) return 'other';
  return CREDENTIAL_DESCRIPTION.test(description) ? 'credential' : undefined;
}
