import * as vscode from 'vscode';

export interface RuleInfo { id: string; title: string; severity: string; summary: string; uri: vscode.Uri }

/** Reads the front matter of the rule documents shipped in the extension's `rules/` folder. */
export async function loadRules(extensionUri: vscode.Uri): Promise<RuleInfo[]> {
  const dir = vscode.Uri.joinPath(extensionUri, 'rules');
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const rules: RuleInfo[] = [];
  for (const [name, type] of entries) {
    if (type !== vscode.FileType.File || !name.endsWith('.md')) continue;
    const uri = vscode.Uri.joinPath(dir, name);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
    const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(front)?.[1].trim() ?? '';
    rules.push({ id: field('id') || name.slice(0, -3), title: field('title'), severity: field('severity'), summary: field('summary'), uri });
  }
  return rules.sort((a, b) => a.id.localeCompare(b.id));
}

/** Rule ids of the secretzero diagnostics under the cursor, so the quick pick offers them first. */
function rulesAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const pos = editor.selection.active;
  return vscode.languages.getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'secretzero' && d.range.contains(pos))
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)));
}

/**
 * "secretzero: Show Rule Documentation": a quick pick of the rules (those under the cursor first),
 * then the rule's markdown in the built-in preview. With a rule id argument it opens that rule directly.
 */
export async function showRuleDocumentation(extensionUri: vscode.Uri, ruleId?: string): Promise<void> {
  const rules = await loadRules(extensionUri);
  let rule = ruleId ? rules.find((r) => r.id === ruleId) : undefined;
  if (!rule) {
    const here = new Set(rulesAtCursor());
    const items = rules
      .map((r) => ({ label: r.id, description: `${r.severity} · ${r.title}`, detail: r.summary, rule: r, here: here.has(r.id) }))
      .sort((a, b) => Number(b.here) - Number(a.here));
    const pick = await vscode.window.showQuickPick(items, {
      title: 'secretzero: Show Rule Documentation',
      placeHolder: 'Rule id or title',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    rule = pick?.rule;
  }
  if (!rule) return;
  try {
    await vscode.commands.executeCommand('markdown.showPreview', rule.uri);
  } catch {
    // The markdown extension can be disabled: fall back to the source.
    await vscode.window.showTextDocument(rule.uri, { preview: true });
  }
}
