import { RequestType, type WorkDoneProgressParams } from 'vscode-languageclient';

/** Mirrors server/src/lsp/workspaceScan.ts; the client bundle does not import server code. */
export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  durationMs: number;
}

export const ScanWorkspaceRequest = new RequestType<WorkDoneProgressParams, ScanWorkspaceResult, void>('secretzero/scanWorkspace');

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'secretzero';
