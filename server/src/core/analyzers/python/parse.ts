import { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { TreeParser } from '../../parseCache.js';
import { shiftedOffset, type ChangeRange } from '../../text/changeRange.js';
import { chunkStartsFrom, lineEnd, topLevelChunkStarts } from './topLevelChunks.js';

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
  parse: (_path, text) => joined(text, chunksOf(text, topLevelChunkStarts(text), () => undefined)),
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
    return joined(text, chunksOf(text, startsAfterEdit(previous.chunks, text, change), (from, to) => {
      const old = unchanged.get(from);
      return old && to - from === old.to - old.from ? old.tree : undefined;
    }));
  },
};

/**
 * The chunk starts of the edited text, scanning only from the last chunk whose first line lies
 * before the edit up to the first start past it that the previous text also had (a whole-text scan
 * was 0.2 ms of each keystroke on a 1,000-line module, and grows with the module).
 */
function startsAfterEdit(previous: readonly Chunk[], text: string, change: ChangeRange): number[] {
  const editStart = change.span.start;
  const oldEditEnd = editStart + change.span.length;
  const newEditEnd = editStart + change.newLength;
  const delta = change.newLength - change.span.length;
  let k = previous.length - 1;
  while (k > 0 && !(previous[k].from < editStart && lineEnd(text, previous[k].from) < editStart)) k--;
  const oldStarts = new Set<number>();
  for (let j = k + 1; j < previous.length; j++) if (previous[j].from >= oldEditEnd) oldStarts.add(previous[j].from);
  const { starts, stoppedAt } = chunkStartsFrom(text, previous[k].from, (q) => q >= newEditEnd && oldStarts.has(q - delta));
  const out = previous.slice(0, k).map((c) => c.from).concat(starts);
  if (stoppedAt !== undefined) for (const c of previous) if (c.from >= stoppedAt - delta) out.push(c.from + delta);
  return out;
}

function chunksOf(text: string, starts: readonly number[], kept: (from: number, to: number) => Tree | undefined): Chunk[] {
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
