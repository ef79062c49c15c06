import type { AnalysisContext } from '../../context.js';
import type { TextEdit } from '../../../types.js';
import type { RuleId } from '../../../rules/index.js';
import type { Message } from '../../../secrets/message.js';
import { symbolPathOf } from '../literalSites.js';
import { REDACTED } from '../../common/wording/redaction.js';
import { resolvedPath, scopeOf, valuesOf, type PyFileIndex } from '../fileIndex.js';
import type { PySecretSource } from '../flow.js';
import { pyQuote } from '../pyEdits.js';
import { splitString } from '../strings.js';
import { callOf, children, dictEntriesOf, forEachNode, lastName, namedChildren, objectOf, textOf, type PyNode } from '../syntax.js';

/**
 * Where a secret sits inside an expression a rule reports (a log argument, a tool's return value):
 * the smallest sub-expressions that carry it, so the range is precise and the fix replaces only
 * the secret. The judgement itself (is this a secret, and why) is the flow's (`sourceOf`).
 */
export interface PySecretSite {
  /** The node reported and replaced: the expression, or the `{…}` replacement of an f-string. */
  node: PyNode;
  /** The expression that carries the secret. */
  expr: PyNode;
  shape: 'expression' | 'replacement' | 'spread';
  source: PySecretSource;
}

export type PySourceOf = (n: PyNode) => PySecretSource | undefined;

export interface SiteOptions {
  /** Calls whose arguments are all part of the value (`types.TextContent(text=…)`, `dict(…)`). */
  containerCall?: (name: string) => boolean;
  /** Read through a local name bound once to a literal (`result = {…}; return result`). */
  followLocalLiterals?: boolean;
}

/** Calls that build text from their receiver and arguments (the flow reads through the same ones). */
const TEXT_CALLS = /^(format|join|replace|strip|lstrip|rstrip|encode|decode|upper|lower|str|repr|bytes|b64encode|urlsafe_b64encode|dumps|quote|quote_plus|urlencode)$/;

const LITERALS = new Set(['DictionaryExpression', 'ArrayExpression', 'TupleExpression', 'SetExpression', 'FormatString']);

export function secretSitesIn(idx: PyFileIndex, expr: PyNode, sourceOf: PySourceOf, opts: SiteOptions = {}): PySecretSite[] {
  const leaf = (e: PyNode, shape: PySecretSite['shape'] = 'expression'): PySecretSite[] => {
    const source = sourceOf(e);
    return source ? [{ node: e, expr: e, shape, source }] : [];
  };
  const walk = (e: PyNode, depth: number): PySecretSite[] => {
    if (depth > 8) return leaf(e);
    const inner = (nodes: PyNode[]) => nodes.flatMap((c) => walk(c, depth + 1));
    const orLeaf = (found: PySecretSite[]) => (found.length ? found : leaf(e));
    switch (e.name) {
      case 'ParenthesizedExpression': return orLeaf(inner(namedChildren(e)));
      case 'FormatString': {
        const out: PySecretSite[] = [];
        for (let r = e.firstChild; r; r = r.nextSibling) {
          if (r.name !== 'FormatReplacement') continue;
          for (const v of namedChildren(r).filter((c) => c.name !== 'FormatConversion' && c.name !== 'FormatSpec')) {
            for (const s of walk(v, depth + 1)) out.push(s.node.from === v.from && s.node.to === v.to ? { ...s, node: r, shape: 'replacement' } : s);
          }
        }
        return out;
      }
      case 'BinaryExpression': {
        const op = children(e).find((c) => !/^[A-Z]/.test(c.name) || /Op$/.test(c.name));
        const t = op ? textOf(idx.src, op) : '';
        if (t !== '+' && t !== '%' && t !== 'or') return [];
        return orLeaf(inner(namedChildren(e).filter((c) => !/Op$/.test(c.name))));
      }
      case 'ConditionalExpression': return inner(namedChildren(e).filter((_, i) => i !== 1));
      case 'DictionaryExpression': {
        const kids = children(e);
        const out: PySecretSite[] = [];
        kids.forEach((k, i) => { if (k.name === '**' && kids[i + 1]) out.push(...leaf(kids[i + 1], 'spread')); });
        for (const entry of dictEntriesOf(e)) out.push(...walk(entry.value, depth + 1));
        return out;
      }
      case 'ArrayExpression': case 'TupleExpression': case 'SetExpression': return inner(namedChildren(e));
      case 'CallExpression': {
        const call = callOf(idx.src, e)!;
        const name = lastName(resolvedPath(idx, call.callee)) ?? '';
        const recv = call.callee.name === 'MemberExpression' ? objectOf(call.callee) : undefined;
        if (TEXT_CALLS.test(name) || opts.containerCall?.(name)) {
          const parts = call.args.filter((a) => !a.star).map((a) => a.value);
          if (recv && TEXT_CALLS.test(name)) parts.push(recv);
          return orLeaf(inner(parts));
        }
        return leaf(e);
      }
      case 'VariableName': {
        if (opts.followLocalLiterals) {
          const values = valuesOf(idx, textOf(idx.src, e), e).filter((v) => v.from !== e.from);
          if (values.length === 1 && LITERALS.has(values[0].name) && scopeOf(values[0]) === scopeOf(e)) return orLeaf(walk(values[0], depth + 1));
        }
        return leaf(e);
      }
      default: return leaf(e);
    }
  };
  const seen = new Set<number>();
  return walk(expr, 0).filter((s) => (seen.has(s.node.from) ? false : (seen.add(s.node.from), true)));
}

