import type { Node } from 'jsonc-parser';
import type { McpClient } from '../../classify.js';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { codexEnvFixes, codexHeaderFixes } from './codexFixes.js';
import { gooseEnvFixes } from './gooseFixes.js';
import type { McpServer } from './mcpShapes.js';

/**
 * Clients that expand no reference in a server's environment but read a variable by name: Codex
 * (`env_vars`, and `bearer_token_env_var` / `env_http_headers` for headers) and Goose (`env_keys`).
 * Their fixes replace the entry with the name instead of rewriting the value to a reference.
 */
export interface NameForwarder {
  env(ctx: AnalysisContext, server: McpServer, valueNode: Node, key: string, rule: string, moved?: string): Fix[];
  header?(ctx: AnalysisContext, server: McpServer, valueNode: Node, header: string, name: string, rule: string): Fix[];
}

const FORWARDERS: Partial<Record<McpClient, NameForwarder>> = {
  codex: { env: codexEnvFixes, header: codexHeaderFixes },
  goose: { env: gooseEnvFixes },
};

export function nameForwarder(client: McpClient): NameForwarder | undefined {
  return FORWARDERS[client];
}
