import { applyEdits } from '../../server/src/core/text/applyEdits.js';
import { LineIndex } from '../../server/src/core/text/lineIndex.js';
import { KNOWN_FORMAT_SECRETS } from './mutate.js';
import type { AnalysisResult, Position, Range, TextEdit, WorkspaceHost } from '../../server/src/core/types.js';

const KNOWN = new Set(KNOWN_FORMAT_SECRETS);

/** One broken property of one analysis. */
export interface Violation { kind: 'threw' | 'slow' | 'range' | 'edit' | 'overlap' | 'apply' | 'external' | 'echo'; detail: string }

/** Whether a position names a real place in the text (not clamped by LineIndex into one). */
function validPosition(index: LineIndex, p: Position): boolean {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
  if (p.line >= index.lineCount) return false;
  return p.character <= index.lineEnd(p.line) - index.lineStart(p.line);
}

function validRange(index: LineIndex, r: Range): boolean {
  return validPosition(index, r.start) && validPosition(index, r.end) && index.offsetAt(r.start) <= index.offsetAt(r.end);
}

/**
 * Whether every occurrence of a secret in the text is a token of its own: a later mutation may
 * have pasted it into an identifier (`STRIPE_KE<secret>Y`), which then no longer holds a secret.
 */
function standsAlone(text: string, secret: string): boolean {
  for (let i = text.indexOf(secret); i !== -1; i = text.indexOf(secret, i + 1)) {
    if (/[A-Za-z0-9]/.test(text.charAt(i - 1)) || /[A-Za-z0-9]/.test(text.charAt(i + secret.length))) return false;
  }
  return true;
}

const show = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/**
 * LSP semantics, written independently of applyEdits: edits are sorted by start, an insertion
 * before a replacement that starts at the same place, insertions at one position in the order
 * the fix lists them; then applied front to back.
 */
export function referenceApply(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const resolved = edits.map((e, i) => ({ s: index.offsetAt(e.range.start), e: index.offsetAt(e.range.end), t: e.newText, i }))
    .sort((a, b) => a.s - b.s || a.e - b.e || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of resolved) { out += text.slice(at, e.s) + e.t; at = Math.max(at, e.e); }
  return out + text.slice(at);
}

/** Edits of one fix against one text: in range, non-overlapping, applicable, and applied as LSP clients apply them. */
export function checkEdits(text: string, edits: readonly TextEdit[], where: string): Violation[] {
  const index = new LineIndex(text);
  const out: Violation[] = [];
  for (const e of edits) {
    if (typeof e.newText !== 'string' || !validRange(index, e.range)) out.push({ kind: 'edit', detail: `${where}: edit ${show(e.range)} outside the document (${index.lineCount} lines)` });
  }
  if (out.length) return out;
  const spans = edits.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i][0] < spans[i - 1][1]) out.push({ kind: 'overlap', detail: `${where}: edits [${spans[i - 1]}] and [${spans[i]}] overlap` });
  }
  if (out.length) return out;
  let applied: string;
  try {
    applied = applyEdits(text, edits);
  } catch (e) {
    return [{ kind: 'apply', detail: `${where}: applyEdits threw ${(e as Error).message}` }];
  }
  if (applied !== referenceApply(text, edits)) out.push({ kind: 'apply', detail: `${where}: applyEdits differs from LSP semantics (insertions at one position reordered?)` });
  return out;
}

/**
 * Every invariant of one analysis result: finding ranges inside the document, fixes that apply,
 * and no message or fix title repeating an inserted known-format secret (`secrets`; others are
 * ignored: a generic password cannot be told from any other word once it is quoted).
 */
export function checkResult(text: string, result: AnalysisResult, opts: { host?: WorkspaceHost; secrets?: readonly string[] } = {}): Violation[] {
  const index = new LineIndex(text);
  const out: Violation[] = [];
  const echoes = (opts.secrets ?? []).filter((s) => KNOWN.has(s) && standsAlone(text, s));
  result.findings.forEach((f, n) => {
    const where = `finding #${n} ${f.ruleId} ${show(f.range)}`;
    if (!validRange(index, f.range)) out.push({ kind: 'range', detail: `${where}: range outside the document (${index.lineCount} lines)` });
    for (const s of echoes) if (f.message.includes(s)) out.push({ kind: 'echo', detail: `${where}: message repeats an inserted secret` });
    f.fixes.forEach((fix, k) => {
      const fw = `${where} fix #${k}`;
      for (const s of echoes) if (fix.title.includes(s)) out.push({ kind: 'echo', detail: `${fw}: title repeats an inserted secret` });
      out.push(...checkEdits(text, fix.edits, fw));
      for (const ext of fix.externalEdits ?? []) {
        const current = opts.host?.readFile(ext.path);
        if (ext.create && current !== undefined) out.push({ kind: 'external', detail: `${fw}: creates ${ext.path}, which exists` });
        if (!ext.create && current === undefined) out.push({ kind: 'external', detail: `${fw}: edits ${ext.path}, which does not exist` });
        out.push(...checkEdits(current ?? '', ext.edits, `${fw} → ${ext.path}`).map((v) => ({ ...v, kind: 'external' as const })));
      }
    });
  });
  return out;
}
