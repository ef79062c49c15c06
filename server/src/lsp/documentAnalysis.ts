import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze.js';
import type { AnalysisResult, Settings, WorkspaceHost } from '../core/types.js';
import { IncrementalParseCache } from './incrementalParse.js';

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
    const result = analyze({ path, languageId: doc.languageId, text: doc.getText() }, settings, {
      host: this.host,
      parseCache: this.parses,
      // Log the failure's type and the file, never its message: a parser message may quote source text.
      onError: (error, analyzer) => this.log(`analyzer ${analyzer} failed on ${path} (${error instanceof Error ? error.name : typeof error}); generic scan used`),
    });
    if (result.skipped) this.log(`skipped ${path}: ${result.skipped}`);
    this.results.set(doc.uri, { version: doc.version, settingsKey, result });
    return result;
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.parses.forget(uriToPath(uri));
  }

  clear(): void { this.results.clear(); }
}

export function uriToPath(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : u.path;
}
