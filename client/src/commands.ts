import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { showRuleDocumentation } from './ruleDocs';
import { scanWorkspace } from './workspaceScan';

/** The extension's commands (package.json `contributes.commands` declares the same ids). */
export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const withClient = (run: (c: LanguageClient) => unknown) => () => {
    const c = client();
    if (!c) { void vscode.window.showWarningMessage('secretzero: the language server is not available.'); return undefined; }
    return run(c);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('secretzero.scanWorkspace', withClient((c) => scanWorkspace(c).catch((e: unknown) => {
      void vscode.window.showErrorMessage(`secretzero: workspace scan failed: ${e instanceof Error ? e.message : String(e)}`);
    }))),
    vscode.commands.registerCommand('secretzero.showOutput', withClient((c) => c.outputChannel.show(true))),
    vscode.commands.registerCommand('secretzero.restartServer', withClient(async (c) => {
      await c.restart();
      c.outputChannel.appendLine('secretzero: language server restarted');
    })),
    vscode.commands.registerCommand('secretzero.showRuleDocumentation', (ruleId?: unknown) =>
      showRuleDocumentation(context.extensionUri, typeof ruleId === 'string' ? ruleId : undefined)),
  );
}
