import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER_BIN = path.resolve(__dirname, '..', '..', 'bin', 'secretzero-language-server.js');

export interface PublishedDiagnostics { uri: string; version?: number; diagnostics: any[] }

/**
 * A real LSP client over stdio for tests: spawns the built server, speaks JSON-RPC, records
 * pushed diagnostics and log messages, and answers workspace/configuration from `settings`.
 */
export class TestLspClient {
  readonly connection: MessageConnection;
  readonly proc: ChildProcess;
  readonly published = new Map<string, PublishedDiagnostics>();
  /** Every publish, in arrival order (`published` keeps the last per document). */
  readonly publishes: PublishedDiagnostics[] = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown> = {};
  stderr = '';
  private waiters: (() => void)[] = [];
  private versions = new Map<string, number>();

  /**
   * `serverBin`: another install of the server (the packed tarball's) instead of this checkout's;
   * `nodeFlags`: flags for the Node process running it (the extension's, `SERVER_NODE_FLAGS`).
   */
  constructor(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env, serverBin = SERVER_BIN, nodeFlags: readonly string[] = []) {
    this.proc = spawn(process.execPath, [...nodeFlags, serverBin, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.proc.stderr!.on('data', (d) => { this.stderr += d.toString(); });
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      this.publishes.push(p);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => { this.refreshes++; this.notify(); return null; });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  refreshes = 0;

  private notify() { const w = this.waiters; this.waiters = []; w.forEach((f) => f()); }

  /** Resolves when `predicate` holds, re-checked on every notification; rejects after `ms`. */
  waitFor<T>(predicate: () => T | undefined | false, ms = 10_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      const check = () => {
        const v = predicate();
        if (v) { clearTimeout(timer); resolve(v); } else this.waiters.push(check);
      };
      check();
    });
  }

  async initialize(opts: { pull: boolean; configuration?: boolean; rootPath?: string; documentChanges?: boolean }) {
    const capabilities: any = {
      workspace: {
        configuration: opts.configuration ?? true,
        workspaceEdit: opts.documentChanges === false ? {} : { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
        diagnostics: { refreshSupport: true },
        didChangeConfiguration: { dynamicRegistration: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    const root = opts.rootPath ? pathToFileURL(opts.rootPath).toString() : null;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid, rootUri: root, capabilities,
      workspaceFolders: root ? [{ uri: root, name: 'ws' }] : null,
    });
    await this.connection.sendNotification('initialized', {});
    return result as any;
  }

  open(filePath: string, text: string, languageId = 'plaintext'): string {
    const uri = pathToFileURL(filePath).toString();
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Incremental change; returns the new version. */
  change(uri: string, changes: { range?: any; text: string }[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  close(uri: string) { void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } }); }

  pull(uri: string): Promise<any> { return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }); }

  codeActions(uri: string, range: any, diagnostics: any[], only?: string[]): Promise<any[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  hover(uri: string, position: any): Promise<any> { return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }); }

  async changeConfiguration(settings: Record<string, unknown>) {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { secretzero: settings } });
  }

  async shutdown() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch { /* already gone */ }
    this.connection.dispose();
    this.proc.kill();
  }
}

/** Applies a WorkspaceEdit's edits for one document (documentChanges or changes) to its text. */
export function editsFor(edit: any, uri: string): any[] {
  if (edit.documentChanges) return edit.documentChanges.filter((c: any) => c.textDocument?.uri === uri).flatMap((c: any) => c.edits);
  return edit.changes?.[uri] ?? [];
}
