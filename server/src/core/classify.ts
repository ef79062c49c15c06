import * as path from 'node:path';
import { mcpClientForFile, type McpClientId } from './mcpClients.js';
import { JSON_LANGUAGE, PYTHON, TOML, TYPESCRIPT, languageOfKind, type LanguageEntry } from './lang/languages.js';

/**
 * Every decision about "what kind of file is this" lives here, so the LSP server, the CLI and the
 * extension's document selector agree. Paths win over language ids: an MCP config is an MCP
 * config whatever the editor calls it.
 */
export type FileKind =
  | { kind: 'typescript'; scriptKind: 'ts' | 'tsx' | 'js' | 'jsx' }
  | { kind: 'python'; flavor: 'py' | 'pyi' }
  | { kind: 'dockerfile' }
  | { kind: 'yaml'; flavor: 'compose' | 'kubernetes' | 'workflow' | 'other' }
  | { kind: 'mcp-config'; client: McpClient }
  | { kind: 'dotenv' }
  | { kind: 'json' }
  | { kind: 'text' };

/** Which MCP client owns a config file: it decides the reference syntax a fix writes (mcpClients.ts). */
export type McpClient = McpClientId;

/** Dotenv files that are documentation, not secrets: never flagged as un-ignored. */
export const DOTENV_EXAMPLE = /^\.env(\.[^/]+)?\.(example|sample|template|tmpl|dist|defaults|recommended)$|^\.env\.(example|sample|template|tmpl|dist|defaults)\.|\.example$/i;

export function isDotenvName(base: string): boolean {
  return base === '.env' || /^\.env\.[^/]+$/i.test(base) || /\.env$/i.test(base) && base.startsWith('.');
}

export function isDockerfileName(base: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(base) || /\.(Dockerfile|Containerfile)$/i.test(base);
}

export function isComposeName(base: string): boolean {
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(base);
}

/** The MCP client that owns a config file, by path (the table in mcpClients.ts). */
export function mcpClientForPath(filePath: string): McpClient | undefined {
  return mcpClientForFile(filePath)?.id;
}

export function classify(filePath: string, languageId?: string, text?: string): FileKind {
  const p = filePath.replace(/\\/g, '/');
  const base = path.posix.basename(p);
  const ext = path.posix.extname(base).toLowerCase();

  const mcp = mcpClientForPath(p);
  if (mcp) return { kind: 'mcp-config', client: mcp };
  if (isDotenvName(base)) return { kind: 'dotenv' };
  if (isDockerfileName(base) || languageId === 'dockerfile') return { kind: 'dockerfile' };
  const script = flavorOf(TYPESCRIPT, ext, languageId);
  if (script) return { kind: 'typescript', scriptKind: script };
  const python = flavorOf(PYTHON, ext, languageId);
  if (python) return { kind: 'python', flavor: python };
  if (ext === '.yml' || ext === '.yaml' || languageId === 'yaml' || languageId === 'dockercompose') {
    return { kind: 'yaml', flavor: yamlFlavor(p, base, text) };
  }
  if (ext === '.json' || ext === '.jsonc' || languageId === 'json' || languageId === 'jsonc') return { kind: 'json' };
  if (languageId === 'dotenv') return { kind: 'dotenv' };
  return { kind: 'text' };
}

function yamlFlavor(p: string, base: string, text?: string): 'compose' | 'kubernetes' | 'workflow' | 'other' {
  if (/\/\.github\/workflows\/[^/]+\.ya?ml$/i.test(p)) return 'workflow';
  if (isComposeName(base)) return 'compose';
  if (text !== undefined && /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text)) return 'kubernetes';
  if (text !== undefined && /^services\s*:/m.test(text) && /^\s+(image|build)\s*:/m.test(text)) return 'compose';
  return 'other';
}

/** A code language's flavor for a file: by extension first (paths win), then by language id. */
function flavorOf<F extends string>(lang: LanguageEntry<F>, ext: string, languageId?: string): F | undefined {
  return Object.hasOwn(lang.extensions, ext) ? lang.extensions[ext]
    : languageId && Object.hasOwn(lang.languageIds, languageId) ? lang.languageIds[languageId] : undefined;
}

/** The language a classified file is written in (its comment syntax, its suppression comment). */
export function languageOf(kind: FileKind, filePath: string): LanguageEntry | undefined {
  // MCP configs are JSON or, for Codex, TOML; every other kind is its table entry's.
  if (kind.kind === 'mcp-config') return /\.toml$/i.test(filePath) ? TOML : JSON_LANGUAGE;
  return languageOfKind(kind.kind);
}
