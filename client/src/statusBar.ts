import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE } from './protocol';

export interface FindingCount { findings: number; files: number; errors: number; warnings: number }

/** Counts secretzero diagnostics over every file VS Code holds diagnostics for. */
export function countFindings(all: readonly [vscode.Uri, readonly vscode.Diagnostic[]][]): FindingCount {
  const c: FindingCount = { findings: 0, files: 0, errors: 0, warnings: 0 };
  for (const [, diagnostics] of all) {
    const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours.length) continue;
    c.files++;
    c.findings += ours.length;
    c.errors += ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    c.warnings += ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
  }
  return c;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The status bar item: the workspace's finding count while the server runs (click: Problems
 * panel), a spinner while it starts, and a warning state when it is not running (click: restart).
 */
export class FindingsStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('secretzero.status', vscode.StatusBarAlignment.Left, -10);
  private readonly subscriptions: vscode.Disposable[] = [];
  private state: State = State.Starting;
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'secretzero';
    this.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => this.schedule()));
    this.render();
    this.item.show();
  }

  setState(state: State): void {
    this.state = state;
    this.render();
  }

  /** Diagnostics change in bursts (a workspace scan publishes file by file): render once per burst. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.render(); }, 100);
  }

  private render(): void {
    const item = this.item;
    if (this.state === State.Stopped) {
      item.text = '$(circle-slash) secretzero: stopped';
      item.tooltip = 'The secretzero language server is not running. Click to restart it.';
      item.command = 'secretzero.restartServer';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      item.accessibilityInformation = { label: 'secretzero: language server stopped, click to restart', role: 'button' };
      return;
    }
    item.backgroundColor = undefined;
    if (this.state === State.Starting) {
      item.text = '$(sync~spin) secretzero';
      item.tooltip = 'The secretzero language server is starting.';
      item.command = 'secretzero.showOutput';
      item.accessibilityInformation = { label: 'secretzero: starting', role: 'button' };
      return;
    }
    const c = countFindings(vscode.languages.getDiagnostics());
    item.text = `$(shield) secretzero: ${c.findings}`;
    item.tooltip = c.findings
      ? `secretzero: ${plural(c.findings, 'finding')} in ${plural(c.files, 'file')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}). Click to open the Problems panel.`
      : 'secretzero: no findings in open or scanned files. Run "secretzero: Scan Workspace" to check every file.';
    item.command = 'workbench.actions.view.problems';
    item.accessibilityInformation = { label: `secretzero: ${plural(c.findings, 'finding')}`, role: 'button' };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
