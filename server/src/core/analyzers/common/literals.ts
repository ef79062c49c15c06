import { couldBeSecretValue, describeSecret, detectValue, findConnectionPasswords, mayHaveConnectionPassword, maskSecret, type Detection } from '../../secrets/index.js';
import type { Fix, Severity } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { message } from '../../secrets/message.js';

/**
 * Where a string value sits in the document. `rawStart`/`rawText` are the literal as written
 * (quotes included when `quoted`); offsets inside the decoded value are mapped back to the raw
 * text when the literal has no escapes, else the whole literal is the range.
 */
export interface LiteralSite {
  value: string;
  rawStart: number;
  rawText: string;
  quoted: boolean;
  /** The variable, property, key or env name that holds the value. */
  holder?: string;
  symbolPath?: string;
}

/**
 * A quoted literal whose holder and symbol path are worked out on first read: most literals are
 * too short to judge or never reported, and climbing to the root for each one cost more than the
 * walk that found them. A class with prototype getters, not an object literal with `get`
 * closures: V8 gives each such object literal its own hidden class, allocated outside the young
 * generation, whose accessors kept every keystroke's tree and index alive through young-generation
 * collections until a full one (bench/README.md).
 */
export abstract class LazyLiteralSite implements LiteralSite {
  readonly quoted = true;
  abstract readonly value: string;
  abstract readonly rawStart: number;
  abstract readonly rawText: string;
  private heldBy: string | undefined | null = null;
  private path: string | undefined | null = null;

  protected abstract findHolder(): string | undefined;
  protected abstract findSymbolPath(): string | undefined;

  get holder(): string | undefined {
    if (this.heldBy === null) this.heldBy = this.findHolder();
    return this.heldBy;
  }

  get symbolPath(): string | undefined {
    if (this.path === null) this.path = this.findSymbolPath();
    return this.path;
  }
}

export function valueOffsets(site: LiteralSite, start: number, end: number): [number, number] {
  const inner = site.quoted ? site.rawText.slice(1, -1) : site.rawText;
  if (inner === site.value) {
    const base = site.rawStart + (site.quoted ? 1 : 0);
    return [base + start, base + end];
  }
  return [site.rawStart, site.rawStart + site.rawText.length];
}

export interface SecretFixBuilders {
  credential?: (site: LiteralSite, d: Detection) => Fix[];
  connection?: (site: LiteralSite, password: { start: number; end: number; suggestedName: string; password: string }) => Fix[];
}

/** Human label for where a value sits, for messages: `'apiKey'` or `a string literal`. */
export function holderLabel(holder: string | undefined): string {
  return holder ? `'${holder}'` : 'a string literal';
}

/** False when `checkLiteral` would certainly report nothing for a site with this value, whatever its holder. */
export function mayReportLiteral(value: string): boolean {
  return mayHaveConnectionPassword(value) || couldBeSecretValue(value);
}

/**
 * The shared check for one literal: an inline connection-string password, else a known-format or
 * high-entropy credential. Returns true when something was reported.
 */
export function checkLiteral(ctx: AnalysisContext, site: LiteralSite, fixes: SecretFixBuilders = {}): boolean {
  let reported = false;
  for (const pw of findConnectionPasswords(site.value)) {
    const [s, e] = valueOffsets(site, pw.start, pw.end);
    const broken = pw.unencoded ? message` Its # @ or / is not percent-encoded, so URL parsers split the string in the wrong place.` : '';
    ctx.report({
      ruleId: 'connection-string-password',
      start: s,
      end: e,
      message: message`Connection string (${pw.scheme}) in ${holderLabel(site.holder)} has an inline password (${maskSecret(pw.password)}): reference ${pw.suggestedName} from the environment instead.${broken}`,
      fingerprintSource: pw.password,
      fixes: fixes.connection?.(site, pw),
      symbolPath: site.symbolPath,
      // A password judged by where it sits, not by a provider format.
      tier: 2,
    });
    reported = true;
  }
  // Most values cannot be a credential under any holder: skip working out the holder for them.
  const d = couldBeSecretValue(site.value) ? detectValue(site.value, site.holder) : undefined;
  if (d && !(reported && d.detector === 'generic')) {
    reportCredential(ctx, site, d, fixes);
    reported = true;
  }
  return reported;
}

/** One `hardcoded-credential` finding for a detection in a literal site. */
export function reportCredential(ctx: AnalysisContext, site: LiteralSite, d: Detection, fixes: SecretFixBuilders = {}): void {
  const [s, e] = valueOffsets(site, d.start, d.end);
  ctx.report({
    ruleId: 'hardcoded-credential',
    start: s,
    end: e,
    severity: d.severity as Severity | undefined,
    message: message`Hard-coded ${describeSecret(d.kind, d.secret)} in ${holderLabel(site.holder)}: load it from the environment or a secrets manager, and rotate it.`,
    fingerprintSource: d.secret,
    fixes: fixes.credential?.(site, d),
    symbolPath: site.symbolPath,
    tier: d.tier,
    confidence: d.confidence,
  });
}
