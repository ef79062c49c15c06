import ts from 'typescript';
import type { LiteralSite } from '../common/literals.js';
import { fileIndexOf } from './dataflow/fileIndex.js';
import { holderOf, symbolPathOf } from './syntax.js';

/** A string-ish literal in TS/JS with the node it came from (for fixes that rewrite it). */
export interface TsLiteral extends LiteralSite {
  node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail;
}

/**
 * Every string and template literal part of a file, with the name that holds it. Template parts
 * are reported separately so `${…}` expressions are never mistaken for literal text. `keep`, when
 * given, drops literals by their value before anything else is worked out for them.
 */
export function collectLiterals(sf: ts.SourceFile, keep?: (value: string) => boolean): TsLiteral[] {
  const out: TsLiteral[] = [];
  // The data-flow file index already walks every node once; take its literal list rather than
  // walking the tree a second time (the walk was half of this rule's cost).
  for (const n of fileIndexOf(sf).literals) {
    if (keep && !keep(n.text)) continue;
    if (ts.isImportDeclaration(n.parent) || ts.isExportDeclaration(n.parent) || ts.isExternalModuleReference(n.parent)) continue;
    if (ts.isLiteralTypeNode(n.parent)) continue;
    const start = n.getStart(sf);
    const end = n.getEnd();
    const rawText = sf.text.slice(start, end);
    const owner = ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n) ? n.parent.parent ?? n.parent : n;
    const held = ts.isTemplateHead(n) ? n.parent : ts.isTemplateMiddle(n) || ts.isTemplateTail(n) ? n.parent.parent : n;
    out.push(new TsLiteralSite(n, innerRaw(n, rawText), start, held, owner));
  }
  return out;
}

/**
 * A literal whose holder and symbol path are computed on first read: most literals are too short
 * to judge or never reported, and climbing to the root for each one cost more than the walk
 * itself. A class, not an object literal with `get` closures: V8 gives each such literal its own
 * hidden class, allocated outside the young generation, whose accessors kept the keystroke's tree
 * alive through young-generation collections (python/literalSites.ts, bench/README.md).
 */
class TsLiteralSite implements TsLiteral {
  readonly quoted = true;
  readonly value: string;
  private heldBy: string | undefined | null = null;
  private path: string | undefined | null = null;

  constructor(readonly node: TsLiteral['node'], readonly rawText: string, readonly rawStart: number, private readonly held: ts.Node, private readonly owner: ts.Node) {
    this.value = node.text;
  }

  get holder(): string | undefined {
    if (this.heldBy === null) this.heldBy = holderOf(this.held);
    return this.heldBy;
  }

  get symbolPath(): string | undefined {
    if (this.path === null) this.path = symbolPathOf(this.owner);
    return this.path;
  }
}

/**
 * Template parts are delimited by `` ` ``/`${`/`}`; present them as a "quoted" raw text whose
 * first and last character are delimiters, so offset mapping treats all literals alike.
 */
function innerRaw(n: ts.Node, raw: string): string {
  if (ts.isTemplateHead(n)) return raw.slice(0, -1); // `…${  -> `…$ : drop one char so slice(1,-1) is the text
  if (ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) return raw.startsWith('}') ? raw.slice(0, ts.isTemplateMiddle(n) ? -1 : undefined) : raw;
  return raw;
}
