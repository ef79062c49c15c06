import * as path from 'node:path';
import picomatch from 'picomatch';
import { classify, languageOf, type FileKind } from './classify.js';
import { fileRoleOf, type FileRole } from './fileRole.js';
import { AnalysisContext, type Analyzer } from './analyzers/context.js';
import { analyzeText } from './analyzers/text.js';
import { analyzeTypeScript } from './analyzers/typescript/index.js';
import { analyzePython } from './analyzers/python/index.js';
import { analyzeJson } from './analyzers/json/index.js';
import { analyzeYaml } from './analyzers/yaml/index.js';
import { analyzeDockerfile } from './analyzers/dockerfile/index.js';
import { analyzeDotenv } from './analyzers/dotenv.js';
import { applyRuleSettings, applySuppressions, dedupe, sortFindings, withoutDisabledRules } from './postprocess.js';
import { DEFAULT_SETTINGS, type AnalysisResult, type DocumentInput, type Settings, type WorkspaceHost } from './types.js';
import type { ParseCache } from './parseCache.js';

export interface AnalyzeOptions {
  host?: WorkspaceHost;
  /** Reuses parse trees across edits of the same document (the language server keeps one per document). */
  parseCache?: ParseCache;
  /** Told when an analyzer failed and the generic scan stood in (the server logs it; never a secret). */
  onError?: (error: unknown, analyzer: FileKind['kind']) => void;
  /** Only the generic scan for known credential formats, whatever the file kind (the server's choice for huge documents). */
  quick?: boolean;
  /** False runs every rule family whatever the text holds (tests prove the needles hide nothing). */
  prefilter?: boolean;
}

/** Documents above this size are not analysed: a secret scanner must not stall an editor. */
export const MAX_ANALYZED_BYTES = 4 * 1024 * 1024;

const ANALYZERS: Record<FileKind['kind'], Analyzer> = {
  typescript: analyzeTypeScript,
  python: analyzePython,
  dockerfile: analyzeDockerfile,
  yaml: analyzeYaml,
  'mcp-config': analyzeJson,
  json: analyzeJson,
  dotenv: analyzeDotenv,
  text: analyzeText,
};

const ignoreMatchers = new Map<string, (p: string) => boolean>();
function ignoredBySettings(filePath: string, settings: Settings, host?: WorkspaceHost): boolean {
  if (!settings.ignore.length) return false;
  const key = settings.ignore.join('\u0000');
  let isMatch = ignoreMatchers.get(key);
  if (!isMatch) {
    isMatch = picomatch(settings.ignore, { dot: true });
    ignoreMatchers.set(key, isMatch);
  }
  const posix = filePath.replace(/\\/g, '/');
  const root = host?.workspaceRoot(filePath);
  const rel = root ? path.relative(root, filePath).replace(/\\/g, '/') : undefined;
  return isMatch(posix) || (rel !== undefined && isMatch(rel)) || isMatch(path.basename(posix));
}

/**
 * The file's role, judged on its path inside the workspace (so a checkout that happens to live
 * under `~/test/` is not all tests). With no known workspace, only the file name counts.
 */
function roleOf(doc: DocumentInput, host?: WorkspaceHost): FileRole {
  const root = host?.workspaceRoot(doc.path);
  const rel = root ? path.relative(root, doc.path) : path.basename(doc.path);
  return fileRoleOf(rel.startsWith('..') ? path.basename(doc.path) : rel, doc.text);
}

/** Why a text should not be analysed at all, or undefined when it should. */
export function skipReason(text: string): string | undefined {
  if (text.length > MAX_ANALYZED_BYTES) return `file is larger than ${MAX_ANALYZED_BYTES / 1024 / 1024} MB`;
  if (text.slice(0, 8000).includes('\u0000')) return 'file looks binary';
  return undefined;
}

/**
 * The one entry of the analysis core: a document and settings in, findings with fixes out.
 * Never throws: an analyzer that fails on malformed input falls back to the generic text scan,
 * so the findings that can still be found are found.
 */
export function analyze(doc: DocumentInput, settings: Settings = DEFAULT_SETTINGS, options: AnalyzeOptions = {}): AnalysisResult {
  if (!settings.enable) return { findings: [], skipped: 'secretzero is disabled' };
  if (ignoredBySettings(doc.path, settings, options.host)) return { findings: [], skipped: 'path matches secretzero.ignore' };
  const reason = skipReason(doc.text);
  if (reason) return { findings: [], skipped: reason };

  const kind: FileKind = options.quick ? { kind: 'text' } : classify(doc.path, doc.languageId, doc.text);
  const role = roleOf(doc, options.host);
  let ctx = new AnalysisContext(doc, kind, options.host, options.parseCache, role, options.prefilter ?? true);
  try {
    ANALYZERS[kind.kind](ctx);
  } catch (error) {
    options.onError?.(error, kind.kind);
    ctx = new AnalysisContext(doc, { kind: 'text' }, options.host, undefined, role);
    try { analyzeText(ctx); } catch { /* nothing more can be found */ }
  }
  // Rules turned off go first: a disabled rule must not still shadow the general one it supersedes.
  const enabled = withoutDisabledRules(ctx.results(), settings);
  const comments = languageOf(kind, doc.path)?.lineComments;
  const findings = applyRuleSettings(applySuppressions(dedupe(enabled), ctx.lines, comments), settings);
  return { findings: sortFindings(findings) };
}
