import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { McpClient } from '../../classify.js';
import { mcpClient } from '../../mcpClients.js';
import { properties, propertyValue } from './jsoncEdits.js';

export type JsonPath = (string | number)[];

/** An object whose properties are MCP servers (`mcpServers`, `servers`, `context_servers`…). */
export interface ServerCollection {
  /** The property name, as written: `servers`, `mcp.servers` (a dotted settings key)… */
  key: string;
  /** The object holding that property: where VS Code's sibling `inputs` lives too. */
  parent: Node;
  node: Node;
  path: JsonPath;
}

export interface McpServer {
  name: string;
  node: Node;
  path: JsonPath;
  collection: ServerCollection;
  /**
   * The object holding `command`'s `args` and `env`: the server itself, or Zed's object form
   * `"command": {"path", "args", "env"}`. A fix that creates `env` creates it here.
   */
  process: Node;
  processPath: JsonPath;
  /** The key of the server's environment in `process`: `env`, or Goose's `envs`. */
  envKey?: string;
}

/**
 * Every MCP server a client config declares. `settings.json` files hold many other things, so
 * only their MCP sections are read (VS Code `mcp.servers`, Zed `context_servers`); the dedicated
 * MCP files accept both common shapes, because people paste `mcpServers` snippets into VS Code
 * files and vice versa.
 */
export function findServers(root: Node | undefined, client: McpClient, filePath: string): McpServer[] {
  if (root?.type !== 'object') return [];
  const envKey = mcpClient(client).envKey ?? 'env';
  return collectionsOf(root, client, filePath).flatMap(serversIn).map((s) => ({ ...s, envKey }));
}

function collectionsOf(root: Node, client: McpClient, filePath: string): (ServerCollection | undefined)[] {
  const isSettings = path.basename(filePath.replace(/\\/g, '/')) === 'settings.json';
  const section = mcpClient(client).section;
  // Settings files of clients that keep their servers under one key (Zed `context_servers`,
  // Gemini CLI `mcpServers`); VS Code's `mcp.servers` has two spellings, below.
  // Codex keeps `[mcp_servers.NAME]` tables in its config.toml, whatever the file is called.
  if (section === 'mcp_servers' || section === 'extensions' || mcpClient(client).format === 'yaml' || (isSettings && section && section !== 'mcp.servers')) return [collection(root, section!, [])];
  if (isSettings) {
    const mcp = propertyValue(root, 'mcp');
    return [collection(root, 'mcp.servers', []), mcp ? collection(mcp, 'servers', ['mcp']) : undefined];
  }
  const found = [collection(root, 'mcpServers', []), collection(root, 'servers', [])];
  // ~/.claude.json keeps per-project servers beside the user-wide ones.
  for (const [projectPath, project] of properties(propertyValue(root, 'projects'))) {
    found.push(collection(project, 'mcpServers', ['projects', projectPath]));
  }
  return found;
}

function collection(parent: Node, key: string, parentPath: JsonPath): ServerCollection | undefined {
  const node = propertyValue(parent, key);
  return node?.type === 'object' || node?.type === 'array' ? { key, parent, node, path: [...parentPath, key] } : undefined;
}

/** A collection's servers by name: an object's properties, or a list of objects named by `name` (Continue). */
function namedServers(c: ServerCollection): [string, Node, string | number][] {
  if (c.node.type === 'array') {
    return (c.node.children ?? []).flatMap((node, i): [string, Node, number][] => {
      const name = propertyValue(node, 'name');
      return node.type === 'object' ? [[name?.type === 'string' ? String(name.value) : `#${i + 1}`, node, i]] : [];
    });
  }
  return properties(c.node).map(([name, node]): [string, Node, string] => [name, node, name]);
}

function serversIn(c: ServerCollection | undefined): McpServer[] {
  if (!c) return [];
  return namedServers(c)
    .filter(([, node]) => node.type === 'object')
    .map(([name, node, key]) => {
      const serverPath = [...c.path, key];
      const command = propertyValue(node, 'command');
      const zedObjectForm = command?.type === 'object';
      return {
        name, node, path: serverPath, collection: c,
        process: zedObjectForm ? command : node,
        processPath: zedObjectForm ? [...serverPath, 'command'] : serverPath,
      };
    });
}
