/**
 * The parts of secretzero's LSP protocol both ends name: the workspace-scan request and the
 * `source` of its diagnostics. Imports nothing, so the VS Code client bundles this file alone
 * (each end builds its `RequestType` from its own vscode-languageserver/-client package).
 */

/** `secretzero/scanWorkspace`: no params besides a work-done token; answers with this. */
export const SCAN_WORKSPACE_METHOD = 'secretzero/scanWorkspace';

export interface ScanWorkspaceResult {
  /** Files walked; open documents count with their live findings, not the on-disk text. */
  files: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  durationMs: number;
  /** Set when the scan read no file: why (everything ignored, skipped, or nothing there). */
  note?: string;
}

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'secretzero';
