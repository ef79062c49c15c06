import type { ChangeRange } from './text/changeRange.js';

/**
 * How one language turns text into a tree (each analyzer owns its parser: typescript/parse.ts,
 * python/parse.ts). `update` reuses the previous tree for an edit; parsers without incremental
 * parsing simply parse again.
 */
export interface TreeParser<Tree, Flavor extends string = string> {
  parse(path: string, text: string, flavor: Flavor): Tree;
  update(previous: Tree, previousText: string, text: string, change: ChangeRange, flavor: Flavor): Tree;
  /** Called on trees the language server keeps for the next edit (rules then keep per-statement work). */
  keep?(tree: Tree): void;
}

/**
 * Supplies parse trees. The default parses from scratch; the language server passes one that
 * keeps the previous tree of each open document and updates it incrementally.
 */
export interface ParseCache {
  tree<Tree, Flavor extends string>(parser: TreeParser<Tree, Flavor>, path: string, text: string, flavor: Flavor): Tree;
  /**
   * State an analyzer keeps from one analysis of an open document to the next (the findings of
   * statements a keystroke did not touch), by key. Only the language server's cache has it: a
   * one-shot scan keeps nothing. Dropped with the document's tree, and whenever the workspace or
   * the settings change, since what was kept may depend on them.
   */
  documentMemo?(path: string): Map<string, unknown>;
}

export const FRESH_PARSE: ParseCache = { tree: (parser, path, text, flavor) => parser.parse(path, text, flavor) };
