import { createPrivateKey } from 'node:crypto';
import { hasValidCrc32Suffix, withCrc32Suffix } from './checksums.js';
import { ALNUM, B64, B64URL, fill, HEX, UPPER_NUM, type Detector } from './detector.js';
import { shannonEntropy } from './entropy.js';
import { nameMentions, splitWords } from './names.js';
import { KeywordIndex } from './keywordIndex.js';
import { asciiClass, hasRunOf } from '../text/charRun.js';
import { PROVIDER_DETECTORS } from './providers.js';

export type { Detector } from './detector.js';

/**
 * Tier 1 of the confidence model: the known credential formats, each complete as data (see
 * detector.ts). Ordered most specific first: where two formats overlap, the first match wins.
 * `verify` is the offline check that separates an issued credential from an example.
 */

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

/** jwt.io's example token, pasted into countless tests and docs: its signature and its subject. */
const JWT_IO_SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/**
 * A JWT that a real issuer could have produced: its claims decode to a JSON object, its signature
 * has the length and randomness of a MAC or signature (`.signature` and `.abc` are made up), and
 * it is not jwt.io's example.
 */
function jwtLooksIssued(jwt: string): boolean {
  const [, payload, signature = ''] = jwt.split('.');
  if (signature === JWT_IO_SIGNATURE || signature.length < 32 || shannonEntropy(signature) < 4) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && claims.sub !== '1234567890';
  } catch {
    return false;
  }
}

/** A PEM private key that really parses (an encrypted one counts: it is still a key). */
function privateKeyParses(pem: string): boolean {
  if (!/-----END /.test(pem)) return false;
  if (isEncryptedKey(pem)) return true;
  try {
    createPrivateKey({ key: pem, format: 'pem' });
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'ERR_MISSING_PASSPHRASE';
  }
}

export function isEncryptedKey(pem: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,\s*ENCRYPTED/.test(pem);
}

/** An AWS secret access key (40 characters of base64, mixed) close to the key id: the pair authenticates. */
function awsSecretNearby(_id: string, around: string): boolean {
  for (const m of around.matchAll(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g)) {
    if (/[A-Z]/.test(m[0]) && /[a-z]/.test(m[0]) && /[0-9]/.test(m[0])) return true;
  }
  return false;
}

const OPENAI_MARKER = 'T3BlbkFJ'; // base64 of "OpenAI", in every key the platform issues

