import { message, type Message } from '../../../secrets/message.js';
import { redactionFixTitle } from './redaction.js';

/** secret-in-tool-output's wording, shared by the TypeScript and Python rules. */
export const SECRET_IN_TOOL_OUTPUT = 'secret-in-tool-output';

/** `phrase`: `secretPhrase(source)`; `tool`: the tool's name when the registration (or a `case`) says it. */
export function secretInToolOutputMessage(phrase: string, tool: string | undefined): Message {
  const toolLabel = tool ? `tool '${tool}'` : 'a tool';
  return message`${phrase} is returned in the output of ${toolLabel}: tool results go into the model's context, the chat transcript and the provider's logs. Return whether it is configured, never its value.`;
}

export const secretInToolOutputFixTitle = (): string => redactionFixTitle('secret-in-tool-output');
