import { TreeFragment, type Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { TreeParser } from '../../parseCache.js';

/**
 * Python is parsed with @lezer/python: pure JavaScript (nothing native, nothing in WASM), error
 * tolerant (an unfinished `def` keeps its name and parameters), incremental. Chosen over
 * web-tree-sitter on recovery and size (bench/python-parsers/README.md).
 */
export interface PythonTree {
  tree: Tree;
  /** Reusable pieces of `tree` for the next edit (kept only for trees the language server keeps). */
  fragments?: readonly TreeFragment[];
}

export type PythonFlavor = 'py' | 'pyi';

export const PYTHON_PARSER: TreeParser<PythonTree, PythonFlavor> = {
  parse: (_path, text) => ({ tree: parser.parse(text) }),
  update(previous, _previousText, text, change) {
    const base = previous.fragments ?? TreeFragment.addTree(previous.tree);
    const fromA = change.span.start;
    const fragments = TreeFragment.applyChanges(base, [{ fromA, toA: fromA + change.span.length, fromB: fromA, toB: fromA + change.newLength }]);
    const tree = parser.parse(text, fragments);
    // The new tree's pieces join the old ones still valid, as lezer's editors keep them.
    return { tree, fragments: TreeFragment.addTree(tree, fragments) };
  },
  keep(t) {
    // Fragments are only worth building for a tree that will see another edit.
    if (!t.fragments) (t as { fragments?: readonly TreeFragment[] }).fragments = TreeFragment.addTree(t.tree);
  },
};
