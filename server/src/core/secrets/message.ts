import { redactSecrets } from './index.js';

/**
 * A finding's message: the rule's own words, with the text it quotes from the source (a URL, a
 * name, a command, a secret's description) placed between them. Only the quoted parts go through
 * `redactSecrets`: a rule's wording ("an X-aws-ec2-metadata-token header") is never masked, while
 * anything taken from the user's file still cannot echo a credential.
 */
export class Message {
  readonly text: string;

  constructor(
    /** The rule's own words, in order: each is kept exactly. */
    readonly words: readonly string[],
    quoted: readonly unknown[],
  ) {
    let text = words[0] ?? '';
    quoted.forEach((q, i) => { text += (q instanceof Message ? q.text : redactSecrets(String(q))) + (words[i + 1] ?? ''); });
    this.text = text;
  }

  toString(): string { return this.text; }
}

/**
 * Tagged template for messages: ``message`Build arg ${name} gets a secret (${shown}): …` ``. The
 * literal parts are the rule's words; every `${…}` is quoted source text and is redacted. A nested
 * `message` keeps its own words.
 */
export function message(strings: TemplateStringsArray, ...quoted: unknown[]): Message {
  return new Message(strings, quoted);
}

/** A message made only of the rule's own words (a constant sentence, no quoted source). */
export function plainMessage(text: string): Message {
  return new Message([text], []);
}
