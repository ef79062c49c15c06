import { RULES } from './rules/index.js';
import type { Finding, Settings } from './types.js';
import { LineIndex } from './text/lineIndex.js';

/**
 * One diagnostic per problem: when a specific rule and a general one fire on the same text (a
 * literal in an MCP config is also a hard-coded credential), keep the specific one. Which rule
 * supersedes which is rule data: the `shadows:` list in each rule's front matter.
 */
const SHADOWED_BY: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const by = new Map<string, Set<string>>();
  for (const r of RULES) for (const s of r.shadows) by.set(s, (by.get(s) ?? new Set()).add(r.id));
  return by;
})();

function overlaps(a: Finding, b: Finding): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
    p.line < q.line || (p.line === q.line && p.character < q.character);
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const by = SHADOWED_BY.get(f.ruleId);
    return !by || !findings.some((g) => g !== f && by.has(g.ruleId) && overlaps(f, g));
  });
}

const SUPPRESS = /secretzero-ignore-next-line\b([^\n]*)/;

/**
 * Rule ids named by a suppression comment on the line before `line`; `*` when it names none.
 * With the language's comment openers known, the marker counts only inside a comment: a string
 * that happens to hold the words does not silence the line after it.
 */
function suppressedOn(lines: LineIndex, line: number, commentOpeners?: readonly string[]): Set<string> | undefined {
  if (line === 0) return undefined;
  const text = lines.lineText(line - 1);
  const m = SUPPRESS.exec(text);
  if (!m) return undefined;
  if (commentOpeners?.length && !commentOpeners.some((o) => { const at = text.indexOf(o); return at >= 0 && at < m.index; })) return undefined;
  const ids = m[1].split('--')[0].split(/[\s,]+/).filter((s) => /^[a-z0-9-]+$/.test(s));
  return new Set(ids.length ? ids : ['*']);
}

export function applySuppressions(findings: Finding[], lines: LineIndex, commentOpeners?: readonly string[]): Finding[] {
  if (!lines.text.includes('secretzero-ignore-next-line')) return findings;
  return findings.filter((f) => {
    const ids = suppressedOn(lines, f.range.start.line, commentOpeners);
    return !ids || !(ids.has('*') || ids.has(f.ruleId));
  });
}

export function withoutDisabledRules(findings: Finding[], settings: Settings): Finding[] {
  return findings.filter((f) => settings.rules[f.ruleId] !== 'off');
}

export function applyRuleSettings(findings: Finding[], settings: Settings): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const s = settings.rules[f.ruleId];
    if (s === 'off') continue;
    out.push(s ? { ...f, severity: s } : f);
  }
  return out;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}
