import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze.js';
import { classify } from '../core/classify.js';
import type { AnalysisResult, Settings, WorkspaceHost } from '../core/types.js';
import { IncrementalParseCache } from './incrementalParse.js';

/**
 * Above this many lines a full analysis costs seconds of CPU, repeated on every keystroke on the
 * one thread that serves every document. Such documents (nearly always generated) get only the
 * quick scan for known credential formats while edited; `secretzero scan` still analyses them fully.
 * `.env` and plain-text files are always analysed: their analyzers are the quick scan's cost anyway.
 */
export const MAX_FULLY_ANALYZED_LINES = 20_000;

/**
 * One analysis per document version: diagnostics, code actions and hovers of the same version
 * share it, and a keystroke re-analyses only the document that changed.
 */
export class DocumentAnalyses {
  private readonly results = new Map<string, { version: number; settingsKey: string; result: AnalysisResult }>();
  private readonly parses = new IncrementalParseCache();

  constructor(private readonly host: WorkspaceHost, private readonly log: (message: string) => void) {}

  get(doc: TextDocument, settings: Settings): AnalysisResult {
    const settingsKey = JSON.stringify(settings);
    const cached = this.results.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settingsKey === settingsKey) return cached.result;
    const path = uriToPath(doc.uri);
    const text = doc.getText();
    const kind = classify(path, doc.languageId, text).kind;
    const quick = doc.lineCount > MAX_FULLY_ANALYZED_LINES && kind !== 'dotenv' && kind !== 'text';
    if (quick) this.parses.forget(path);
    const result = analyze({ path, languageId: doc.languageId, text }, settings, {
      host: this.host,
      parseCache: this.parses,
      quick,
      // Log the failure's type and the file, never its message: a parser message may quote source text.
      onError: (error, analyzer) => this.log(`analyzer ${analyzer} failed on ${path} (${error instanceof Error ? error.name : typeof error}); generic scan used`),
    });
    if (result.skipped) this.note(doc.uri, `skipped ${path}: ${result.skipped}`);
    else if (quick) this.note(doc.uri, `${path} has ${doc.lineCount} lines (more than ${MAX_FULLY_ANALYZED_LINES}): only the quick scan for known credential formats runs while it is edited; \`secretzero scan\` analyses it fully`);
    else this.notes.delete(doc.uri);
    this.results.set(doc.uri, { version: doc.version, settingsKey, result });
    return result;
  }

  /** Logs why a document is skipped or only partly analysed, once, not on every keystroke. */
  private readonly notes = new Map<string, string>();
  private note(uri: string, message: string): void {
    if (this.notes.get(uri) === message) return;
    this.notes.set(uri, message);
    this.log(`secretzero ${message}`);
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.notes.delete(uri);
    this.parses.forget(uriToPath(uri));
  }

  clear(): void {
    this.results.clear();
    this.parses.forgetMemos();
  }
}

export function uriToPath(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : u.path;
}