/** The innermost f-string around `n`, if any: a literal put inside must not use its quote (before Python 3.12). */
export function enclosingFormatString(n: PyNode): PyNode | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (p.name === 'FormatString') return p;
    if (p.name.endsWith('Statement') || p.name === 'Body') return undefined;
  }
  return undefined;
}

/** A quote usable at `n`: the file's own, or the other one inside an f-string that uses it. */
export function quoteAt(idx: PyFileIndex, n: PyNode): '"' | "'" | undefined {
  const want = pyQuote(idx) as '"' | "'";
  const fs = enclosingFormatString(n);
  if (!fs) return want;
  const q = splitString(idx.src, fs)?.quote ?? '"';
  if (q.length === 3) return undefined; // nested triple quotes: leave it to the user
  return q === want ? (want === '"' ? "'" : '"') : want;
}

/**
 * The edit that puts the redaction where a site is: an expression becomes `"[REDACTED]"`, an
 * f-string replacement `{api_key}` becomes the text `[REDACTED]` (and the `f` goes when no other
 * replacement is left). Undefined for a `**spread`, which has no one-token replacement.
 */
export function redactionEdits(ctx: AnalysisContext, idx: PyFileIndex, site: PySecretSite): TextEdit[] | undefined {
  if (site.shape === 'spread') return undefined;
  if (site.shape === 'replacement') {
    const fs = site.node.parent!;
    const edits = [ctx.edit(site.node.from, site.node.to, REDACTED)];
    const others = children(fs).filter((c) => c.name === 'FormatReplacement' && c.from !== site.node.from);
    const parts = splitString(idx.src, fs);
    if (parts && !others.length && !/\{\{|\}\}/.test(parts.body)) {
      const at = fs.from + parts.prefix.search(/[fF]/);
      edits.unshift(ctx.edit(at, at + 1, ''));
    }
    return edits;
  }
  const q = quoteAt(idx, site.node);
  return q ? [ctx.edit(site.node.from, site.node.to, `${q}${REDACTED}${q}`)] : undefined;
}

/** Reads that drop nothing when replaced: string methods, `str()`, environment reads. */
const PURE_CALLS = /^(str|repr|format|join|replace|strip|lstrip|rstrip|encode|decode|upper|lower|split|rsplit|partition|removeprefix|removesuffix|dumps|b64encode|urlsafe_b64encode|quote|quote_plus)$/;

/**
 * Whether replacing the site would drop something the program does besides producing the value:
 * a call (a secrets-manager read, `get_key()`), an `await`, a `:=` assignment, a `yield`.
 */
export function replacingDropsEffects(idx: PyFileIndex, site: PySecretSite): boolean {
  let effect = false;
  forEachNode(site.expr, (n) => {
    if (effect || n.name === 'LambdaExpression') return false;
    if (n.name === 'CallExpression') {
      const path = resolvedPath(idx, n.firstChild) ?? '';
      if (!PURE_CALLS.test(lastName(path) ?? '') && !/^os\.(getenv|environ\.get)$/.test(path)) effect = true;
    } else if (n.name === 'AwaitExpression' || n.name === 'NamedExpression' || n.name === 'YieldExpression') {
      effect = true;
    }
    return undefined;
  });
  return effect;
}

/**
 * One finding at a secret site whose fix puts `"[REDACTED]"` where the secret was (secret-logged,
 * secret-in-tool-output): the rules differ only in their words and in how safe the change is.
 */
export function reportRedactableSite(ctx: AnalysisContext, idx: PyFileIndex, site: PySecretSite, d: {
  ruleId: RuleId; message: Message; fingerprintSource: string; fixTitle: string; applicability: 'safe' | 'unsafe';
}): void {
  const edits = redactionEdits(ctx, idx, site);
  ctx.report({
    ruleId: d.ruleId,
    start: site.node.from,
    end: site.node.to,
    message: d.message,
    fingerprintSource: d.fingerprintSource,
    symbolPath: symbolPathOf(idx.src, site.node),
    fixes: edits ? [{ title: d.fixTitle, applicability: d.applicability, isPreferred: true, edits }] : [],
  });
}
