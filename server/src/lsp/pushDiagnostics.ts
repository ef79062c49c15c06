import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Push mode (clients without pull diagnostics, e.g. Neovim 0.7): publish after a short quiet
 * period so a burst of keystrokes costs one analysis. A publish always carries the version it was
 * computed for, and a newer edit cancels the pending one.
 */
export class PushScheduler {
  /** Cancels the pending publish of each document. */
  private readonly pending = new Map<string, () => void>();

  constructor(
    private readonly connection: Connection,
    private readonly compute: (doc: TextDocument) => Promise<import('vscode-languageserver').Diagnostic[] | undefined>,
  ) {}

  schedule(doc: TextDocument, debounceMs: number): void {
    this.cancel(doc.uri);
    const run = () => { this.pending.delete(doc.uri); void this.publish(doc); };
    // No debounce: still wait one turn of the event loop, so changes already queued behind this
    // one supersede it instead of each costing an analysis nobody will see.
    if (debounceMs <= 0) {
      const immediate = setImmediate(run);
      this.pending.set(doc.uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, debounceMs);
      this.pending.set(doc.uri, () => clearTimeout(timer));
    }
  }

  async publish(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const diagnostics = await this.compute(doc);
    // A newer version arrived while settings were fetched: its own publish will follow.
    if (diagnostics === undefined || doc.version !== version) return;
    await this.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
