import ts from 'typescript';
import { parseTypeScript, type ParseCache, type ScriptFlavor } from '../core/parseCache.js';

/**
 * Keeps the last syntax tree of each open document and updates it with `ts.updateSourceFile`
 * for the changed span, so a keystroke in a large file reparses a few nodes, not the whole file.
 * The span is found by comparing old and new text (common prefix and suffix): cheaper and more
 * robust than replaying LSP change events, which may be batched or out of order.
 */
export class IncrementalParseCache implements ParseCache {
  private readonly trees = new Map<string, ts.SourceFile>();

  typescript(path: string, text: string, flavor: ScriptFlavor): ts.SourceFile {
    const previous = this.trees.get(path);
    let sf: ts.SourceFile;
    if (!previous || previous.text === text) sf = previous ?? parseTypeScript(path, text, flavor);
    else sf = ts.updateSourceFile(previous, text, changeRange(previous.text, text));
    this.trees.set(path, sf);
    return sf;
  }

  forget(path: string): void { this.trees.delete(path); }
}

export function changeRange(oldText: string, newText: string): ts.TextChangeRange {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  return { span: { start: prefix, length: oldText.length - prefix - suffix }, newLength: newText.length - prefix - suffix };
}
