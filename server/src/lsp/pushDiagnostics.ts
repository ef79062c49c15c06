import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Push mode (clients without pull diagnostics, e.g. Neovim 0.7): publish after a short quiet
 * period so a burst of keystrokes costs one analysis. A publish always carries the version it was
 * computed for, and a newer edit cancels the pending one.
 */
export class PushScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly compute: (doc: TextDocument) => Promise<import('vscode-languageserver').Diagnostic[] | undefined>,
  ) {}

  schedule(doc: TextDocument, debounceMs: number): void {
    this.cancel(doc.uri);
    const run = () => { this.timers.delete(doc.uri); void this.publish(doc); };
    if (debounceMs <= 0) { run(); return; }
    this.timers.set(doc.uri, setTimeout(run, debounceMs));
  }

  async publish(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const diagnostics = await this.compute(doc);
    // A newer version arrived while settings were fetched: its own publish will follow.
    if (diagnostics === undefined || doc.version !== version) return;
    await this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
