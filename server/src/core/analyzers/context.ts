import type { FileKind } from '../classify.js';
import { ROLE_PHRASE, type FileRole } from '../fileRole.js';
import { ruleMeta, type RuleId } from '../rules/index.js';
import { fingerprintOf, redactSecrets } from '../secrets/index.js';
import type { Message } from '../secrets/message.js';
import { LineIndex } from '../text/lineIndex.js';
import { FRESH_PARSE, type ParseCache } from '../parseCache.js';
import type { Confidence, DocumentInput, ExternalEdit, Finding, Fix, Severity, TextEdit, WorkspaceHost } from '../types.js';

/** What an analyzer reports, in offsets; the context turns it into a Finding with ranges. */
export interface FindingDraft {
  /** A catalog id: a misspelt one does not compile (the union is generated from rules/*.md). */
  ruleId: RuleId;
  start: number;
  end: number;
  /** Built with the `message` tag: the rule's words stay, the source text it quotes is redacted. */
  message: Message;
  /** Material for the line-independent fingerprint: the secret, or the matched construct's text. */
  fingerprintSource: string;
  fixes?: Fix[];
  severity?: Severity;
  symbolPath?: string;
  /**
   * For findings about a literal value: 1 when it is a known provider format, 2 when it is judged
   * by its holder's name and its randomness. Unset for findings about code or configuration
   * constructs (a log call, an ARG used by RUN), which are certain from the code itself.
   */
  tier?: 1 | 2;
  /** Defaults to `high` for tier 1 and constructs, `medium` for tier 2. */
  confidence?: Confidence;
}

/**
 * One analysis of one document: the text, its line index, its kind and the workspace host. An
 * analyzer reads from it and reports drafts into it; it never builds ranges or messages by hand.
 */
export class AnalysisContext {
  readonly lines: LineIndex;
  private readonly findings: Finding[] = [];
  /** For each finding, the offset of the site whose judgement reported it, when a check said so (`fromSite`). */
  private readonly sites: (number | undefined)[] = [];
  private site: number | undefined;
  /** Files fixes append to (`.env`, `.dockerignore`), read once per analysis, not once per finding. */
  private readonly appendTargets = new Map<string, string | undefined>();

  constructor(
    readonly doc: DocumentInput,
    readonly kind: FileKind,
    readonly host: WorkspaceHost | undefined,
    readonly parseCache: ParseCache = FRESH_PARSE,
    /** What the file is for (tests, docs, examples… report less, and lower). */
    readonly role: FileRole = 'source',
    /** Skip rule families whose needles the text lacks (ruleFamily.ts); off only to prove it changes nothing. */
    readonly prefilter = true,
  ) {
    this.lines = new LineIndex(doc.text);
  }

  /**
   * Tests and fixtures exercise insecure code on purpose: only a verified known provider format is
   * reported there (`report`), so checks that find anything else need not run (ruleFamily.ts).
   */
  get keepsOnlyKnownFormats(): boolean { return this.role === 'test' || this.role === 'fixture'; }

  get text(): string { return this.doc.text; }
  get path(): string { return this.doc.path; }

