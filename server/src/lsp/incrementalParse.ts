import ts from 'typescript';
import { keepForEdits, parseTypeScript, type ParseCache, type ScriptFlavor } from '../core/parseCache.js';

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
    keepForEdits(sf);
    return sf;
  }

  forget(path: string): void { this.trees.delete(path); }
}

/** Characters compared per step: a block compare of two sliced strings is a native memcmp. */
const BLOCK = 2048;

/**
 * The one changed span between two versions: the common prefix and suffix, found block by block
 * (a char-by-char scan over a 10,000-line file was ~2.6 ms of every keystroke in a CPU profile),
 * then character by character inside the first differing block.
 */
export function changeRange(oldText: string, newText: string): ts.TextChangeRange {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && oldText.substring(prefix, prefix + BLOCK) === newText.substring(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  const room = max - prefix; // the suffix may not overlap the prefix in either text
  const oldEnd = oldText.length;
  const newEnd = newText.length;
  let suffix = 0;
  while (suffix + BLOCK <= room && oldText.substring(oldEnd - suffix - BLOCK, oldEnd - suffix) === newText.substring(newEnd - suffix - BLOCK, newEnd - suffix)) suffix += BLOCK;
  while (suffix < room && oldText.charCodeAt(oldEnd - 1 - suffix) === newText.charCodeAt(newEnd - 1 - suffix)) suffix++;
  return { span: { start: prefix, length: oldEnd - prefix - suffix }, newLength: newEnd - prefix - suffix };
}
