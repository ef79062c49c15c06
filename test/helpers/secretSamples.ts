/**
 * One known-format secret per detector (with the holder name it needs) and a near-miss negative.
 * Shared by the detector tests and the never-echo tests.
 */
import { ALNUM, HEX, randomString as r, UPPER_NUM } from './random.js';

const B64URL = ALNUM + '-_';
const jwtPart = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const JWT = `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: 'mcp-server', iat: 1735689600 })}.${r(43, B64URL, 5)}`;
const JWT_NO_ALG = `${jwtPart({ typ: 'JWT', kid: 'abc' })}.${jwtPart({ sub: 'mcp-server' })}.${r(43, B64URL, 6)}`;

/**
 * Every detector: a positive (with the holder name it needs, if any) and a near-miss negative
 * that differs in one telling way (length, prefix, holder, placeholder body).
 */
export const DETECTOR_SAMPLES: { id: string; positive: string; holder?: string; negative: string; negativeHolder?: string }[] = [
  { id: 'private-key', positive: `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${r(60, ALNUM, 1)}\n-----END RSA PRIVATE KEY-----`, negative: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----' },
  { id: 'anthropic-api-key', positive: `sk-ant-api03-${r(93, B64URL, 2)}AA`, negative: `sk-ant-api03-${'x'.repeat(93)}` },
  { id: 'openai-api-key', positive: `sk-proj-${r(48, B64URL, 3)}`, negative: 'sk-proj-...' },
  { id: 'stripe-live-key', positive: `sk_live_${r(24, ALNUM, 4)}`, negative: `pk_live_${r(24, ALNUM, 4)}` },
  { id: 'stripe-test-key', positive: `sk_test_${r(24, ALNUM, 7)}`, negative: `sk_test_${r(10, ALNUM, 7)}` },
  { id: 'github-token', positive: `ghp_${r(36, ALNUM, 8)}`, negative: `ghp_${'x'.repeat(36)}` },
  { id: 'github-fine-grained-pat', positive: `github_pat_${r(22, ALNUM, 9)}_${r(59, ALNUM, 10)}`, negative: `github_pat_${r(12, ALNUM, 9)}` },
  { id: 'gitlab-pat', positive: `glpat-${r(20, B64URL, 11)}`, negative: `glpat-${r(12, ALNUM, 11)}` },
  { id: 'slack-token', positive: `xoxb-${r(12, '0123456789', 12)}-${r(13, '0123456789', 13)}-${r(24, ALNUM, 14)}`, negative: 'xoxb-your-token-here' },
  { id: 'slack-app-token', positive: `xapp-1-A${r(10, UPPER_NUM, 15)}-${r(13, '0123456789', 16)}-${r(64, 'abcdef0123456789', 17)}`, negative: 'xapp-1-example' },
  { id: 'slack-webhook', positive: `https://hooks.slack.com/services/T${r(8, UPPER_NUM, 18)}/B${r(10, UPPER_NUM, 19)}/${r(24, ALNUM, 20)}`, negative: 'https://hooks.slack.com/services/' },
  { id: 'google-api-key', positive: `AIza${r(35, B64URL, 21)}`, negative: `AIza${r(20, B64URL, 21)}` },
  { id: 'google-oauth-secret', positive: `GOCSPX-${r(28, B64URL, 22)}`, negative: `GOCSPX-${r(12, B64URL, 22)}` },
  { id: 'vault-token', positive: `hvs.${r(90, B64URL, 23)}`, negative: `hvs.${r(10, ALNUM, 23)}` },
  { id: 'vault-legacy-token', positive: `s.${r(24, ALNUM, 24)}`, holder: 'VAULT_TOKEN', negative: `s.${r(24, ALNUM, 24)}`, negativeHolder: 'sessionName' },
  { id: 'npm-token', positive: `npm_${r(36, ALNUM, 25)}`, negative: `npm_${r(20, ALNUM, 25)}` },
  { id: 'huggingface-token', positive: `hf_${r(34, ALNUM, 26)}`, negative: `hf_${r(12, ALNUM, 26)}` },
  { id: 'sendgrid-api-key', positive: `SG.${r(22, B64URL, 27)}.${r(43, B64URL, 28)}`, negative: `SG.${r(22, B64URL, 27)}` },
  { id: 'twilio-api-key', positive: `SK${r(32, HEX, 29)}`, holder: 'TWILIO_API_KEY', negative: `SK${r(32, HEX, 29)}`, negativeHolder: 'buildSku' },
  { id: 'aws-access-key-id', positive: `AKIA${r(16, UPPER_NUM, 30)}`, negative: 'AKIAIOSFODNN7EXAMPLE' },
  { id: 'aws-secret-access-key', positive: `${r(20, ALNUM, 31)}/${r(19, ALNUM + '+', 32)}`, holder: 'AWS_SECRET_ACCESS_KEY', negative: `${r(20, ALNUM, 31)}/${r(19, ALNUM + '+', 32)}`, negativeHolder: 'commitSha' },
  { id: 'azure-storage-key', positive: `DefaultEndpointsProtocol=https;AccountName=mcpstore;AccountKey=${r(86, ALNUM + '+/', 33)}==;EndpointSuffix=core.windows.net`, negative: 'DefaultEndpointsProtocol=https;AccountName=mcpstore;AccountKey=<key>;' },
  { id: 'shopify-token', positive: `shpat_${r(32, HEX, 34)}`, negative: `shpat_${r(16, HEX, 34)}` },
  { id: 'digitalocean-token', positive: `dop_v1_${r(64, HEX, 35)}`, negative: `dop_v1_${r(20, HEX, 35)}` },
  { id: 'linear-api-key', positive: `lin_api_${r(40, ALNUM, 36)}`, negative: `lin_api_${r(12, ALNUM, 36)}` },
  { id: 'supabase-token', positive: `sbp_${r(40, HEX, 37)}`, negative: `sbp_${r(12, HEX, 37)}` },
  { id: 'groq-api-key', positive: `gsk_${r(52, ALNUM, 38)}`, negative: `gsk_${r(20, ALNUM, 38)}` },
  { id: 'replicate-token', positive: `r8_${r(37, ALNUM, 39)}`, negative: `r8_${r(20, ALNUM, 39)}` },
  { id: 'perplexity-api-key', positive: `pplx-${r(48, ALNUM, 40)}`, negative: `pplx-${r(12, ALNUM, 40)}` },
  { id: 'xai-api-key', positive: `xai-${r(80, ALNUM, 41)}`, negative: `xai-${r(20, ALNUM, 41)}` },
  { id: 'tavily-api-key', positive: `tvly-${r(32, ALNUM, 42)}`, negative: 'tvly-' },
  { id: 'postman-api-key', positive: `PMAK-${r(24, HEX, 43)}-${r(34, HEX, 44)}`, negative: `PMAK-${r(24, HEX, 43)}` },
  { id: 'doppler-token', positive: `dp.st.${r(43, ALNUM, 45)}`, negative: `dp.st.${r(10, ALNUM, 45)}` },
  { id: 'jwt', positive: JWT, holder: 'authToken', negative: JWT_NO_ALG, negativeHolder: 'authToken' },
];


/** Samples that a scan of `NAME = "value"` text finds (holder names included). */
export function echoSamples(): { id: string; secret: string; holder: string }[] {
  return DETECTOR_SAMPLES.map((c) => ({ id: c.id, secret: c.positive, holder: c.holder ?? `${c.id.replace(/-/g, '_').toUpperCase()}_SECRET` }));
}