  report(d: FindingDraft): void {
    let severity = d.severity ?? ruleMeta(d.ruleId).severity;
    let confidence = d.confidence ?? (d.tier === 2 ? 'medium' : 'high');
    let text = d.message.text;
    if (this.role !== 'source') {
      // Tests, fixtures, examples, docs, specs and generated files hold look-alike values far more
      // often than secrets: only a known provider format is reported there, and low. Code
      // constructs in tests and fixtures exercise the insecure path on purpose.
      // An unverified format (a checksum that fails, a truncated PEM) there is an example.
      if (d.tier === 2 || (d.tier === 1 && confidence !== 'high')) return;
      if (d.tier === undefined && this.keepsOnlyKnownFormats) return;
      severity = 'low';
      confidence = 'low';
      text = `${text} (Reported low: this is ${ROLE_PHRASE[this.role]}.)`;
    }
    this.sites[this.findings.length] = this.site;
    this.findings.push({
      ruleId: d.ruleId,
      severity,
      confidence,
      range: this.lines.range(d.start, d.end),
      message: text,
      // Titles may quote source text (a URL, a key, a tool name) that holds a credential.
      fixes: (d.fixes ?? []).filter((f) => this.appliable(f.edits)).map((f) => (f.title === redactSecrets(f.title) ? f : { ...f, title: redactSecrets(f.title) })),
      // The secret is hashed with the rule id so equal secrets under different rules stay distinct;
      // white space and quote style are folded so reformatting a construct does not change it.
      fingerprint: fingerprintOf(d.ruleId, normalizeConstruct(d.fingerprintSource)),
      symbolPath: d.symbolPath,
    });
  }

  /**
   * A fix's in-document edits can be applied as LSP clients apply them: in order, not overlapping,
   * and no end between a `\r` and its `\n` (a half-typed literal can end there). A fix that fails
   * is dropped rather than offered: applying it would corrupt the file.
   */
  private appliable(edits: readonly TextEdit[]): boolean {
    const spans = edits.map((e) => [this.lines.offsetAt(e.range.start), this.lines.offsetAt(e.range.end)] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const text = this.doc.text;
    const splitsLineBreak = (o: number) => text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
    return spans.every(([s, e], i) => s <= e && !splitsLineBreak(s) && !splitsLineBreak(e) && (i === 0 || spans[i - 1][1] <= s));
  }

  /** A text edit on this document from offsets. */
  edit(start: number, end: number, newText: string): TextEdit {
    return { range: this.lines.range(start, end), newText };
  }

  /** Append text to another file, creating it when missing; keeps a final newline discipline. */
  appendToFile(path: string, lines: string[]): ExternalEdit {
    if (!this.appendTargets.has(path)) this.appendTargets.set(path, this.host?.readFile(path));
    const current = this.appendTargets.get(path);
    if (current === undefined) {
      return { path, create: true, edits: [{ range: zeroRange(), newText: lines.join('\n') + '\n' }] };
    }
    const idx = new LineIndex(current);
    const eol = idx.eol();
    const end = idx.positionAt(current.length);
    const needsBreak = current.length > 0 && !current.endsWith('\n');
    return { path, create: false, edits: [{ range: { start: end, end }, newText: (needsBreak ? eol : '') + lines.join(eol) + eol }] };
  }

  results(): Finding[] { return this.findings; }

  /**
   * Runs `judge` as the judgement of the site at `offset`: what it reports belongs to that site
   * even when it sits elsewhere (a tool's schema declared apart from the registration that names
   * it), so findings kept per statement are filed under the statement that produced them.
   */
  fromSite(offset: number, judge: () => void): void {
    const outer = this.site;
    this.site = offset;
    try { judge(); } finally { this.site = outer; }
  }

  /** How many findings are reported so far: with `since`, what one check reported. */
  mark(): number { return this.findings.length; }

  /** The findings reported after `mark` (the same objects, in order), each with the offset of the site that reported it, if known. */
  since(mark: number): { finding: Finding; site: number | undefined }[] {
    return this.findings.slice(mark).map((finding, i) => ({ finding, site: this.sites[mark + i] }));
  }

  /** Drops the findings reported after `mark`: a check's results that are about to be redone. */
  truncate(mark: number): void {
    this.findings.length = mark;
    this.sites.length = Math.min(this.sites.length, mark);
  }

  /** Takes a finding an earlier analysis of this document made, already moved to this text. */
  adopt(finding: Finding, site?: number): void {
    this.sites[this.findings.length] = site;
    this.findings.push(finding);
  }
}

function normalizeConstruct(source: string): string {
  return source.replace(/\s+/g, '').replace(/['"`]/g, '"');
}

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export type Analyzer = (ctx: AnalysisContext) => void;
