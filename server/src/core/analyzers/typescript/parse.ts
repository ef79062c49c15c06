import ts from 'typescript';
import type { TreeParser } from '../../parseCache.js';

export type ScriptFlavor = 'ts' | 'tsx' | 'js' | 'jsx';

const SCRIPT_KINDS: Record<ScriptFlavor, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX,
};

/**
 * No rule reads JSDoc (suppression comments are found in the text), so comments are not parsed
 * into JSDoc trees: as TypeScript's language service does for files it only needs the syntax of.
 * `ts.updateSourceFile` keeps the mode of the tree it updates.
 */
export const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

export function parseTypeScript(path: string, text: string, flavor: ScriptFlavor): ts.SourceFile {
  // Rules walk up from literals to their holders, so every node needs its parent. TypeScript's own
  // `setParentNodes` pass queues an array per node and cost a quarter of the parse (CPU profile,
  // bench/README.md); this single walk sets the same pointers for much less.
  const sf = ts.createSourceFile(path, text, PARSE_OPTIONS, false, SCRIPT_KINDS[flavor]);
  setParents(sf);
  return sf;
}

type Mutable = { parent: ts.Node; jsDoc?: ts.Node[] };

/**
 * Sets `parent` on every node under `root`, JSDoc included, as `setParentNodes` would. Iterative:
 * a generated 20,000-term `a + b + …` chain must not overflow the stack.
 */
export function setParents(root: ts.Node): void {
  const stack: ts.Node[] = [root];
  let parent: ts.Node = root;
  const bind = (child: ts.Node): undefined => {
    (child as unknown as Mutable).parent = parent;
    stack.push(child);
    return undefined;
  };
  while (stack.length) {
    const n = stack.pop()!;
    parent = n;
    ts.forEachChild(n, bind);
    const docs = (n as unknown as Mutable).jsDoc;
    if (docs) for (const d of docs) bind(d);
  }
}

const keptForEdits = new WeakSet<ts.SourceFile>();

/**
 * Marks a tree that will be updated with `ts.updateSourceFile` on the next edit (the language
 * server's open documents): analyses of such trees remember per-statement work for the next
 * keystroke. A one-shot scan never marks its trees, so it pays nothing for that bookkeeping.
 */
export function keepForEdits(sf: ts.SourceFile): void { keptForEdits.add(sf); }

export function isKeptForEdits(sf: ts.SourceFile): boolean { return keptForEdits.has(sf); }

/** `ts.updateSourceFile` reparses only the statements the edit touched and keeps the rest. */
export const TYPESCRIPT_PARSER: TreeParser<ts.SourceFile, ScriptFlavor> = {
  parse: parseTypeScript,
  update: (previous, _previousText, text, change) => ts.updateSourceFile(previous, text, change),
  keep: keepForEdits,
};