const BUILTIN_DETECTORS: readonly Detector[] = [
  {
    id: 'private-key', kind: 'Private key', envName: 'PRIVATE_KEY',
    pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?/g,
    // A header alone (a redaction regex, a doc sentence) holds no key: the block must close.
    keywords: ['PRIVATE KEY'], validate: (s) => /-----END /.test(s), verify: privateKeyParses,
    source: 'https://www.rfc-editor.org/rfc/rfc7468 (PEM textual encoding of PKCS #1, PKCS #8 and SEC1 keys)',
    // An encrypted block is a key whatever its body (parsing it needs the passphrase).
    examples: { match: [`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${fill(64, B64, 1)}\n-----END ENCRYPTED PRIVATE KEY-----`], miss: ['-----BEGIN PUBLIC KEY-----'] },
  },
  {
    id: 'anthropic-api-key', kind: 'Anthropic API key', envName: 'ANTHROPIC_API_KEY',
    pattern: /\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{32,})/g, keywords: ['sk-ant-api03-', 'sk-ant-admin01-'],
    // Issued keys are 93 characters after the type, ending in "AA".
    verify: (s) => /^sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA$/.test(s),
    source: 'https://docs.anthropic.com/en/api/getting-started (x-api-key); format as gitleaks anthropic-api-key',
    examples: { match: [`sk-ant-api03-${fill(93, B64URL, 2)}AA`], miss: [`sk-ant-api03-${fill(12, ALNUM, 2)}`] },
  },
  {
    id: 'openai-api-key', kind: 'OpenAI API key', envName: 'OPENAI_API_KEY',
    pattern: /\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])/g,
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-'], verify: (s) => s.includes(OPENAI_MARKER),
    source: 'https://platform.openai.com/docs/api-reference/authentication (project, service-account and admin keys)',
    examples: { match: [`sk-proj-${fill(58, B64URL, 3)}${OPENAI_MARKER}${fill(58, B64URL, 4)}`], miss: ['sk-proj-...', `sk-${fill(12, ALNUM, 3)}`] },
  },
  {
    id: 'stripe-live-key', kind: 'Stripe live key', envName: 'STRIPE_SECRET_KEY',
    pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g, keywords: ['sk_live_', 'rk_live_'],
    source: 'https://docs.stripe.com/keys (secret and restricted keys: sk_live_, rk_live_)',
    examples: { match: [`sk_live_${fill(24, ALNUM, 4)}`], miss: [`pk_live_${fill(24, ALNUM, 4)}`] },
  },
  {
    id: 'stripe-test-key', kind: 'Stripe test key', envName: 'STRIPE_SECRET_KEY', severity: 'low',
    pattern: /\b((?:sk|rk)_test_[A-Za-z0-9]{20,})\b/g, keywords: ['sk_test_', 'rk_test_'],
    source: 'https://docs.stripe.com/keys (test-mode keys: sk_test_, rk_test_; they move no money)',
    examples: { match: [`sk_test_${fill(24, ALNUM, 7)}`], miss: [`sk_test_${fill(10, ALNUM, 7)}`] },
  },
  {
    id: 'github-token', kind: 'GitHub token', envName: 'GITHUB_TOKEN',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,})\b/g, keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], verify: hasValidCrc32Suffix,
    source: 'https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/ (prefix, 30 random base62, CRC32 in 6 base62)',
    examples: { match: [withCrc32Suffix('ghp_', fill(30, ALNUM, 8)), withCrc32Suffix('ghs_', fill(30, ALNUM, 9))], miss: [`ghp_${fill(12, ALNUM, 8)}`, `ghx_${fill(36, ALNUM, 8)}`] },
  },
  {
    id: 'github-fine-grained-pat', kind: 'GitHub fine-grained token', envName: 'GITHUB_TOKEN',
    pattern: /\b(github_pat_[A-Za-z0-9_]{50,})\b/g, keywords: ['github_pat_'],
    source: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens (fine-grained: github_pat_)',
    examples: { match: [`github_pat_${fill(22, ALNUM, 9)}_${fill(59, ALNUM, 10)}`], miss: [`github_pat_${fill(12, ALNUM, 9)}`] },
  },
  {
    id: 'gitlab-pat', kind: 'GitLab token', envName: 'GITLAB_TOKEN',
    pattern: /\b(glpat-[A-Za-z0-9_-]{20,})\b/g, keywords: ['glpat-'],
    source: 'https://docs.gitlab.com/security/tokens/#token-prefixes (personal access token: glpat-)',
    examples: { match: [`glpat-${fill(20, B64URL, 11)}`], miss: [`glpat-${fill(12, ALNUM, 11)}`] },
  },
  {
    id: 'slack-token', kind: 'Slack token', envName: 'SLACK_BOT_TOKEN',
    pattern: /\b(xox[bpas]-[A-Za-z0-9-]{10,})\b/g, keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxs-'],
    // Bot and user tokens: team and user ids (digits), then a random part.
    verify: (s) => /^xox[bpas]-\d{6,}-\d{6,}(-\d{6,})?-[A-Za-z0-9]{24,}$/.test(s),
    source: 'https://api.slack.com/concepts/token-types (bot xoxb-, user xoxp-)',
    examples: { match: [`xoxb-${fill(12, '0123456789', 12)}-${fill(13, '0123456789', 13)}-${fill(24, ALNUM, 14)}`], miss: ['xoxb-your-token-here'] },
  },
  {
    id: 'slack-app-token', kind: 'Slack app token', envName: 'SLACK_APP_TOKEN',
    pattern: /\b(xapp-\d-[A-Z0-9]+-\d+-[A-Za-z0-9]+)\b/g, keywords: ['xapp-'],
    source: 'https://api.slack.com/concepts/token-types#app-level (xapp-)',
    examples: { match: [`xapp-1-A${fill(10, UPPER_NUM, 15)}-${fill(13, '0123456789', 16)}-${fill(64, HEX, 17)}`], miss: ['xapp-1-example'] },
  },
  {
    id: 'slack-webhook', kind: 'Slack webhook URL', envName: 'SLACK_WEBHOOK_URL',
    pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,})/g, keywords: ['hooks.slack.com'],
    secretPart: (s) => s.slice(s.lastIndexOf('/') + 1),
    source: 'https://api.slack.com/messaging/webhooks (incoming webhook URLs are secrets)',
    examples: { match: [`https://hooks.slack.com/services/T${fill(8, UPPER_NUM, 18)}/B${fill(10, UPPER_NUM, 19)}/${fill(24, ALNUM, 20)}`], miss: ['https://hooks.slack.com/services/'] },
  },
  {
    id: 'google-api-key', kind: 'Google API key', envName: 'GOOGLE_API_KEY',
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g, keywords: ['AIza'],
    source: 'https://cloud.google.com/docs/authentication/api-keys (AIza + 35 characters)',
    examples: { match: [`AIza${fill(35, B64URL, 21)}`], miss: [`AIza${fill(20, B64URL, 21)}`] },
  },
  {
    id: 'google-oauth-secret', kind: 'Google OAuth client secret', envName: 'GOOGLE_CLIENT_SECRET',
    pattern: /\b(GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g, keywords: ['GOCSPX-'],
    source: 'https://developers.google.com/identity/protocols/oauth2 (client secrets, GOCSPX- since 2021)',
    examples: { match: [`GOCSPX-${fill(28, B64URL, 22)}`], miss: [`GOCSPX-${fill(12, B64URL, 22)}`] },
  },
  {
    id: 'vault-token', kind: 'Vault token', envName: 'VAULT_TOKEN',
    pattern: /\b(hv[sbr]\.[A-Za-z0-9_-]{24,})/g, keywords: ['hvs.', 'hvb.', 'hvr.'],
    source: 'https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes (hvs. service, hvb. batch, hvr. recovery)',
    examples: { match: [`hvs.${fill(90, B64URL, 23)}`], miss: [`hvs.${fill(10, ALNUM, 23)}`] },
  },
  {
    id: 'vault-legacy-token', kind: 'Vault token', envName: 'VAULT_TOKEN',
    pattern: /(?<![A-Za-z0-9.])(s\.[A-Za-z0-9]{24})\b/g, keywords: ['s.'], requiresName: vaultName,
    source: 'https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes (before 1.10: s. + 24)',
    examples: { match: [`s.${fill(24, ALNUM, 24)}`], holder: 'VAULT_TOKEN', miss: [`s.${fill(24, ALNUM, 24)}`], missHolder: 'sessionName' },
  },
  {
    id: 'npm-token', kind: 'npm token', envName: 'NPM_TOKEN',
    pattern: /\b(npm_[A-Za-z0-9]{36})\b/g, keywords: ['npm_'], verify: hasValidCrc32Suffix,
    source: 'https://github.blog/security/announcing-npms-new-access-token-format/ (npm_, 30 random base62, CRC32 in 6)',
    examples: { match: [withCrc32Suffix('npm_', fill(30, ALNUM, 25))], miss: [`npm_${fill(20, ALNUM, 25)}`] },
  },
  {
    id: 'huggingface-token', kind: 'Hugging Face token', envName: 'HF_TOKEN',
    pattern: /\b(hf_[A-Za-z0-9]{30,})\b/g, keywords: ['hf_'],
    source: 'https://huggingface.co/docs/hub/security-tokens (user access tokens: hf_)',
    examples: { match: [`hf_${fill(34, ALNUM, 26)}`], miss: [`hf_${fill(12, ALNUM, 26)}`] },
  },
  {
    id: 'sendgrid-api-key', kind: 'SendGrid API key', envName: 'SENDGRID_API_KEY',
    pattern: /\b(SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,64})(?![A-Za-z0-9_-])/g, keywords: ['SG.'],
    source: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys (SG. + id + . + secret)',
    examples: { match: [`SG.${fill(22, B64URL, 27)}.${fill(43, B64URL, 28)}`], miss: [`SG.${fill(22, B64URL, 27)}`] },
  },
  {
    id: 'twilio-api-key', kind: 'Twilio API key', envName: 'TWILIO_API_KEY',
    pattern: /\b(SK[0-9a-fA-F]{32})\b/g, keywords: ['SK'], requiresName: twilioName,
    source: 'https://www.twilio.com/docs/iam/api-keys (API key SID: SK + 32 hex)',
    examples: { match: [`SK${fill(32, HEX, 29)}`], holder: 'TWILIO_API_KEY', miss: [`SK${fill(32, HEX, 29)}`], missHolder: 'buildSku' },
  },
  {
    id: 'aws-access-key-id', kind: 'AWS access key ID', envName: 'AWS_ACCESS_KEY_ID',
    pattern: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/g, keywords: ['AKIA', 'ASIA'],
    // The id alone does not authenticate; with its secret access key next to it, the pair does.
    verify: awsSecretNearby,
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html (AKIA long-term, ASIA temporary)',
    examples: { match: [`AKIA${fill(16, UPPER_NUM, 30)}:${fill(40, B64, 30)}`], miss: ['AKIAIOSFODNN7EXAMPLE', `AKIA${fill(10, UPPER_NUM, 30)}`] },
  },
  {
    id: 'aws-secret-access-key', kind: 'AWS secret access key', envName: 'AWS_SECRET_ACCESS_KEY',
    pattern: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g, keywords: [], requiresName: awsSecretName,
    validate: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s),
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html (40-character secret access key)',
    examples: { match: [`${fill(20, ALNUM, 31)}/${fill(19, `${ALNUM}+`, 32)}`], holder: 'AWS_SECRET_ACCESS_KEY', miss: [`${fill(20, ALNUM, 31)}/${fill(19, `${ALNUM}+`, 32)}`], missHolder: 'commitSha' },
  },
  {
    id: 'azure-storage-key', kind: 'Azure storage account key', envName: 'AZURE_STORAGE_CONNECTION_STRING',
    pattern: /AccountKey=([A-Za-z0-9+/]{40,}={0,2})/g, keywords: ['AccountKey='],
    source: 'https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string (AccountKey=)',
    examples: { match: [`DefaultEndpointsProtocol=https;AccountName=mcpstore;AccountKey=${fill(86, B64, 33)}==;EndpointSuffix=core.windows.net`], miss: ['DefaultEndpointsProtocol=https;AccountName=mcpstore;AccountKey=<key>;'] },
  },
  {
    id: 'shopify-token', kind: 'Shopify token', envName: 'SHOPIFY_ACCESS_TOKEN',
    pattern: /\b(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})\b/g, keywords: ['shpat_', 'shpss_', 'shpca_', 'shppa_'],
    source: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens (shpat_, shpss_, shpca_, shppa_)',
    examples: { match: [`shpat_${fill(32, HEX, 34)}`], miss: [`shpat_${fill(16, HEX, 34)}`] },
  },
  {
    id: 'digitalocean-token', kind: 'DigitalOcean token', envName: 'DIGITALOCEAN_TOKEN',
    pattern: /\b(do[pro]_v1_[a-f0-9]{64})\b/g, keywords: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    source: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/ (dop_v1_, doo_v1_, dor_v1_)',
    examples: { match: [`dop_v1_${fill(64, HEX, 35)}`], miss: [`dop_v1_${fill(20, HEX, 35)}`] },
  },
  {
    id: 'linear-api-key', kind: 'Linear API key', envName: 'LINEAR_API_KEY',
    pattern: /\b(lin_api_[A-Za-z0-9]{40})\b/g, keywords: ['lin_api_'],
    source: 'https://linear.app/developers/graphql#personal-api-keys (lin_api_)',
    examples: { match: [`lin_api_${fill(40, ALNUM, 36)}`], miss: [`lin_api_${fill(12, ALNUM, 36)}`] },
  },
  {
    id: 'supabase-token', kind: 'Supabase token', envName: 'SUPABASE_ACCESS_TOKEN',
    pattern: /\b(sbp_[a-f0-9]{40})\b/g, keywords: ['sbp_'],
    source: 'https://supabase.com/docs/reference/cli/supabase-login (personal access tokens: sbp_)',
    examples: { match: [`sbp_${fill(40, HEX, 37)}`], miss: [`sbp_${fill(12, HEX, 37)}`] },
  },
  {
    id: 'groq-api-key', kind: 'Groq API key', envName: 'GROQ_API_KEY',
    pattern: /\b(gsk_[A-Za-z0-9]{48,})\b/g, keywords: ['gsk_'],
    source: 'https://console.groq.com/docs/quickstart (API keys: gsk_)',
    examples: { match: [`gsk_${fill(52, ALNUM, 38)}`], miss: [`gsk_${fill(20, ALNUM, 38)}`] },
  },
  {
    id: 'replicate-token', kind: 'Replicate token', envName: 'REPLICATE_API_TOKEN',
    pattern: /\b(r8_[A-Za-z0-9]{37})\b/g, keywords: ['r8_'],
    source: 'https://replicate.com/docs/topics/security/api-tokens (r8_)',
    examples: { match: [`r8_${fill(37, ALNUM, 39)}`], miss: [`r8_${fill(20, ALNUM, 39)}`] },
  },
  {
    id: 'perplexity-api-key', kind: 'Perplexity API key', envName: 'PERPLEXITY_API_KEY',
    pattern: /\b(pplx-[A-Za-z0-9]{40,})\b/g, keywords: ['pplx-'],
    source: 'https://docs.perplexity.ai/guides/getting-started (pplx-)',
    examples: { match: [`pplx-${fill(48, ALNUM, 40)}`], miss: [`pplx-${fill(12, ALNUM, 40)}`] },
  },
  {
    id: 'xai-api-key', kind: 'xAI API key', envName: 'XAI_API_KEY',
    pattern: /\b(xai-[A-Za-z0-9]{60,})\b/g, keywords: ['xai-'],
    source: 'https://docs.x.ai/docs/overview (xai-)',
    examples: { match: [`xai-${fill(80, ALNUM, 41)}`], miss: [`xai-${fill(20, ALNUM, 41)}`] },
  },
  {
    id: 'tavily-api-key', kind: 'Tavily API key', envName: 'TAVILY_API_KEY',
    pattern: /\b(tvly-(?:dev-|prod-)?[A-Za-z0-9]{24,})\b/g, keywords: ['tvly-'],
    source: 'https://docs.tavily.com/documentation/api-reference/introduction (tvly-)',
    examples: { match: [`tvly-${fill(32, ALNUM, 42)}`], miss: ['tvly-'] },
  },
  {
    id: 'postman-api-key', kind: 'Postman API key', envName: 'POSTMAN_API_KEY',
    pattern: /\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b/g, keywords: ['PMAK-'],
    source: 'https://learning.postman.com/docs/developer/postman-api/authentication/ (PMAK-)',
    examples: { match: [`PMAK-${fill(24, HEX, 43)}-${fill(34, HEX, 44)}`], miss: [`PMAK-${fill(24, HEX, 43)}`] },
  },
  {
    id: 'doppler-token', kind: 'Doppler token', envName: 'DOPPLER_TOKEN',
    pattern: /\b(dp\.(?:st|ct|sa|scim)\.[A-Za-z0-9_-]{40,})\b/g, keywords: ['dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.'],
    source: 'https://docs.doppler.com/docs/token-formats (dp.st., dp.ct., dp.sa., dp.scim.)',
    examples: { match: [`dp.st.${fill(43, ALNUM, 45)}`], miss: [`dp.st.${fill(10, ALNUM, 45)}`] },
  },
  {
    id: 'jwt', kind: 'JSON Web Token', envName: 'JWT_TOKEN',
    pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g, keywords: ['eyJ'],
    requiresName: secretLike, validate: jwtHeaderHasAlg, verify: jwtLooksIssued,
    source: 'https://www.rfc-editor.org/rfc/rfc7519 (header with alg, claims, signature; base64url)',
    examples: {
      match: [`${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"mcp-server","iat":1735689600}').toString('base64url')}.${fill(43, B64URL, 5)}`],
      holder: 'authToken',
      miss: [`${Buffer.from('{"typ":"JWT","kid":"abc"}').toString('base64url')}.${Buffer.from('{"sub":"mcp-server"}').toString('base64url')}.${fill(43, B64URL, 6)}`],
      missHolder: 'authToken',
    },
  },
];

