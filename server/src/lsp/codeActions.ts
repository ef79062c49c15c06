import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { classify, languageOf } from '../core/classify.js';
import type { Finding, Fix } from '../core/types.js';
import type { DiagnosticData } from './convert.js';
import { DIAGNOSTIC_SOURCE } from './protocol.js';
import { uriToPath } from './documentAnalysis.js';
import { toWorkspaceEdit } from './workspaceEdits.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.secretzero`;

const sameRange = (a: Finding['range'], b: Diagnostic['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

function matchFinding(findings: readonly Finding[], d: Diagnostic): Finding | undefined {
  const data = d.data as DiagnosticData | undefined;
  return findings.find((f) => f.ruleId === d.code && sameRange(f.range, d.range) && (!data || data.fingerprint === f.fingerprint));
}

/** The comment a suppression is written as (the language table's), or undefined where none can be (JSON). */
function suppressionComment(doc: TextDocument, ruleId: string): string | undefined {
  const path = uriToPath(doc.uri);
  return languageOf(classify(path, doc.languageId), path)?.suppression?.(ruleId);
}

function suppressAction(doc: TextDocument, d: Diagnostic, ruleId: string, documentChanges: boolean): CodeAction | undefined {
  const comment = suppressionComment(doc, ruleId);
  if (!comment) return undefined;
  const line = d.range.start.line;
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line, character: 10_000 } });
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  const reason = comment.endsWith('-- ') ? 'reason' : '';
  const title = `secretzero: Suppress ${ruleId} on this line`;
  // Versioned like the fixes: a client that edited meanwhile must not insert the comment on another line.
  const edits = [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}${reason}\n` }];
  const edit = toWorkspaceEdit(doc.uri, doc.version, [{ title, applicability: 'safe', edits }], documentChanges);
  return edit ? { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit } : undefined;
}

function fixAction(doc: TextDocument, d: Diagnostic, fix: Fix, documentChanges: boolean): CodeAction | undefined {
  const edit = toWorkspaceEdit(doc.uri, doc.version, [fix], documentChanges);
  if (!edit) return undefined;
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.isPreferred === true, edit };
}

/** Quick fixes for the diagnostics in the request, then a suppression action for each. */
export function quickFixes(doc: TextDocument, params: CodeActionParams, findings: readonly Finding[], documentChanges: boolean): CodeAction[] {
  const actions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
    // No finding of this version matches: the diagnostic is from an older version, its line may have moved.
    const finding = matchFinding(findings, d);
    if (!finding) continue;
    for (const fix of finding.fixes) {
      const a = fixAction(doc, d, fix, documentChanges);
      if (a) actions.push(a);
    }
    const s = suppressAction(doc, d, d.code, documentChanges);
    if (s) suppressions.push(s);
  }
  return [...actions, ...suppressions];
}

/**
 * `source.fixAll.secretzero`: every safe fix of the document in one edit, skipping fixes whose
 * edits overlap one already taken. Unsafe fixes never run here, so fix-on-save cannot change
 * what a program does.
 */
export function fixAll(doc: TextDocument, findings: readonly Finding[], documentChanges: boolean): CodeAction | undefined {
  const taken: Fix[] = [];
  const spans: [number, number][] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.applicability === 'safe');
    if (!fix) continue;
    const ranges = fix.edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)] as [number, number]);
    if (ranges.some(([s, e]) => spans.some(([t, u]) => s < u && t < e || (s === e && s === t)))) continue;
    spans.push(...ranges);
    taken.push(fix);
  }
  if (!taken.length) return undefined;
  const edit = toWorkspaceEdit(doc.uri, doc.version, taken, documentChanges);
  return edit ? { title: 'secretzero: fix all safe problems', kind: FIX_ALL_KIND, edit } : undefined;
}

export function wantsKind(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind.startsWith(CodeActionKind.QuickFix);
  return only.some((k) => kind === k || kind.startsWith(k + '.'));
}
