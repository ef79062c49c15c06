import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CancellationTokenSource, RequestType,
  type CancellationToken, type Connection, type TextDocuments, type WorkDoneProgressParams, type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyze } from '../core/analyze.js';
import type { Settings } from '../core/types.js';
import type { NodeHost } from '../node/nodeHost.js';
import { readTextFileAsync } from '../node/readText.js';
import { explainEmptyScan, ignoreFloor, SKIPPED_DIRS, skipByContent, skipByName, walk } from '../node/walk.js';
import { toDiagnostic } from './convert.js';
import { SCAN_WORKSPACE_METHOD, type ScanWorkspaceResult } from './protocol.js';

export type { ScanWorkspaceResult } from './protocol.js';

export interface ScanWorkspaceParams extends WorkDoneProgressParams {}

/**
 * `secretzero/scanWorkspace`: analyse every file of the workspace folders, walked exactly like
 * `secretzero scan` (same ignore rules), and publish diagnostics for the files that are not open
 * so the Problems panel covers the whole workspace. Progress goes to the client's work-done token;
 * cancelling the request stops the walk between files.
 */
export const ScanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>(SCAN_WORKSPACE_METHOD);

export interface ScanDeps {
  host: NodeHost;
  folders(): string[];
  settings(uri: string): Promise<Settings>;
  /** The live finding count of an open document (its diagnostics come from the normal path). */
  openFindings(uri: string): Promise<number>;
  log(message: string): void;
}

/** Time slice between yields to the event loop, so edits, pulls and cancellation stay responsive. */
const SLICE_MS = 15;

/**
 * Owns the diagnostics of files that are NOT open. An open document's diagnostics come from the
 * normal pull/push path; when it opens, the scan's copy is withdrawn (no duplicates), and when it
 * closes the file is re-read from disk so the Problems panel keeps showing it. Once a scan has run,
 * settings and ignore-file changes re-run it quietly so results never go stale.
 */
