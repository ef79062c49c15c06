import { atlassianChecksumOk, base62, bech32ChecksumOk, bech32HrpExpand, bech32Polymod, cloudflareChecksumOk, crc32Hex, decodesToJsonWith, discordIdSegmentOk, grafanaSaChecksum, grafanaSaChecksumOk, hasBase62Crc32Tail, withCrc32Suffix } from './checksums.js';
import { ALNUM, B64, B64URL, HEX, LOWER_NUM, UPPER_NUM, fill, type Detector } from './detector.js';
import { nameMentions } from './names.js';

/**
 * Provider credential formats beyond the core table (detectors.ts), chosen for the services MCP
 * servers talk to. Each entry is data in the shape of detector.ts: a prefixed pattern (group 1 is
 * the secret), the literal prefixes every match contains, the environment variable a fix names, the
 * page that documents the format, and examples that build their values with `fill` (no literal key
 * is written here). `verify` is present only where the format carries a checkable structure (a
 * CRC32 suffix, a Bech32 checksum, a decodable JSON payload).
 */

const DIGITS = '0123456789';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

const GITLEAKS = 'https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules';
const TRUFFLEHOG = 'https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors';

// --- Example builders (deterministic, not real keys) -----------------------------------------

/** A Bech32 string over `bytes`, upper-cased: the shape of an age identity with a valid checksum. */
function bech32Example(hrp: string, bytes: readonly number[]): string {
  const data: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) data.push((acc >>> (bits -= 5)) & 31);
  }
  if (bits > 0) data.push((acc << (5 - bits)) & 31);
  const mod = bech32Polymod([...bech32HrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const sum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...data, ...sum].map((v) => BECH32[v]).join('')}`.toUpperCase();
}
const bytesOf = (len: number, seed: number) => [...fill(len * 2, HEX, seed).matchAll(/../g)].map((m) => parseInt(m[0], 16));

const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const withCloudflareSum = (prefix: string, body40: string) => `${prefix}${body40}${crc32Hex(body40)}`;
const withAtlassianSum = (head: string) => `${head}${crc32Hex(head).toUpperCase()}`;
const withGrafanaSum = (head: string) => `${head}_${grafanaSaChecksum(head)}`;

// --- GitLab's prefixed tokens share one body: base64url, optionally a routable `.vv.llccccccc` tail.

const GITLAB_BODY = '[A-Za-z0-9_-]{20,}(?:\\.[A-Za-z0-9_-]{2,}){0,2}';
const GITLAB_DOCS = 'https://docs.gitlab.com/security/tokens/#token-prefixes';
const gitlabPattern = (prefix: string) => new RegExp(`\\b(${prefix}${GITLAB_BODY})(?![A-Za-z0-9_-])`, 'g');

function gitlab(id: string, kind: string, prefix: string, envName: string, seed: number): Detector {
  return {
    id,
    kind,
    pattern: gitlabPattern(prefix),
    keywords: [prefix],
    envName,
    source: GITLAB_DOCS,
    examples: {
      match: [`${prefix}${fill(20, B64URL, seed)}`, `${prefix}${fill(27, B64URL, seed + 1)}.01.${fill(9, LOWER_NUM, seed + 2)}`],
      miss: [`${prefix}${fill(12, B64URL, seed + 3)}`],
    },
  };
}

export const PROVIDER_DETECTORS: readonly Detector[] = [
  // --- Notion -------------------------------------------------------------------------------
  {
    id: 'notion-token',
    kind: 'Notion integration token',
    pattern: /\b(ntn_[0-9]{11}[A-Za-z0-9]{35})(?![A-Za-z0-9_])/g,
    keywords: ['ntn_'],
    envName: 'NOTION_TOKEN',
    source: `${GITLEAKS}/notion.go`,
    examples: {
      match: [`ntn_${fill(11, DIGITS, 101)}${fill(35, ALNUM, 102)}`],
      miss: [`ntn_${fill(11, DIGITS, 103)}${fill(20, ALNUM, 104)}`, `ntn_${fill(11, 'abcdefghij', 105)}${fill(35, ALNUM, 106)}`],
    },
  },
  {
    id: 'notion-legacy-token',
    kind: 'Notion integration token',
    pattern: /\b(secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_])/g,
    keywords: ['secret_'],
    envName: 'NOTION_TOKEN',
    source: `${TRUFFLEHOG}/notion/notion.go`,
    requiresName: (n) => nameMentions(n, 'notion'),
    examples: {
      match: [`secret_${fill(43, ALNUM, 111)}`],
      miss: [`secret_${fill(43, ALNUM, 112)}`, `secret_${fill(30, ALNUM, 113)}`],
      holder: 'NOTION_TOKEN',
      missHolder: 'GITHUB_CLIENT_SECRET',
    },
  },

  // --- Sentry -------------------------------------------------------------------------------
  {
    id: 'sentry-user-token',
    kind: 'Sentry user auth token',
    pattern: /\b(sntry[uai]_[a-f0-9]{64})(?![A-Za-z0-9_])/g,
    keywords: ['sntryu_', 'sntrya_', 'sntryi_'],
    envName: 'SENTRY_AUTH_TOKEN',
    source: 'https://docs.sentry.io/security-legal-pii/security/token-formats/',
    examples: {
      match: [`sntryu_${fill(64, HEX, 121)}`],
      miss: [`sntryu_${fill(63, HEX, 122)}`, `sntryx_${fill(64, HEX, 123)}`],
    },
  },
  {
    id: 'sentry-org-token',
    kind: 'Sentry organization auth token',
    pattern: /\b(sntrys_[A-Za-z0-9+/=]{20,400}_[A-Za-z0-9+/]{43})(?![A-Za-z0-9+/=_])/g,
    keywords: ['sntrys_'],
    envName: 'SENTRY_AUTH_TOKEN',
    source: 'https://docs.sentry.io/security-legal-pii/security/token-formats/',
    // The payload between the prefix and the secret is base64 JSON ({"iat":…,"url":…,"org":…}).
    verify: (s) => decodesToJsonWith(s.slice('sntrys_'.length, s.lastIndexOf('_')), 'iat'),
    examples: {
      match: [
        `sntrys_${b64json({ iat: 1717000000.5, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: `org-${fill(8, LOWER_NUM, 131)}` })}_${fill(43, B64, 132)}`,
      ],
      miss: [`sntrys_${b64json({ iat: 1717000000.5, org: fill(8, LOWER_NUM, 133) })}_${fill(20, B64, 134)}`],
    },
  },

  // --- Design, docs and collaboration ---------------------------------------------------------
  {
    id: 'figma-pat',
    kind: 'Figma personal access token',
    pattern: /\b(figd_[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/g,
    keywords: ['figd_'],
    envName: 'FIGMA_ACCESS_TOKEN',
    source: `${TRUFFLEHOG}/figmapersonalaccesstoken/v2/figmapersonalaccesstoken_v2.go`,
    examples: {
      match: [`figd_${fill(40, B64URL, 141)}`],
      miss: [`figd_${fill(24, B64URL, 142)}`, `figx_${fill(40, B64URL, 143)}`],
    },
  },
  {
    id: 'atlassian-api-token',
    kind: 'Atlassian API token',
    pattern: /\b(AT(?:AT|CT)T3[A-Za-z0-9_=-]{100,400}=[A-Fa-f0-9]{8})(?![A-Za-z0-9_=-])/g,
    keywords: ['ATATT3', 'ATCTT3'],
    envName: 'ATLASSIAN_API_TOKEN',
    source: `${GITLEAKS}/atlassian.go`,
    verify: atlassianChecksumOk,
    examples: {
      match: [withAtlassianSum(`ATATT3${fill(177, B64URL, 151)}=`), withAtlassianSum(`ATCTT3${fill(177, B64URL, 152)}=`)],
      miss: [`ATATT3${fill(186, B64URL, 153)}`, withAtlassianSum(`ATATT3${fill(40, B64URL, 154)}=`)],
    },
  },
  {
    id: 'airtable-pat',
    kind: 'Airtable personal access token',
    pattern: /\b(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})(?![A-Za-z0-9_])/g,
    hint: /pat[A-Za-z0-9]{14}\./, keywords: ['pat'],
    envName: 'AIRTABLE_API_KEY',
    source: `${GITLEAKS}/airtable.go`,
    examples: {
      match: [`pat${fill(14, ALNUM, 161)}.${fill(64, HEX, 162)}`],
      miss: [`pat${fill(14, ALNUM, 163)}.${fill(40, HEX, 164)}`],
    },
  },

  // --- Web data, search and browsers ----------------------------------------------------------
  {
    id: 'firecrawl-api-key',
    kind: 'Firecrawl API key',
    pattern: /(?<![A-Za-z0-9_-])(fc-[a-f0-9]{32})(?![A-Za-z0-9_-])/g,
    keywords: ['fc-'],
    envName: 'FIRECRAWL_API_KEY',
    source: 'https://docs.firecrawl.dev/api-reference/v2-introduction',
    examples: {
      match: [`fc-${fill(32, HEX, 171)}`],
      miss: [`fc-${fill(32, UPPER_NUM, 172)}`, `sync-fc-${fill(32, HEX, 173)}`],
    },
  },
  {
    id: 'brave-search-api-key',
    kind: 'Brave Search API key',
    pattern: /\b(BSA[A-Za-z0-9_-]{25,45})(?![A-Za-z0-9_-])/g,
    keywords: ['BSA'],
    envName: 'BRAVE_API_KEY',
    source: 'https://docs.gitguardian.com/secrets-detection/secrets-detection-engine/detectors/specifics/brave_search_apikey',
    // A bare `BSA` prefix also starts identifiers: a key mixes case and digits.
    validate: (s) => /[a-z]/.test(s.slice(3)) && /[A-Z]/.test(s.slice(3)) && /[0-9]/.test(s.slice(3)),
    examples: {
      match: [`BSA${fill(28, B64URL, 181)}`],
      miss: ['BSAPIClientFactoryImplementationDefault', `BSA${fill(12, ALNUM, 182)}`],
    },
  },
  {
    id: 'browserbase-api-key',
    kind: 'Browserbase API key',
    pattern: /\b(bb_live_[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/g,
    keywords: ['bb_live_'],
    envName: 'BROWSERBASE_API_KEY',
    source: 'https://docs.browserbase.com/introduction/getting-started',
    examples: {
      match: [`bb_live_${fill(27, B64URL, 191)}`],
      miss: [`bb_live_${fill(10, B64URL, 192)}`],
    },
  },
  {
    id: 'apify-api-token',
    kind: 'Apify API token',
    pattern: /\b(apify_api_[A-Za-z0-9-]{36})(?![A-Za-z0-9_-])/g,
    keywords: ['apify_api_'],
    envName: 'APIFY_TOKEN',
    source: `${TRUFFLEHOG}/apify/apify.go`,
    examples: {
      match: [`apify_api_${fill(36, ALNUM, 201)}`],
      miss: [`apify_api_${fill(20, ALNUM, 202)}`],
    },
  },

  // --- LLM gateways and vector stores ---------------------------------------------------------
  {
    id: 'openrouter-api-key',
    kind: 'OpenRouter API key',
    pattern: /\b(sk-or-v1-[a-f0-9]{64})(?![A-Za-z0-9_-])/g,
    keywords: ['sk-or-v1-'],
    envName: 'OPENROUTER_API_KEY',
    source: `${TRUFFLEHOG}/openrouter/openrouter.go`,
    examples: {
      match: [`sk-or-v1-${fill(64, HEX, 211)}`],
      miss: [`sk-or-v1-${fill(48, HEX, 212)}`, `sk-or-v1-${fill(64, ALNUM, 213)}`],
    },
  },
  {
    id: 'deepseek-api-key',
    kind: 'DeepSeek API key',
    pattern: /\b(sk-[a-f0-9]{32})(?![A-Za-z0-9_-])/g,
    keywords: ['sk-'],
    envName: 'DEEPSEEK_API_KEY',
    source: `${TRUFFLEHOG}/deepseek/deepseek.go`,
    // `sk-` + 32 hex is not DeepSeek's alone: only under a name that says DeepSeek.
    requiresName: (n) => !!n && /deep[-_.]?seek/i.test(n),
    examples: {
      match: [`sk-${fill(32, HEX, 221)}`],
      miss: [`sk-${fill(32, HEX, 222)}`, `sk-${fill(20, HEX, 223)}`],
      holder: 'DEEPSEEK_API_KEY',
      missHolder: 'OPENAI_API_KEY',
    },
  },
  {
    id: 'pinecone-api-key',
    kind: 'Pinecone API key',
    pattern: /\b(pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63})(?![A-Za-z0-9_])/g,
    keywords: ['pcsk_'],
    envName: 'PINECONE_API_KEY',
    source: `${TRUFFLEHOG}/pinecone/pinecone.go`,
    examples: {
      match: [`pcsk_${fill(6, ALNUM, 231)}_${fill(63, ALNUM, 232)}`],
      miss: [`pcsk_${fill(6, ALNUM, 233)}_${fill(40, ALNUM, 234)}`],
    },
  },
  {
    id: 'langsmith-api-key',
    kind: 'LangSmith API key',
    pattern: /\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})(?![A-Za-z0-9_])/g,
    keywords: ['lsv2_pt_', 'lsv2_sk_'],
    envName: 'LANGSMITH_API_KEY',
    source: `${TRUFFLEHOG}/langsmith/langsmith.go`,
    examples: {
      match: [`lsv2_pt_${fill(32, HEX, 241)}_${fill(10, HEX, 242)}`, `lsv2_sk_${fill(32, HEX, 243)}_${fill(10, HEX, 244)}`],
      miss: [`lsv2_pt_${fill(32, HEX, 245)}`],
    },
  },

  // --- Databases and data platforms ---------------------------------------------------------
  {
    id: 'neon-api-key',
    kind: 'Neon API key',
    pattern: /\b(napi_[a-z0-9]{64})(?![A-Za-z0-9_])/g,
    keywords: ['napi_'],
    envName: 'NEON_API_KEY',
    source: 'https://neon.com/docs/manage/api-keys',
    examples: {
      match: [`napi_${fill(64, LOWER_NUM, 251)}`],
      miss: [`napi_${fill(30, LOWER_NUM, 252)}`, `napi_${fill(64, UPPER_NUM, 253)}`],
    },
  },
  {
    id: 'supabase-secret-key',
    kind: 'Supabase secret key',
    pattern: /\b(sb_secret_[A-Za-z0-9_-]{20,80})(?![A-Za-z0-9_-])/g,
    keywords: ['sb_secret_'],
    envName: 'SUPABASE_SECRET_KEY',
    source: 'https://supabase.com/docs/guides/api/api-keys',
    examples: {
      match: [`sb_secret_${fill(22, B64URL, 261)}_${fill(8, ALNUM, 262)}`],
      miss: [`sb_secret_${fill(10, ALNUM, 263)}`, `sb_publishable_${fill(31, ALNUM, 264)}`],
    },
  },
  {
    id: 'planetscale-token',
    kind: 'PlanetScale token',
    pattern: /\b(pscale_(?:tkn|oauth)_[A-Za-z0-9_]{32,64})(?![A-Za-z0-9_])/g,
    keywords: ['pscale_tkn_', 'pscale_oauth_'],
    envName: 'PLANETSCALE_SERVICE_TOKEN',
    source: `${GITLEAKS}/planetscale.go`,
    examples: {
      match: [`pscale_tkn_${fill(43, ALNUM, 271)}`, `pscale_oauth_${fill(43, ALNUM, 272)}`],
      miss: [`pscale_tkn_${fill(16, ALNUM, 273)}`],
    },
  },
  {
    id: 'planetscale-password',
    kind: 'PlanetScale database password',
    pattern: /\b(pscale_pw_[A-Za-z0-9_]{32,64})(?![A-Za-z0-9_])/g,
    keywords: ['pscale_pw_'],
    envName: 'DATABASE_PASSWORD',
    source: `${GITLEAKS}/planetscale.go`,
    examples: {
      match: [`pscale_pw_${fill(43, ALNUM, 281)}`],
      miss: [`pscale_pw_${fill(16, ALNUM, 282)}`],
    },
  },
  {
    id: 'databricks-token',
    kind: 'Databricks personal access token',
    pattern: /\b(dapi[a-f0-9]{32}(?:-[0-9])?)(?![A-Za-z0-9_-])/g,
    keywords: ['dapi'],
    envName: 'DATABRICKS_TOKEN',
    source: `${GITLEAKS}/databricks.go`,
    examples: {
      match: [`dapi${fill(32, HEX, 291)}`, `dapi${fill(32, HEX, 292)}-2`],
      miss: [`dapi${fill(20, HEX, 293)}`, `dapi${fill(32, UPPER_NUM, 294)}`],
    },
  },

  // --- Hosting and deployment -----------------------------------------------------------------
  {
    id: 'vercel-token',
    kind: 'Vercel token',
    pattern: /\b(vc[pirak]_[A-Za-z0-9]{40,80})(?![A-Za-z0-9_])/g,
    keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    envName: 'VERCEL_TOKEN',
    source: 'https://vercel.com/changelog/new-token-formats-and-secret-scanning',
    // Observed: 50 random characters and their CRC32 in base62 (6), like GitHub's tokens.
    verify: (s) => hasBase62Crc32Tail(s.slice(4)),
    examples: {
      match: [withCrc32Suffix('vcp_', fill(50, ALNUM, 301)), withCrc32Suffix('vck_', fill(50, ALNUM, 302))],
      miss: [`vcp_${fill(24, ALNUM, 303)}`, withCrc32Suffix('vcx_', fill(50, ALNUM, 304))],
    },
  },
  {
    id: 'cloudflare-api-token',
    kind: 'Cloudflare API token',
    pattern: /\b(cf(?:k|ut|at)_[A-Za-z0-9]{40}[a-f0-9]{8})(?![A-Za-z0-9_])/g,
    keywords: ['cfk_', 'cfut_', 'cfat_'],
    envName: 'CLOUDFLARE_API_TOKEN',
    source: 'https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/',
    verify: cloudflareChecksumOk,
    examples: {
      match: [withCloudflareSum('cfut_', fill(40, ALNUM, 311)), withCloudflareSum('cfat_', fill(40, ALNUM, 312)), withCloudflareSum('cfk_', fill(40, ALNUM, 313))],
      miss: [`cfut_${fill(40, ALNUM, 314)}`, withCloudflareSum('cfxt_', fill(40, ALNUM, 315))],
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    kind: 'Cloudflare Origin CA key',
    pattern: /\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9_-])/g,
    keywords: ['v1.0-'],
    envName: 'CLOUDFLARE_API_USER_SERVICE_KEY',
    source: `${GITLEAKS}/cloudflare.go`,
    examples: {
      match: [`v1.0-${fill(24, HEX, 321)}-${fill(146, HEX, 322)}`],
      miss: [`v1.0-${fill(24, HEX, 323)}-${fill(60, HEX, 324)}`],
    },
  },
  {
    id: 'heroku-api-key',
    kind: 'Heroku API key',
    pattern: /\b(HRKU-[A-Za-z0-9_-]{60})(?![A-Za-z0-9_-])/g,
    keywords: ['HRKU-'],
    envName: 'HEROKU_API_KEY',
    source: `${GITLEAKS}/heroku.go`,
    examples: {
      match: [`HRKU-AA${fill(58, B64URL, 331)}`],
      miss: [`HRKU-AA${fill(30, B64URL, 332)}`],
    },
  },
  {
    id: 'flyio-token',
    kind: 'Fly.io token',
    pattern: /\b(fo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,}={0,3})/g,
    keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    envName: 'FLY_API_TOKEN',
    source: `${GITLEAKS}/flyio.go`,
    examples: {
      match: [`fo1_${fill(43, B64URL, 341)}`, `fm2_${fill(160, B64, 342)}`],
      miss: [`fo1_${fill(20, B64URL, 343)}`, `fm2_${fill(40, B64, 344)}`],
    },
  },
  {
    id: 'render-api-key',
    kind: 'Render API key',
    pattern: /\b(rnd_[A-Za-z0-9]{24,40})(?![A-Za-z0-9_])/g,
    keywords: ['rnd_'],
    envName: 'RENDER_API_KEY',
    source: 'https://render.com/docs/api',
    examples: {
      match: [`rnd_${fill(28, ALNUM, 351)}`],
      miss: [`rnd_${fill(12, ALNUM, 352)}`],
    },
  },
  {
    id: 'netlify-token',
    kind: 'Netlify personal access token',
    pattern: /\b(nfp_[A-Za-z0-9_]{36,40})(?![A-Za-z0-9_])/g,
    keywords: ['nfp_'],
    envName: 'NETLIFY_AUTH_TOKEN',
    source: `${TRUFFLEHOG}/netlify/v2/netlify_v2.go`,
    examples: {
      match: [`nfp_${fill(36, ALNUM, 361)}`],
      miss: [`nfp_${fill(20, ALNUM, 362)}`],
    },
  },
  {
    id: 'dockerhub-token',
    kind: 'Docker Hub access token',
    pattern: /\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?![A-Za-z0-9_-])/g,
    keywords: ['dckr_pat_', 'dckr_oat_'],
    envName: 'DOCKERHUB_TOKEN',
    source: 'https://docs.docker.com/reference/api/hub/latest/operations/AuthCreateAccessToken/',
    examples: {
      match: [`dckr_pat_${fill(27, B64URL, 371)}`, `dckr_oat_${fill(32, B64URL, 372)}`],
      miss: [`dckr_pat_${fill(15, B64URL, 373)}`],
    },
  },
  {
    id: 'pulumi-access-token',
    kind: 'Pulumi access token',
    pattern: /\b(pul-[a-f0-9]{40})(?![A-Za-z0-9_-])/g,
    keywords: ['pul-'],
    envName: 'PULUMI_ACCESS_TOKEN',
    source: `${GITLEAKS}/pulumi.go`,
    examples: {
      match: [`pul-${fill(40, HEX, 381)}`],
      miss: [`pul-${fill(30, HEX, 382)}`],
    },
  },
  {
    id: 'terraform-cloud-token',
    kind: 'HCP Terraform API token',
    pattern: /\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/g,
    keywords: ['.atlasv1.'],
    envName: 'TFE_TOKEN',
    source: `${GITLEAKS}/hashicorp.go`,
    examples: {
      match: [`${fill(14, ALNUM, 391)}.atlasv1.${fill(67, B64URL, 392)}`],
      miss: [`${fill(14, ALNUM, 393)}.atlasv1.${fill(30, B64URL, 394)}`],
    },
  },
  {
    id: 'buildkite-api-token',
    kind: 'Buildkite API access token',
    pattern: /\b(bkua_[a-z0-9]{40})(?![A-Za-z0-9_])/g,
    keywords: ['bkua_'],
    envName: 'BUILDKITE_API_TOKEN',
    source: `${TRUFFLEHOG}/buildkite/v2/buildkite.go`,
    examples: {
      match: [`bkua_${fill(40, LOWER_NUM, 401)}`],
      miss: [`bkua_${fill(25, LOWER_NUM, 402)}`],
    },
  },

  // --- GitLab's other token types (personal access tokens are in the core table) --------------
  gitlab('gitlab-deploy-token', 'GitLab deploy token', 'gldt-', 'GITLAB_DEPLOY_TOKEN', 411),
  gitlab('gitlab-runner-token', 'GitLab runner authentication token', 'glrt-', 'CI_SERVER_TOKEN', 415),
  gitlab('gitlab-runner-registration-token', 'GitLab runner registration token', 'GR1348941', 'REGISTRATION_TOKEN', 419),
  gitlab('gitlab-trigger-token', 'GitLab pipeline trigger token', 'glptt-', 'GITLAB_TRIGGER_TOKEN', 423),
  gitlab('gitlab-ci-job-token', 'GitLab CI/CD job token', 'glcbt-', 'CI_JOB_TOKEN', 427),
  gitlab('gitlab-scim-token', 'GitLab SCIM token', 'glsoat-', 'GITLAB_SCIM_TOKEN', 431),
  gitlab('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'gloas-', 'GITLAB_OAUTH_CLIENT_SECRET', 435),
  gitlab('gitlab-feed-token', 'GitLab feed token', 'glft-', 'GITLAB_FEED_TOKEN', 439),
  gitlab('gitlab-incoming-mail-token', 'GitLab incoming email token', 'glimt-', 'GITLAB_INCOMING_EMAIL_TOKEN', 443),
  gitlab('gitlab-agent-token', 'GitLab agent for Kubernetes token', 'glagent-', 'GITLAB_AGENT_TOKEN', 447),
  gitlab('gitlab-feature-flags-token', 'GitLab feature flags client token', 'glffct-', 'UNLEASH_INSTANCE_ID', 451),

  // --- Observability ----------------------------------------------------------------------
  {
    id: 'datadog-access-token',
    kind: 'Datadog access token',
    pattern: /\b(dd(?:pat|sat|app?)_[A-Za-z0-9]{32,64})(?![A-Za-z0-9_])/g,
    keywords: ['ddpat_', 'ddsat_', 'ddap_', 'ddapp_'],
    envName: 'DD_APP_KEY',
    source: 'https://docs.datadoghq.com/account_management/personal-access-tokens/',
    examples: {
      match: [`ddpat_${fill(40, ALNUM, 461)}`, `ddapp_${fill(34, ALNUM, 462)}`],
      miss: [`ddpat_${fill(16, ALNUM, 463)}`, `ddxyz_${fill(40, ALNUM, 464)}`],
    },
  },
  {
    id: 'newrelic-user-key',
    kind: 'New Relic user API key',
    pattern: /\b(NRAK-[A-Za-z0-9]{27})(?![A-Za-z0-9_-])/g,
    keywords: ['NRAK-'],
    envName: 'NEW_RELIC_API_KEY',
    source: `${GITLEAKS}/newrelic.go`,
    examples: {
      match: [`NRAK-${fill(27, UPPER_NUM, 471)}`],
      miss: [`NRAK-${fill(15, UPPER_NUM, 472)}`],
    },
  },
  {
    id: 'newrelic-insert-key',
    kind: 'New Relic Insights insert key',
    pattern: /\b(NRII-[A-Za-z0-9_-]{25,32})(?![A-Za-z0-9_-])/g,
    keywords: ['NRII-'],
    envName: 'NEW_RELIC_INSERT_KEY',
    source: `${GITLEAKS}/newrelic.go`,
    examples: {
      match: [`NRII-${fill(32, B64URL, 481)}`],
      miss: [`NRII-${fill(12, B64URL, 482)}`],
    },
  },
  {
    id: 'newrelic-browser-key',
    kind: 'New Relic browser ingest key',
    pattern: /\b(NRJS-[a-f0-9]{19})(?![A-Za-z0-9_-])/g,
    keywords: ['NRJS-'],
    envName: 'NEW_RELIC_BROWSER_KEY',
    source: `${GITLEAKS}/newrelic.go`,
    examples: {
      match: [`NRJS-${fill(19, HEX, 491)}`],
      miss: [`NRJS-${fill(10, HEX, 492)}`],
    },
  },
  {
    id: 'newrelic-license-key',
    kind: 'New Relic license key',
    pattern: /\b((?:[a-f0-9]{32}|eu01xx[a-f0-9]{26})FFFFNRAL)(?![A-Za-z0-9_-])/g,
    keywords: ['FFFFNRAL'],
    envName: 'NEW_RELIC_LICENSE_KEY',
    source: `${TRUFFLEHOG}/newreliclicensekey/newreliclicensekey.go`,
    examples: {
      match: [`${fill(32, HEX, 501)}FFFFNRAL`, `eu01xx${fill(26, HEX, 502)}FFFFNRAL`],
      miss: [`${fill(20, HEX, 503)}FFFFNRAL`],
    },
  },
  {
    id: 'grafana-cloud-token',
    kind: 'Grafana Cloud access policy token',
    pattern: /\b(glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=_-])/g,
    keywords: ['glc_'],
    envName: 'GRAFANA_CLOUD_ACCESS_POLICY_TOKEN',
    source: `${GITLEAKS}/grafana.go`,
    // The body is base64 JSON: {"o": org id, "n": token name, "k": secret, "m": {"r": region}}.
    verify: (s) => decodesToJsonWith(s.slice(4), 'k'),
    examples: {
      match: [`glc_${b64json({ o: fill(6, DIGITS, 511), n: `stack-${fill(6, LOWER_NUM, 512)}`, k: fill(24, ALNUM, 513), m: { r: 'prod-us-east-0' } })}`],
      miss: [`glc_${fill(20, ALNUM, 514)}`],
    },
  },
  {
    id: 'grafana-service-account-token',
    kind: 'Grafana service account token',
    pattern: /\b(glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})(?![A-Za-z0-9_])/g,
    keywords: ['glsa_'],
    envName: 'GRAFANA_SERVICE_ACCOUNT_TOKEN',
    source: `${GITLEAKS}/grafana.go`,
    verify: grafanaSaChecksumOk,
    examples: {
      match: [withGrafanaSum(`glsa_${fill(32, ALNUM, 521)}`)],
      miss: [`glsa_${fill(32, ALNUM, 522)}`, withGrafanaSum(`glsa_${fill(20, ALNUM, 523)}`)],
    },
  },
  {
    id: 'posthog-personal-api-key',
    kind: 'PostHog personal API key',
    pattern: /\b(phx_[A-Za-z0-9_]{43,48})(?![A-Za-z0-9_])/g,
    keywords: ['phx_'],
    envName: 'POSTHOG_PERSONAL_API_KEY',
    source: `${TRUFFLEHOG}/posthog/posthog.go`,
    examples: {
      match: [`phx_${fill(47, ALNUM, 531)}`],
      miss: [`phx_${fill(20, ALNUM, 532)}`],
    },
  },

  // --- Messaging --------------------------------------------------------------------------
  {
    id: 'telegram-bot-token',
    kind: 'Telegram bot token',
    // The bot id, a colon, then 35 characters starting with `A`; also inside `…/bot<token>/…` URLs.
    pattern: /(?:(?<=\/bot)|(?<![A-Za-z0-9_:]))([0-9]{5,16}:A[A-Za-z0-9_-]{34})(?![A-Za-z0-9_-])/g,
    hint: /:A[A-Za-z0-9_-]{34}/, keywords: [':A'],
    envName: 'TELEGRAM_BOT_TOKEN',
    source: 'https://core.telegram.org/bots/api#authorizing-your-bot',
    examples: {
      match: [`${fill(10, DIGITS, 541)}:AA${fill(33, B64URL, 542)}`, `https://api.telegram.org/bot${fill(9, DIGITS, 543)}:AA${fill(33, B64URL, 544)}/getMe`],
      miss: [`${fill(10, DIGITS, 545)}:AA${fill(12, B64URL, 546)}`, `v${fill(10, DIGITS, 547)}:AA${fill(33, B64URL, 548)}`],
    },
  },
  {
    id: 'discord-bot-token',
    kind: 'Discord bot token',
    // base64(user id) . base64(timestamp) . HMAC; user ids start 1, 7, 8 or 9 → `MT`, `Nz`, `OD`, `OT`.
    pattern: /\b((?:MT|Nz|OD|OT)[A-Za-z0-9_-]{21,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/g,
    hint: /\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27}/, keywords: ['MT', 'Nz', 'OD', 'OT'],
    envName: 'DISCORD_BOT_TOKEN',
    source: `${TRUFFLEHOG}/discordbottoken/discordbottoken.go`,
    validate: discordIdSegmentOk,
    examples: {
      match: [
        `${Buffer.from(`1${fill(18, DIGITS, 551)}`).toString('base64url')}.${fill(6, B64URL, 552)}.${fill(38, B64URL, 553)}`,
        `${Buffer.from(`8${fill(17, DIGITS, 554)}`).toString('base64url')}.${fill(6, B64URL, 555)}.${fill(27, B64URL, 556)}`,
      ],
      miss: [
        `MT${fill(24, ALNUM, 557)}.${fill(6, B64URL, 558)}.${fill(38, B64URL, 559)}`,
        `${Buffer.from(`1${fill(18, DIGITS, 560)}`).toString('base64url')}.${fill(6, B64URL, 561)}.${fill(12, B64URL, 562)}`,
      ],
    },
  },
  {
    id: 'discord-webhook-url',
    kind: 'Discord webhook URL',
    pattern: /(https:\/\/(?:(?:canary|ptb)\.)?discord(?:app)?\.com\/api\/(?:v[0-9]+\/)?webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/g,
    keywords: ['/webhooks/'],
    envName: 'DISCORD_WEBHOOK_URL',
    source: 'https://discord.com/developers/docs/resources/webhook',
    secretPart: (s) => s.slice(s.lastIndexOf('/') + 1),
    examples: {
      match: [`https://discord.com/api/webhooks/1${fill(18, DIGITS, 571)}/${fill(68, B64URL, 572)}`],
      miss: [`https://discord.com/api/webhooks/1${fill(18, DIGITS, 573)}/${fill(20, B64URL, 574)}`, `https://example.com/api/webhooks/1${fill(18, DIGITS, 575)}/${fill(68, B64URL, 576)}`],
    },
  },
  {
    id: 'mailgun-api-key',
    kind: 'Mailgun API key',
    pattern: /(?<![A-Za-z0-9_.-])(key-[a-z0-9]{32})(?![A-Za-z0-9_-])/g,
    keywords: ['key-'],
    envName: 'MAILGUN_API_KEY',
    source: `${GITLEAKS}/mailgun.go`,
    examples: {
      match: [`key-${fill(32, LOWER_NUM, 581)}`],
      miss: [`cache-key-${fill(32, LOWER_NUM, 582)}`, `key-${fill(20, LOWER_NUM, 583)}`, `key-${fill(32, UPPER_NUM, 584)}`],
    },
  },
  {
    id: 'mailchimp-api-key',
    kind: 'Mailchimp API key',
    pattern: /\b([a-f0-9]{32}-us[0-9]{1,2})(?![A-Za-z0-9_-])/g,
    hint: /-us\d/, keywords: ['-us'],
    envName: 'MAILCHIMP_API_KEY',
    source: `${GITLEAKS}/mailchimp.go`,
    examples: {
      match: [`${fill(32, HEX, 591)}-us21`],
      miss: [`${fill(24, HEX, 592)}-us21`, `${fill(32, HEX, 593)}-eu21`],
    },
  },

  // --- Payments ---------------------------------------------------------------------------
  {
    id: 'square-access-token',
    kind: 'Square access token',
    pattern: /\b(EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/g,
    keywords: ['EAAA', 'sq0atp-'],
    envName: 'SQUARE_ACCESS_TOKEN',
    source: `${GITLEAKS}/square.go`,
    examples: {
      match: [`EAAA${fill(60, B64URL, 601)}`, `sq0atp-${fill(22, B64URL, 602)}`],
      miss: [`EAAA${fill(30, B64URL, 603)}`, `EAAB${fill(60, B64URL, 604)}`],
    },
  },
  {
    id: 'square-application-secret',
    kind: 'Square application secret',
    pattern: /\b(sq0csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    keywords: ['sq0csp-'],
    envName: 'SQUARE_APPLICATION_SECRET',
    source: `${GITLEAKS}/square.go`,
    examples: {
      match: [`sq0csp-${fill(43, B64URL, 611)}`],
      miss: [`sq0csp-${fill(20, B64URL, 612)}`],
    },
  },
  {
    id: 'webhook-signing-secret',
    kind: 'Webhook signing secret',
    // Stripe's endpoint secrets and Svix-style secrets (Clerk, Resend…) share the `whsec_` prefix.
    pattern: /\b(whsec_[A-Za-z0-9+/]{24,88}={0,2})(?![A-Za-z0-9+/=_-])/g,
    keywords: ['whsec_'],
    envName: 'STRIPE_WEBHOOK_SECRET',
    source: 'https://docs.stripe.com/webhooks',
    examples: {
      match: [`whsec_${fill(32, ALNUM, 621)}`, `whsec_${fill(43, B64, 622)}=`],
      miss: [`whsec_${fill(12, ALNUM, 623)}`],
    },
  },

  // --- Package registries -------------------------------------------------------------------
  {
    id: 'pypi-token',
    kind: 'PyPI API token',
    pattern: /\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?![A-Za-z0-9_-])/g,
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    envName: 'PYPI_API_TOKEN',
    source: 'https://pypi.org/help/#apitoken',
    examples: {
      match: [`pypi-AgEIcHlwaS5vcmc${fill(160, B64URL, 631)}`],
      miss: [`pypi-AgEIcHlwaS5vcmc${fill(20, B64URL, 632)}`, `pypi-${fill(160, B64URL, 633)}`],
    },
  },
  {
    id: 'pypi-test-token',
    kind: 'TestPyPI API token',
    pattern: /\b(pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,})(?![A-Za-z0-9_-])/g,
    keywords: ['pypi-AgENdGVzdC5weXBpLm9yZw'],
    envName: 'TEST_PYPI_API_TOKEN',
    source: 'https://pypi.org/help/#apitoken',
    severity: 'low',
    examples: {
      match: [`pypi-AgENdGVzdC5weXBpLm9yZw${fill(160, B64URL, 641)}`],
      miss: [`pypi-AgENdGVzdC5weXBpLm9yZw${fill(20, B64URL, 642)}`],
    },
  },
  {
    id: 'rubygems-api-key',
    kind: 'RubyGems API key',
    pattern: /\b(rubygems_[a-f0-9]{48})(?![A-Za-z0-9_])/g,
    keywords: ['rubygems_'],
    envName: 'GEM_HOST_API_KEY',
    source: `${GITLEAKS}/rubygems.go`,
    examples: {
      match: [`rubygems_${fill(48, HEX, 651)}`],
      miss: [`rubygems_${fill(32, HEX, 652)}`],
    },
  },
  {
    id: 'clojars-deploy-token',
    kind: 'Clojars deploy token',
    pattern: /\b(CLOJARS_[A-Za-z0-9]{60})(?![A-Za-z0-9_])/g,
    keywords: ['CLOJARS_'],
    envName: 'CLOJARS_PASSWORD',
    source: `${GITLEAKS}/clojars.go`,
    examples: {
      match: [`CLOJARS_${fill(60, LOWER_NUM, 661)}`],
      miss: [`CLOJARS_${fill(30, LOWER_NUM, 662)}`],
    },
  },

  // --- Encryption keys and secret managers --------------------------------------------------
  {
    id: 'age-secret-key',
    kind: 'age secret key',
    pattern: /\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])/g,
    keywords: ['AGE-SECRET-KEY-1'],
    envName: 'SOPS_AGE_KEY',
    source: 'https://github.com/C2SP/C2SP/blob/main/age.md',
    verify: bech32ChecksumOk,
    examples: {
      match: [bech32Example('age-secret-key-', bytesOf(32, 671))],
      miss: [`AGE-SECRET-KEY-1${fill(40, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 672)}`, `AGE-SECRET-KEY-1${fill(58, UPPER_NUM, 673)}`],
    },
  },
  {
    id: 'onepassword-service-account-token',
    kind: '1Password service account token',
    pattern: /\b(ops_eyJ[A-Za-z0-9+/]{200,}={0,2})(?![A-Za-z0-9+/=_-])/g,
    keywords: ['ops_'],
    envName: 'OP_SERVICE_ACCOUNT_TOKEN',
    source: 'https://developer.1password.com/docs/service-accounts/security/',
    verify: (s) => decodesToJsonWith(s.slice(4), 'signInAddress'),
    examples: {
      match: [
        `ops_${b64json({
          signInAddress: 'my.1password.com',
          userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: fill(22, B64URL, 681) },
          email: `${fill(12, LOWER_NUM, 682)}@1passwordserviceaccounts.com`,
          srpX: fill(64, HEX, 683),
          muk: { alg: 'A256GCM', ext: true, k: fill(43, B64URL, 684), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' },
        })}`,
      ],
      miss: [`ops_${b64json({ signInAddress: 'my.1password.com' })}`],
    },
  },
  {
    id: 'onepassword-secret-key',
    kind: '1Password account Secret Key',
    pattern: /\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})(?![A-Za-z0-9-])/g,
    keywords: ['A3-'],
    envName: 'OP_SECRET_KEY',
    source: `${GITLEAKS}/1password.go`,
    examples: {
      match: [
        `A3-${fill(6, UPPER_NUM, 691)}-${fill(11, UPPER_NUM, 692)}-${fill(5, UPPER_NUM, 693)}-${fill(5, UPPER_NUM, 694)}-${fill(5, UPPER_NUM, 695)}`,
        `A3-${fill(6, UPPER_NUM, 696)}-${fill(6, UPPER_NUM, 697)}-${fill(5, UPPER_NUM, 698)}-${fill(5, UPPER_NUM, 699)}-${fill(5, UPPER_NUM, 700)}-${fill(5, UPPER_NUM, 701)}`,
      ],
      miss: [`A3-${fill(6, UPPER_NUM, 702)}-${fill(11, UPPER_NUM, 703)}-${fill(5, UPPER_NUM, 704)}`],
    },
  },
];
