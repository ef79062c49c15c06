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
    ctx.report({
      ruleId: 'connection-string-password',
      start: s,
      end: e,
      message: message`Connection string (${pw.scheme}) in ${holderLabel(site.holder)} has an inline password (${maskSecret(pw.password)}): reference ${pw.suggestedName} from the environment instead.`,
      fingerprintSource: pw.password,
      fixes: fixes.connection?.(site, pw),
      symbolPath: site.symbolPath,
    });
    reported = true;
  }
  // Most values cannot be a credential under any holder: skip working out the holder for them.
  const d = couldBeSecretValue(site.value) ? detectValue(site.value, site.holder) : undefined;
  if (d && !(reported && d.detector === 'generic')) {
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
    });
    reported = true;
  }
  return reported;
}

/** Default environment variable names for well-known providers, used when the holder has no name. */
export const PROVIDER_ENV_NAMES: Record<string, string> = {
  'openai-api-key': 'OPENAI_API_KEY', 'anthropic-api-key': 'ANTHROPIC_API_KEY', 'github-token': 'GITHUB_TOKEN',
  'github-fine-grained-pat': 'GITHUB_TOKEN', 'gitlab-pat': 'GITLAB_TOKEN', 'slack-token': 'SLACK_BOT_TOKEN',
  'slack-app-token': 'SLACK_APP_TOKEN', 'slack-webhook': 'SLACK_WEBHOOK_URL', 'google-api-key': 'GOOGLE_API_KEY',
  'google-oauth-secret': 'GOOGLE_CLIENT_SECRET', 'vault-token': 'VAULT_TOKEN', 'vault-legacy-token': 'VAULT_TOKEN',
  'npm-token': 'NPM_TOKEN', 'huggingface-token': 'HF_TOKEN', 'sendgrid-api-key': 'SENDGRID_API_KEY',
  'twilio-api-key': 'TWILIO_API_KEY', 'aws-access-key-id': 'AWS_ACCESS_KEY_ID', 'aws-secret-access-key': 'AWS_SECRET_ACCESS_KEY',
  'azure-storage-key': 'AZURE_STORAGE_CONNECTION_STRING', 'stripe-live-key': 'STRIPE_SECRET_KEY', 'stripe-test-key': 'STRIPE_SECRET_KEY',
  'private-key': 'PRIVATE_KEY', jwt: 'JWT_TOKEN', 'shopify-token': 'SHOPIFY_ACCESS_TOKEN', 'digitalocean-token': 'DIGITALOCEAN_TOKEN',
  'linear-api-key': 'LINEAR_API_KEY', 'supabase-token': 'SUPABASE_ACCESS_TOKEN', 'groq-api-key': 'GROQ_API_KEY',
  'replicate-token': 'REPLICATE_API_TOKEN', 'perplexity-api-key': 'PERPLEXITY_API_KEY', 'xai-api-key': 'XAI_API_KEY',
  'tavily-api-key': 'TAVILY_API_KEY', 'postman-api-key': 'POSTMAN_API_KEY', 'doppler-token': 'DOPPLER_TOKEN',
};
