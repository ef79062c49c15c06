import { isSecretLikeName, splitWords } from '../../../secrets/index.js';
import { message, type Message } from '../../../secrets/message.js';

/**
 * secret-fetch-error-swallowed, in every language: the message, the fix title, the text of the
 * error a fix raises, and which call names are a secret bootstrap. Each language finds its own
 * handlers (`catch`, `.catch(…)`, `except`) and writes its own rethrow.
 */

/** The handler construct, as the message names it. */
export type SwallowingHandler = 'catch' | '.catch' | 'except';

const CONSTRUCT: Record<SwallowingHandler, Message> = {
  catch: message`catch around`,
  '.catch': message`.catch on`,
  except: message`except around`,
};

/** `what` names the secret (its id, env var or bootstrap call), never its value. */
export function secretFetchSwallowedMessage(handler: SwallowingHandler, what: string, empty: boolean): Message {
  const handling = empty ? message`ignores the error` : message`only logs the error`;
  return message`The ${CONSTRUCT[handler]} the fetch of ${what} ${handling}, so start-up continues without the secret: the server then runs with an undefined credential and fails later, far from the cause. Fail fast: rethrow, or exit with a non-zero code.`;
}

/** The message of the error a fix raises. */
export function failedToLoadText(what: string): string {
  return `Failed to load ${what}`;
}

/** The fix title; `verb` is the language's word (`rethrow`, `re-raise`). */
export function secretFetchSwallowedFixTitle(what: string, verb = 'rethrow'): string {
  return `secretzero (secret-fetch-error-swallowed): ${verb} with '${failedToLoadText(what)}'`;
}

// A function is a secret fetch by what it is named to load (`loadSecrets`, `get_credentials`), not by
// being a start-up step: `bootstrapHandlers()` wires a container, it fetches nothing.
const BOOTSTRAP_WORDS = new Set(['secret', 'secrets', 'credential', 'credentials', 'creds', 'vault', 'keytar']);
const FETCH_VERB = /^(get|load|fetch|read|resolve|retrieve|obtain|init|initialize|refresh|require)(?=[A-Z_])/;

/** A call named like a secret bootstrap: `loadSecrets`, `initVault`, `get_api_key`, `fetch_credentials`. */
export function isSecretBootstrapName(name: string): boolean {
  if (splitWords(name).some((w) => BOOTSTRAP_WORDS.has(w))) return true;
  const m = FETCH_VERB.exec(name);
  return !!m && isSecretLikeName(name.slice(m[0].length));
}
