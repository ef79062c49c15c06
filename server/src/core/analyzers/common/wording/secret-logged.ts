import { message, type Message } from '../../../secrets/message.js';
import { redactionFixTitle } from './redaction.js';

/** secret-logged's wording, shared by the TypeScript and Python rules. */
export const SECRET_LOGGED = 'secret-logged';

/** `phrase`: `secretPhrase(source)`; `sink`: `console.log`, `logger.info`, `an Error message`, `an exception message`. */
export function secretLoggedMessage(phrase: string, sink: string): Message {
  return message`${phrase} reaches ${sink}: logs and error messages are copied to terminals, log collectors and bug reports. Log that the secret is set, never its value.`;
}

export const secretLoggedFixTitle = (): string => redactionFixTitle('secret-logged');