/**
 * `sk-` followed by a long random string is how OpenAI-compatible providers (Moonshot/Kimi,
 * DeepSeek, many gateways) issue keys. Last in the table, so every named format wins; its check is
 * the value's own randomness, since these providers publish no structure.
 */
const OPENAI_COMPATIBLE: Detector = {
  id: 'openai-compatible-api-key', kind: 'API key (sk-, OpenAI-compatible provider)', envName: 'API_KEY',
  pattern: /\b(sk-[A-Za-z0-9]{32,64})(?![A-Za-z0-9_-])/g, keywords: ['sk-'],
  verify: (s) => looksGenerated(s.slice(3)),
  source: 'https://platform.moonshot.ai/docs/api/chat (Bearer sk-… keys) and https://api-docs.deepseek.com/ (OpenAI-compatible API keys)',
  examples: { match: [`sk-${fill(48, ALNUM, 51)}`], miss: [`sk-${fill(12, ALNUM, 52)}`, 'sk-abcdefghijklmnopqrstuvwxyzabcdefghijkl'] },
};

/** Mixed letters and digits with the entropy of a generated value (not a word run or a sequence). */
function looksGenerated(body: string): boolean {
  return /[A-Z]/.test(body) && /[a-z]/.test(body) && /[0-9]/.test(body) && shannonEntropy(body) >= 4;
}

