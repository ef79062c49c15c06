import { message, type Message } from '../../../secrets/message.js';

/**
 * tls-verification-disabled, in every language: what a finding says and what its fix is called.
 * The analyzers find the setting; the sentence about why it matters and how a fix is titled live here.
 */
export const TLS_RULE = 'tls-verification-disabled';

/** `` `rejectUnauthorized: false` turns off TLS certificate verification `` (the setting as written in the file). */
export function tlsSettingTurnsOff(shown: string): Message {
  return message`\`${shown}\` turns off TLS certificate verification`;
}

/**
 * NODE_TLS_REJECT_UNAUTHORIZED set to 0: `processes` says whose connections it affects (the
 * process itself, or the Node.js processes a Python program starts with that environment).
 */
export function tlsNodeEnvTurnsOff(value: string, processes: Message = message`the process makes`): Message {
  return message`NODE_TLS_REJECT_UNAUTHORIZED set to ${value} turns off TLS certificate verification for every connection ${processes}`;
}

/** The whole message: what turned verification off, the risk, and how to trust a private CA instead (`trust`: the language's knobs). */
export function tlsMessage(what: Message, trust: Message): Message {
  return message`${what}: anyone on the network path can impersonate the remote service and read the credentials sent to it. Trust the private CA instead (${trust}).`;
}

/** `secretzero (tls-verification-disabled): set rejectUnauthorized to true` */
export function tlsSetTitle(key: string, secure: string): string {
  return tlsFixTitle(`set ${key} to ${secure}`);
}

/** `secretzero (tls-verification-disabled): <action>` for fixes that do more than set a value. */
export function tlsFixTitle(action: string): string {
  return `secretzero (${TLS_RULE}): ${action}`;
}
