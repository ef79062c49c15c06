import { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { TreeParser } from '../../parseCache.js';
import { shiftedOffset } from '../../text/changeRange.js';
import { topLevelChunkStarts } from './topLevelChunks.js';

/**
 * Python is parsed with @lezer/python: pure JavaScript (nothing native, nothing in WASM), error
 * tolerant (an unfinished `def` keeps its name and parameters). Chosen over web-tree-sitter on
 * recovery and size (bench/python-parsers/README.md).
 *
 * The module is parsed one top-level statement at a time (topLevelChunks.ts) and the pieces are
 * joined under one `Script` node. In valid code that is the tree a whole-file parse gives (all
 * but one of the dev corpus's 7,749 files; the one is a 55 kB class where lezer's own limit on
 * long reductions cuts the body at a different place). It is what makes keystrokes cheap: lezer's
 * recovery from a broken line can leave its indentation context out of step for the rest of the
 * file, and then its incremental parse reuses nothing after the edit (a digit typed in a field's
 * indentation re-parsed the whole 1,000-line file: 20 ms). Here an edit parses again only the
 * chunks it touches, and whatever a broken line does stays in its own chunk.
 */
export interface PythonTree {
  tree: Tree;
  /** Where each chunk starts, and its own parse (positions from the chunk's start). */
  chunks: readonly Chunk[];
}

interface Chunk {
  from: number;
  to: number;
  tree: Tree;
}

export type PythonFlavor = 'py' | 'pyi';

export const PYTHON_PARSER: TreeParser<PythonTree, PythonFlavor> = {
  parse: (_path, text) => joined(text, chunksOf(text, () => undefined)),
  update(previous, _previousText, text, change) {
    // A chunk wholly before or wholly after the edited span has the same text in the new version,
    // at the same place or shifted by the edit's length: if the new text has a chunk right there,
    // its parse is kept.
    const editStart = change.span.start;
    const editEnd = editStart + change.span.length;
    const unchanged = new Map<number, Chunk>();
    for (const c of previous.chunks) {
      if (c.to <= editStart) unchanged.set(c.from, c);
      else if (c.from >= editEnd) unchanged.set(shiftedOffset(change, c.from), c);
    }
    return joined(text, chunksOf(text, (from, to) => {
      const old = unchanged.get(from);
      return old && to - from === old.to - old.from ? old.tree : undefined;
    }));
  },
};

function chunksOf(text: string, kept: (from: number, to: number) => Tree | undefined): Chunk[] {
  const starts = topLevelChunkStarts(text);
  const chunks: Chunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i];
    const to = i + 1 < starts.length ? starts[i + 1] : text.length;
    chunks.push({ from, to, tree: kept(from, to) ?? parser.parse(text.slice(from, to)) });
  }
  return chunks;
}

function joined(text: string, chunks: Chunk[]): PythonTree {
  if (chunks.length === 1) return { tree: chunks[0].tree, chunks };
  const children: (Tree | Tree['children'][number])[] = [];
  const positions: number[] = [];
  for (const chunk of chunks) {
    const { tree } = chunk;
    for (let i = 0; i < tree.children.length; i++) {
      children.push(tree.children[i]);
      positions.push(chunk.from + tree.positions[i]);
    }
  }
  const script = chunks[0].tree.type;
  return { tree: new Tree(script, children, positions, text.length).balance(), chunks };
}
