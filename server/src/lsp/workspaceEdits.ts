import { pathToFileURL } from 'node:url';
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Fix, TextEdit } from '../core/types.js';

/**
 * Turns core fixes into an LSP WorkspaceEdit. `documentChanges` (versioned, with CreateFile for
 * new `.gitignore`/`.env` files) when the client supports it; otherwise plain `changes`, in which
 * case fixes that must create a file are not offered (they could not be applied).
 */
export function toWorkspaceEdit(uri: string, version: number, fixes: readonly Fix[], documentChanges: boolean): WorkspaceEdit | undefined {
  const own: TextEdit[] = fixes.flatMap((f) => f.edits);
  const external = fixes.flatMap((f) => f.externalEdits ?? []);
  if (!documentChanges) {
    if (external.some((e) => e.create)) return undefined;
    const changes: Record<string, TextEdit[]> = {};
    if (own.length) changes[uri] = own;
    for (const e of external) (changes[pathToFileURL(e.path).toString()] ??= []).push(...e.edits);
    return { changes };
  }
  const ops: (TextDocumentEdit | CreateFile)[] = [];
  if (own.length) ops.push({ textDocument: { uri, version }, edits: own });
  for (const e of external) {
    const target = pathToFileURL(e.path).toString();
    if (e.create) ops.push({ kind: 'create', uri: target, options: { ignoreIfExists: true } });
    ops.push({ textDocument: { uri: target, version: null }, edits: e.edits });
  }
  return { documentChanges: ops };
}
