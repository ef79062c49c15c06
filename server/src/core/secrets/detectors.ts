import type { Severity } from '../types.js';
import { nameMentions, splitWords } from './names.js';

/**
 * The known credential formats. Each detector is data: a pattern that finds the secret in free
 * text, optionally a condition on the name that holds it (formats too generic to trust alone), and
 * a severity when it differs from the rule's. Ordered most specific first: the first match wins.
 */
export interface Detector {
  id: string;
  /** Human name used in messages. */
  kind: string;
  /** Global regex; group 1 (when present) is the secret, else the whole match. */
  pattern: RegExp;
  /** The format alone is ambiguous: only report it when the holder's name qualifies. */
  requiresName?: (name: string | undefined) => boolean;
  /** Extra validation of the matched secret. */
  validate?: (secret: string) => boolean;
  severity?: Severity;
  /** The part the placeholder filter judges, when the match has a non-secret frame (a URL). */
  secretPart?: (secret: string) => string;
}

const awsSecretName = (n?: string) => !!n && /aws/i.test(n) && /secret/i.test(n);
const vaultName = (n?: string) => nameMentions(n, 'vault');
const twilioName = (n?: string) => nameMentions(n, 'twilio');
const secretLike = (n?: string) => !!n && splitWords(n).some((w) => /^(key|token|secret|jwt|auth|authorization|bearer|session|cookie|password|credential|credentials)$/.test(w));

function jwtHeaderHasAlg(jwt: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}

export const DETECTORS: readonly Detector[] = [
  { id: 'private-key', kind: 'Private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g },
  { id: 'anthropic-api-key', kind: 'Anthropic API key', pattern: /\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{32,})/g },
  { id: 'openai-api-key', kind: 'OpenAI API key', pattern: /\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|sk-[A-Za-z0-9]{40,})(?![A-Za-z0-9_-])/g },
  { id: 'stripe-live-key', kind: 'Stripe live key', pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g },
  { id: 'stripe-test-key', kind: 'Stripe test key', pattern: /\b((?:sk|rk)_test_[A-Za-z0-9]{20,})\b/g, severity: 'low' },
  { id: 'github-token', kind: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,})\b/g },
  { id: 'github-fine-grained-pat', kind: 'GitHub fine-grained token', pattern: /\b(github_pat_[A-Za-z0-9_]{50,})\b/g },
  { id: 'gitlab-pat', kind: 'GitLab token', pattern: /\b(glpat-[A-Za-z0-9_-]{20,})\b/g },
  { id: 'slack-token', kind: 'Slack token', pattern: /\b(xox[bpas]-[A-Za-z0-9-]{10,})\b/g },
  { id: 'slack-app-token', kind: 'Slack app token', pattern: /\b(xapp-\d-[A-Z0-9]+-\d+-[A-Za-z0-9]+)\b/g },
  { id: 'slack-webhook', kind: 'Slack webhook URL', pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,})/g, secretPart: (s) => s.slice(s.lastIndexOf('/') + 1) },
  { id: 'google-api-key', kind: 'Google API key', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g },
  { id: 'google-oauth-secret', kind: 'Google OAuth client secret', pattern: /\b(GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g },
  { id: 'vault-token', kind: 'Vault token', pattern: /\b(hv[sbr]\.[A-Za-z0-9_-]{24,})/g },
  { id: 'vault-legacy-token', kind: 'Vault token', pattern: /(?<![A-Za-z0-9.])(s\.[A-Za-z0-9]{24})\b/g, requiresName: vaultName },
  { id: 'npm-token', kind: 'npm token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/g },
  { id: 'huggingface-token', kind: 'Hugging Face token', pattern: /\b(hf_[A-Za-z0-9]{30,})\b/g },
  { id: 'sendgrid-api-key', kind: 'SendGrid API key', pattern: /\b(SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64})(?![A-Za-z0-9_-])/g },
  { id: 'twilio-api-key', kind: 'Twilio API key', pattern: /\b(SK[0-9a-fA-F]{32})\b/g, requiresName: twilioName },
  { id: 'aws-access-key-id', kind: 'AWS access key ID', pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g },
  { id: 'aws-secret-access-key', kind: 'AWS secret access key', pattern: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g, requiresName: awsSecretName, validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) },
  { id: 'azure-storage-key', kind: 'Azure storage account key', pattern: /AccountKey=([A-Za-z0-9+/]{40,}={0,2})/g },
  { id: 'shopify-token', kind: 'Shopify token', pattern: /\b(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})\b/g },
  { id: 'digitalocean-token', kind: 'DigitalOcean token', pattern: /\b(do[pro]_v1_[a-f0-9]{64})\b/g },
  { id: 'linear-api-key', kind: 'Linear API key', pattern: /\b(lin_api_[A-Za-z0-9]{40})\b/g },
  { id: 'supabase-token', kind: 'Supabase token', pattern: /\b(sbp_[a-f0-9]{40})\b/g },
  { id: 'groq-api-key', kind: 'Groq API key', pattern: /\b(gsk_[A-Za-z0-9]{48,})\b/g },
  { id: 'replicate-token', kind: 'Replicate token', pattern: /\b(r8_[A-Za-z0-9]{37})\b/g },
  { id: 'perplexity-api-key', kind: 'Perplexity API key', pattern: /\b(pplx-[A-Za-z0-9]{40,})\b/g },
  { id: 'xai-api-key', kind: 'xAI API key', pattern: /\b(xai-[A-Za-z0-9]{60,})\b/g },
  { id: 'tavily-api-key', kind: 'Tavily API key', pattern: /\b(tvly-(?:dev-|prod-)?[A-Za-z0-9]{24,})\b/g },
  { id: 'postman-api-key', kind: 'Postman API key', pattern: /\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b/g },
  { id: 'doppler-token', kind: 'Doppler token', pattern: /\b(dp\.(?:st|ct|sa|scim)\.[A-Za-z0-9_-]{40,})\b/g },
  { id: 'jwt', kind: 'JSON Web Token', pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, requiresName: secretLike, validate: jwtHeaderHasAlg },
];

/** Cheap gate: only run the table over text that contains one of these substrings. */
export const DETECTOR_HINTS = /PRIVATE KEY|sk-|sk_|rk_|gh[pousr]_|github_pat_|glpat-|xox|xapp-|hooks\.slack|AIza|GOCSPX-|hv[sbr]\.|\bs\.[A-Za-z0-9]{24}\b|npm_|hf_|SG\.|SK[0-9a-fA-F]|AKIA|ASIA|AccountKey=|shp|_v1_|lin_api_|sbp_|gsk_|r8_|pplx-|xai-|tvly-|PMAK-|dp\.|eyJ|[A-Za-z0-9/+]{40}/;

export const DETECTOR_BY_ID: ReadonlyMap<string, Detector> = new Map(DETECTORS.map((d) => [d.id, d]));
