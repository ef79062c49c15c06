import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import { ScanWorkspaceRequest, type ScanWorkspaceResult } from './protocol';

/**
 * "secretzero: Scan Workspace": the server walks the workspace folders (same ignore rules as the
 * CLI) and publishes diagnostics for files that are not open. The notification shows the server's
 * file count; its Cancel button cancels the request, which stops the walk.
 */
export async function scanWorkspace(client: LanguageClient): Promise<ScanWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('secretzero: open a folder to scan a workspace.');
    return undefined;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'secretzero: scanning workspace', cancellable: true },
    async (progress, token) => {
      const workDoneToken = randomUUID();
      let reported = 0;
      const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const v = value as WorkDoneProgressBegin | WorkDoneProgressReport;
        const pct = v.percentage ?? reported;
        progress.report({ message: v.message, increment: Math.max(0, pct - reported) });
        reported = Math.max(reported, pct);
      });
      try {
        return await client.sendRequest(ScanWorkspaceRequest, { workDoneToken }, token);
      } finally {
        sub.dispose();
      }
    },
  );
  const summary = result.cancelled
    ? `secretzero: scan cancelled after ${result.files} files (${result.findings} findings so far).`
    : `secretzero: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${result.filesWithFindings} of ${result.files} files.`;
  client.outputChannel.appendLine(summary);
  if (result.note) {
    // Nothing was read: say why, so an empty Problems panel is never taken for a clean workspace.
    client.outputChannel.appendLine(`secretzero: ${result.note}`);
    void vscode.window.showWarningMessage(`secretzero: ${result.note}.`);
  } else if (result.findings > 0 && !result.cancelled) {
    void vscode.window.showInformationMessage(summary, 'Show Problems').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  } else {
    vscode.window.setStatusBarMessage(summary, 5000);
  }
  return result;
}
