import {
  DocumentDiagnosticReportKind, ErrorCodes, LSPErrorCodes, ResponseError,
  type CancellationToken, type ClientCapabilities, type CodeAction, type CodeActionParams, type Connection,
  type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport, type Hover, type HoverParams,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { NodeHost } from '../node/nodeHost.js';
import { fixAll, FIX_ALL_KIND, quickFixes, wantsKind } from './codeActions.js';
import { toDiagnostic } from './convert.js';
import { DocumentAnalyses, uriToPath } from './documentAnalysis.js';
import { hoverAt } from './hover.js';
import { PushScheduler } from './pushDiagnostics.js';
import { SettingsStore } from './settings.js';

/** What the client can do, read once at initialize. */
export interface ClientFeatures {
  pullDiagnostics: boolean;
  configurationPull: boolean;
  documentChanges: boolean;
  diagnosticRefresh: boolean;
  workspaceFolders: boolean;
}

export function readClientFeatures(c: ClientCapabilities): ClientFeatures {
  return {
    pullDiagnostics: !!c.textDocument?.diagnostic,
    configurationPull: !!c.workspace?.configuration,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges && !!c.workspace.workspaceEdit.resourceOperations?.includes('create'),
    diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}

/**
 * The language server's behaviour, independent of how handlers are bound: diagnostics (pulled or
 * pushed), code actions, hovers, settings changes. server.ts only wires connection events here.
 */
export class SecretzeroService {
  readonly host = new NodeHost([], true);
  readonly settings: SettingsStore;
  private readonly analyses: DocumentAnalyses;
  private readonly push: PushScheduler;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    readonly features: ClientFeatures,
  ) {
    this.settings = new SettingsStore(connection, features.configurationPull);
    this.analyses = new DocumentAnalyses(this.host, (m) => connection.console.log(m));
    this.push = new PushScheduler(connection, (doc) => this.diagnostics(doc));
  }

  private folders: string[] = [];

  setWorkspaceFolders(paths: string[]): void { this.folders = paths; this.host.setWorkspaceRoots(paths); }

  workspaceFolders(): string[] { return [...this.folders]; }

  private async findings(doc: TextDocument) {
    const settings = await this.settings.get(doc.uri);
    return { settings, result: this.analyses.get(doc, settings) };
  }

  async diagnostics(doc: TextDocument): Promise<Diagnostic[] | undefined> {
    const version = doc.version;
    const { result } = await this.findings(doc);
    if (doc.version !== version) return undefined;
    return result.findings.map((f) => toDiagnostic(f, version));
  }

  onDidChangeContent(doc: TextDocument): void {
    if (this.features.pullDiagnostics) return; // the client pulls; nothing to push
    void this.settings.get(doc.uri).then((s) => this.push.schedule(doc, s.debounceMs));
  }

  onDidClose(uri: string): void {
    this.analyses.forget(uri);
    this.settings.forget(uri);
    this.push.clear(uri);
  }

  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = doc.version;
    // Let messages already queued behind this request (an edit, a $/cancelRequest) land first:
    // a pull they supersede is answered at once, without analysing a version nobody will see.
    await Promise.resolve();
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    if (doc.version !== version) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
    const items = await this.diagnostics(doc);
    // Superseded by an edit while we waited: tell the client to ask again for the new version.
    if (token.isCancellationRequested || items === undefined || doc.version !== version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'document changed', { retriggerRequest: true });
    }
    return { kind: DocumentDiagnosticReportKind.Full, items };
  }

  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { result } = await this.findings(doc);
    const actions: CodeAction[] = [];
    const only = params.context.only;
    if (wantsKind(only, 'quickfix')) actions.push(...quickFixes(doc, params, result.findings, this.features.documentChanges));
    if (only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(k + '.') || k === 'source')) {
      const all = fixAll(doc, result.findings, this.features.documentChanges);
      if (all) actions.push(all);
    }
    return actions;
  }

  async hover(params: HoverParams): Promise<Hover | null> {
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { result } = await this.findings(doc);
    return hoverAt(result.findings, params.position);
  }

  /** Settings or ignore files changed: forget cached analyses and re-deliver diagnostics. */
  refresh(): void {
    this.analyses.clear();
    this.host.invalidate();
    if (this.features.pullDiagnostics) {
      if (this.features.diagnosticRefresh) void this.connection.languages.diagnostics.refresh();
      return;
    }
    for (const doc of this.documents.all()) this.push.schedule(doc, 0);
  }

  docPath(uri: string): string { return uriToPath(uri); }
}

export { ErrorCodes };
