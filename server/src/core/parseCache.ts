import ts from 'typescript';

export type ScriptFlavor = 'ts' | 'tsx' | 'js' | 'jsx';

const SCRIPT_KINDS: Record<ScriptFlavor, ts.ScriptKind> = {
  ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX,
};

/**
 * Supplies parse trees. The default parses from scratch; the language server passes one that
 * keeps the previous tree of each open document and updates it incrementally.
 */
export interface ParseCache {
  typescript(path: string, text: string, flavor: ScriptFlavor): ts.SourceFile;
}

export function parseTypeScript(path: string, text: string, flavor: ScriptFlavor): ts.SourceFile {
  // setParentNodes: rules walk up from literals to their holders.
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, SCRIPT_KINDS[flavor]);
}

export const FRESH_PARSE: ParseCache = { typescript: parseTypeScript };
