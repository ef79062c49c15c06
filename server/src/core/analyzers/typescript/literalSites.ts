import ts from 'typescript';
import { LazyLiteralSite, type LiteralSite } from '../common/literals.js';
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

/** A TypeScript string or template part as a literal site; `LazyLiteralSite` says why a class. */
class TsLiteralSite extends LazyLiteralSite implements TsLiteral {
  readonly value: string;

  constructor(readonly node: TsLiteral['node'], readonly rawText: string, readonly rawStart: number, private readonly held: ts.Node, private readonly owner: ts.Node) {
    super();
    this.value = node.text;
  }

  protected findHolder(): string | undefined { return holderOf(this.held); }
  protected findSymbolPath(): string | undefined { return symbolPathOf(this.owner); }
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