/**
 * Every format, the built-in ones first (they carry the checks the rest of the core was written
 * against), then the providers MCP servers talk to (providers.ts), then the catch-all `sk-` shape.
 */
export const DETECTORS: readonly Detector[] = [...BUILTIN_DETECTORS, ...PROVIDER_DETECTORS, OPENAI_COMPATIBLE];

export const DETECTOR_BY_ID: ReadonlyMap<string, Detector> = new Map(DETECTORS.map((d) => [d.id, d]));

/** Every keyword of every format, longest first: what a text must contain for the table to run. */
export const DETECTOR_KEYWORDS: readonly string[] = [...new Set(DETECTORS.flatMap((d) => d.keywords))].sort((a, b) => b.length - a.length);

/** Formats without a literal keyword (the name-gated AWS secret key) need a run of 40 of these. */
const KEYWORDLESS_SHAPE = asciiClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+');

/**
 * Keywords distinctive enough to prefilter with. Two-character ones (`MT` of Discord tokens, `SK`,
 * `s.`) and everyday syllables (`pat`, `-us`) occur in most text, so the formats that have only such
 * keywords are prefiltered by their own pattern instead.
 */
export function indexKeywords(d: Detector): readonly string[] {
  return d.keywords.filter((k) => k.length >= 3 && k !== 'pat' && k !== '-us');
}

