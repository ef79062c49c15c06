import type { ParseCache, TreeParser } from '../core/parseCache.js';
import { changeIn, changeRange } from '../core/text/changeRange.js';

export { changeRange };

interface Kept { parser: TreeParser<unknown, string>; tree: unknown; text: string; flavor: string }

/**
 * Keeps the last syntax tree of each open document and updates it for the changed span, so a
 * keystroke in a large file reparses a few nodes, not the whole file. Language-neutral: each
 * language's parser says how it updates a tree. The span is found by comparing old and new text.
 */
export class IncrementalParseCache implements ParseCache {
  private readonly trees = new Map<string, Kept>();

  tree<Tree, Flavor extends string>(parser: TreeParser<Tree, Flavor>, path: string, text: string, flavor: Flavor): Tree {
    const previous = this.trees.get(path);
    let tree: Tree;
    if (previous && previous.parser === parser && previous.flavor === flavor) {
      tree = previous.text === text ? previous.tree as Tree : parser.update(previous.tree as Tree, previous.text, text, changeIn(this.documentMemo(path), previous.text, text), flavor);
    } else {
      tree = parser.parse(path, text, flavor);
    }
    this.trees.set(path, { parser: parser as TreeParser<unknown, string>, tree, text, flavor });
    parser.keep?.(tree);
    return tree;
  }

  private readonly memos = new Map<string, Map<string, unknown>>();

  documentMemo(path: string): Map<string, unknown> {
    let memo = this.memos.get(path);
    if (!memo) this.memos.set(path, (memo = new Map()));
    return memo;
  }

  forget(path: string): void {
    this.trees.delete(path);
    this.memos.delete(path);
  }

  /** The workspace or the settings changed: keep the trees, drop what analyses kept beside them. */
  forgetMemos(): void { this.memos.clear(); }
}
