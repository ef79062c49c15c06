import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind, DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND } from './codeActions.js';
import { uriToPath } from './documentAnalysis.js';
import { readClientFeatures, SecretzeroService } from './service.js';
import { ScanWorkspaceRequest, WorkspaceScanner } from './workspaceScan.js';

/**
 * The connection file: binds LSP events to SecretzeroService and nothing else. Runs over stdio
 * (`secretzero-language-server --stdio`), node IPC or sockets, as vscode-languageserver decides
 * from the command line.
 */
export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let service: SecretzeroService | undefined;
  const scanner = new WorkspaceScanner(connection, documents, () => ({
    host: service!.host,
    folders: () => service!.workspaceFolders(),
    settings: (uri) => service!.settings.get(uri),
    openFindings: async (uri) => { const doc = documents.get(uri); return doc ? (await service!.diagnostics(doc))?.length ?? 0 : 0; },
    log: (m) => connection.console.log(m),
  }));

  connection.onInitialize((params) => {
    const features = readClientFeatures(params.capabilities);
    service = new SecretzeroService(connection, documents, features);
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []);
    service.setWorkspaceFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        // Only advertise pull to clients that pull; the others get pushed diagnostics.
        ...(features.pullDiagnostics ? { diagnosticProvider: { identifier: 'secretzero', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'secretzero-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (service?.features.configurationPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'secretzero' });
    // Only clients that manage workspace folders can send changes (or answer for them).
    if (service?.features.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void connection.workspace.getWorkspaceFolders().then((f) => service?.setWorkspaceFolders((f ?? []).map((x) => uriToPath(x.uri))));
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    service?.settings.changed(change.settings);
    service?.refresh();
    scanner.refresh();
  });
  connection.onDidChangeWatchedFiles(() => { service?.refresh(); scanner.refresh(); });

  documents.onDidChangeContent((e) => service?.onDidChangeContent(e.document));
  documents.onDidOpen((e) => scanner.onDidOpen(e.document.uri));
  documents.onDidClose((e) => { service?.onDidClose(e.document.uri); scanner.onDidClose(e.document.uri); });

  connection.languages.diagnostics.on((params, token) => service!.pull(params, token));
  connection.onCodeAction((params) => service!.codeActions(params));
  connection.onHover((params) => service!.hover(params));
  connection.onRequest(ScanWorkspaceRequest, (params, token) => scanner.scan(params, token));
  connection.onShutdown(() => scanner.dispose());

  documents.listen(connection);
  connection.listen();
}
