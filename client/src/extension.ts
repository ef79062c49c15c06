import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/node/serverFlags';
import { registerCommands } from './commands';
import { DOCUMENT_SELECTOR } from './selector';
import { FindingsStatusItem } from './statusBar';

let client: LanguageClient | undefined;

/**
 * Starts the bundled language server. Everything the extension shows comes from the server; the
 * client only adds editor affordances (commands, status bar). Nothing from the workspace is
 * executed and nothing goes to the network: the server only reads files.
 */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] } },
  };
  const watchers = ['**/.gitignore', '**/.dockerignore', '**/.env', '**/.env.*'].map((g) => vscode.workspace.createFileSystemWatcher(g));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'secretzero', fileEvents: watchers },
    diagnosticCollectionName: 'secretzero',
  };
  client = new LanguageClient('secretzero', 'secretzero', serverOptions, clientOptions);

  const status = new FindingsStatusItem();
  context.subscriptions.push(status, client.onDidChangeState((e) => status.setState(e.newState)));
  registerCommands(context, () => client);
  try {
    await client.start();
  } catch (e) {
    // The client already logged why; the status item offers the restart.
    status.setState(State.Stopped);
    client.outputChannel.appendLine(`secretzero: the language server did not start (${e instanceof Error ? e.message : String(e)})`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