const KEYWORDS = new KeywordIndex(DETECTORS.flatMap(indexKeywords));
const SHAPE_GATED: readonly RegExp[] = DETECTORS.filter((d) => d.keywords.length && !indexKeywords(d).length)
  .map((d) => d.hint ?? new RegExp(d.pattern.source, d.pattern.flags.replace('g', '')));

/** Cheap gate: a keyword of some format, or the shape of one that has no usable keyword. */
export function hasDetectorHint(text: string): boolean {
  return KEYWORDS.any(text) || hasRunOf(text, KEYWORDLESS_SHAPE, 40) || SHAPE_GATED.some((re) => re.test(text));
}

/** The detectors' keywords present in a text: each format's regex runs only when one of its own is there. */
export function keywordsIn(text: string): ReadonlySet<string> {
  return KEYWORDS.all(text);
}

/** The provider prefixes a placeholder check strips before judging the rest (`sk-proj-xxxx`). */
export const KNOWN_PREFIXES: readonly string[] = DETECTOR_KEYWORDS.filter((k) => k.length >= 2 && !/\s/.test(k));

/** Default environment variable names, by detector id, for fixes whose holder has no usable name. */
export const PROVIDER_ENV_NAMES: Readonly<Record<string, string>> = Object.fromEntries(DETECTORS.map((d) => [d.id, d.envName]));