export class WorkspaceScanner {
  /** URIs this scanner published non-empty diagnostics for. */
  private readonly published = new Set<string>();
  private hasScanned = false;
  private running: CancellationTokenSource | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly deps: () => ScanDeps,
  ) {}

  async scan(params: ScanWorkspaceParams, token: CancellationToken): Promise<ScanWorkspaceResult> {
    const progress = this.connection.window.attachWorkDoneProgress(params.workDoneToken);
    return this.run(token, progress);
  }

  private async run(token: CancellationToken, progress?: WorkDoneProgressReporter): Promise<ScanWorkspaceResult> {
    // A newer scan supersedes a running one.
    this.running?.cancel();
    const own = new CancellationTokenSource();
    this.running = own;
    const sub = token.onCancellationRequested(() => own.cancel());
    const cancelled = () => token.isCancellationRequested || own.token.isCancellationRequested;
    const started = Date.now();
    const deps = this.deps();
    const result: ScanWorkspaceResult = { files: 0, findings: 0, filesWithFindings: 0, cancelled: false, durationMs: 0 };
    try {
      this.hasScanned = true;
      progress?.begin('secretzero: scanning workspace', 0, 'listing files…', true);
      const folders = deps.folders().filter((f) => fs.existsSync(f));
      const settingsByFolder = new Map<string, Settings>();
      for (const f of folders) settingsByFolder.set(f, await deps.settings(URI.file(f).toString()));
      const walked = walk(folders, deps.host);
      const files = walked.files;
      for (const root of walked.ignoredRoots) deps.log(`workspace folder ${root} is excluded by an enclosing .gitignore: scanned with its own ignore files only`);
      const seen = new Set<string>();
      let sliceStart = Date.now();
      for (let i = 0; i < files.length; i++) {
        if (cancelled()) break;
        if (Date.now() - sliceStart > SLICE_MS) {
          await new Promise((r) => setImmediate(r));
          if (cancelled()) break;
          sliceStart = Date.now();
          progress?.report(Math.floor((i / files.length) * 100), `${i}/${files.length} files`);
        }
        const file = files[i];
        const uri = URI.file(file).toString();
        seen.add(uri);
        result.files++;
        const folder = folderOf(file, folders);
        const settings = (folder ? settingsByFolder.get(folder) : undefined) ?? (await deps.settings(uri));
        const n = await this.publishFromDisk(file, uri, settings, deps);
        result.findings += n;
        if (n) result.filesWithFindings++;
      }
      result.cancelled = cancelled();
      result.note = result.cancelled ? undefined : explainEmptyScan(walked, result.files);
      if (!result.cancelled) {
        // Files deleted or newly ignored since the last scan: withdraw what was shown for them.
        for (const uri of [...this.published]) if (!seen.has(uri)) this.withdraw(uri);
      }
    } finally {
      sub.dispose();
      if (this.running === own) this.running = undefined;
      result.durationMs = Date.now() - started;
      progress?.done();
    }
    deps.log(`workspace scan: ${result.findings} findings in ${result.filesWithFindings}/${result.files} files, ${result.durationMs} ms${result.cancelled ? ' (cancelled)' : ''}${result.note ? ` (${result.note})` : ''}`);
    return result;
  }

  /** Analyses one file from disk and publishes its diagnostics unless it is open. Returns the finding count. */
  private async publishFromDisk(file: string, uri: string, settings: Settings, deps: ScanDeps): Promise<number> {
    if (this.documents.get(uri)) {
      // Open: the editor's copy is authoritative and already has its diagnostics; publish nothing.
      return deps.openFindings(uri).catch(() => 0);
    }
    // Regular files up to the size limit only: a link to a pipe or a device would block or never end.
    const read = await readTextFileAsync(file);
    const text = 'text' in read ? read.text : undefined;
    const findings = text === undefined || skipByContent(text) ? [] : analyze({ path: file, text }, settings, {
      host: deps.host,
      onError: (error, analyzer) => deps.log(`analyzer ${analyzer} failed on ${file} (${error instanceof Error ? error.name : typeof error}); generic scan used`),
    }).findings;
    // The document may have been opened while we read it.
    if (this.documents.get(uri)) return deps.openFindings(uri).catch(() => 0);
    if (findings.length) {
      this.published.add(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(f, 0)) });
    } else if (this.published.has(uri)) {
      this.withdraw(uri);
    }
    return findings.length;
  }

  private withdraw(uri: string): void {
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A document opened: its live diagnostics replace the scan's. */
  onDidOpen(uri: string): void {
    if (this.published.has(uri)) this.withdraw(uri);
  }

  /** A document closed: show its on-disk state again, as the scan would. */
  onDidClose(uri: string): void {
    if (!this.hasScanned) return;
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return;
    const deps = this.deps();
    const file = parsed.fsPath;
    if (!isWalked(file, deps.folders(), deps.host)) return;
    void deps.settings(uri).then((s) => this.publishFromDisk(file, uri, s, deps)).catch(() => undefined);
  }

  /** Settings or ignore files changed: re-run a scan the user already asked for, quietly. */
  refresh(): void {
    if (!this.hasScanned) return;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      const none = new CancellationTokenSource();
      void this.run(none.token).catch((e) => this.deps().log(`workspace rescan failed (${e instanceof Error ? e.name : typeof e})`));
    }, 300);
  }

  dispose(): void {
    this.running?.cancel();
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
  }
}

/** The innermost workspace folder holding `file`. */
function folderOf(file: string, folders: readonly string[]): string | undefined {
  return folders.filter((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep)).sort((a, b) => b.length - a.length)[0];
}

/** Whether the workspace walk would visit `file` (same rules as `walk`, for one path). */
function isWalked(file: string, folders: readonly string[], host: NodeHost): boolean {
  const folder = folderOf(file, folders);
  if (!folder || skipByName(file)) return false;
  const dirs = path.relative(folder, path.dirname(file)).split(path.sep).filter(Boolean);
  if (dirs.some((d) => SKIPPED_DIRS.has(d))) return false;
  return !host.isGitIgnored(file, false, ignoreFloor(folder, host));
}
