import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The fixture workspace VS Code was opened on (a fresh copy of test/e2e/workspace). */
const WS = process.env.SZ_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;
const uriOf = (rel: string) => vscode.Uri.file(path.join(WS, rel));
const SECRET = 'sk-proj-Wn4Xq8Lr2Tz6Yb1Kc9MvT3BlbkFJ3Hd7Fs5Gj0Pa2Ue4Rw8Ty6Io1Nq';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'secretzero');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Resolves once `probe` holds, re-checked on every diagnostics change and every 200 ms. */
async function until<T>(probe: () => T | undefined | false, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => { sub.dispose(); resolve(); });
      setTimeout(() => { sub.dispose(); resolve(); }, 200);
    });
  }
}

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function finding(rel: string, rule: string): Promise<vscode.Diagnostic> {
  return until(() => ours(uriOf(rel)).find((d) => codeOf(d) === rule), `${rule} in ${rel}`);
}

export const tests: [string, () => Promise<void>][] = [
  ['the extension activates and contributes its commands', async () => {
    const ext = vscode.extensions.getExtension('secretzero.secretzero');
    assert.ok(ext, 'extension secretzero.secretzero is installed');
    await ext.activate();
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['secretzero.scanWorkspace', 'secretzero.showOutput', 'secretzero.restartServer', 'secretzero.showRuleDocumentation']) {
      assert.ok(commands.includes(c), `${c} registered`);
    }
  }],

  ['a literal secret in .vscode/mcp.json is a diagnostic with a rule link and a masked message', async () => {
    await open('.vscode/mcp.json');
    const d = await finding('.vscode/mcp.json', 'mcp-config-literal-secret');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(!d.message.includes(SECRET));
    assert.ok(typeof d.code === 'object' && d.code.target.scheme === 'file' && d.code.target.path.endsWith('/rules/mcp-config-literal-secret.md'));
    assert.ok(fs.existsSync(d.code.target.fsPath), 'the rule documentation ships with the extension');
  }],

  ['hover on the diagnostic explains the rule and lists the fixes', async () => {
    const d = await finding('.vscode/mcp.json', 'mcp-config-literal-secret');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uriOf('.vscode/mcp.json'), d.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /Literal secret in an MCP client configuration/);
    assert.match(text, /Fixes:/);
  }],

  ['the preferred quick fix writes ${input:…} and a password input', async () => {
    const uri = uriOf('.vscode/mcp.json');
    const d = await finding('.vscode/mcp.json', 'mcp-config-literal-secret');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes('${input:openweather-api-key}'));
    assert.ok(fix?.edit, `fix offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.ok(text.includes('"${input:openweather-api-key}"'));
    assert.match(text, /"id": "openweather-api-key"[^}]*"password": true/);
    assert.ok(!text.includes(SECRET));
    await until(() => !ours(uri).some((d) => codeOf(d) === 'mcp-config-literal-secret'), 'the diagnostic to go away');
  }],

  ['source.fixAll.secretzero applies the safe fix only', async () => {
    const rel = 'src/tls.ts';
    fs.appendFileSync(uriOf(rel).fsPath, "export const apiKey = 'sk-proj-Qm9vX3tZ8rL2wN5pK7jHT3BlbkFJ4gF6dS1aY0uE9iO3bV8cT2xR';\n");
    const doc = await open(rel);
    await finding(rel, 'tls-verification-disabled');
    await finding(rel, 'hardcoded-credential');
    const all = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, all, 'source.fixAll.secretzero');
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.secretzero');
    assert.ok(fixAll?.edit);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.match(doc.getText(), /rejectUnauthorized: true/);
    assert.ok(doc.getText().includes("'sk-proj-Qm9vX3tZ8rL2wN5pK7jHT3BlbkFJ4gF6dS1aY0uE9iO3bV8cT2xR'"), 'the unsafe fix is not part of fix-all');
    await doc.save();
  }],

  ['Scan Workspace publishes diagnostics for files that are not open', async () => {
    const unopened = uriOf('src/config.ts');
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), false);
    await vscode.commands.executeCommand('secretzero.scanWorkspace');
    await finding('src/config.ts', 'hardcoded-credential');
    await finding('Dockerfile', 'dockerfile-arg-secret');
    await finding('src/metadata.ts', 'imdsv1-request');
  }],

  ['Show Rule Documentation opens a rule by id', async () => {
    await vscode.commands.executeCommand('secretzero.showRuleDocumentation', 'imdsv1-request');
    await until(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label.includes('imdsv1-request')), 'the rule preview tab');
  }],
];
