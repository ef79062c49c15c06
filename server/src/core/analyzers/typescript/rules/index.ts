import type ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { SECRET_SOURCES, type Needles, type RuleFamily } from '../../ruleFamily.js';
import { METADATA_ADDRESSES } from '../../common/wording/imdsv1-request.js';
import { checkHardcodedLiterals } from './hardcodedCredential.js';
import { checkImdsV1Request } from './imdsv1Request.js';
import { checkVaultStaticToken } from './vaultStaticToken.js';
import { TLS_KEYS, checkTlsVerification } from './tlsVerification.js';
import { checkJwtAudience } from './jwtAudience.js';
import { checkSecretLogged } from './secretLogged.js';
import { checkSecretInToolOutput } from './secretInToolOutput.js';
import { SM_WORDS, checkSecretCachedWithoutTtl } from './secretCachedWithoutTtl.js';
import { checkSecretFetchErrorSwallowed } from './secretFetchErrorSwallowed.js';
import { checkCredentialToolParameter } from './credentialToolParameter.js';
import { checkTokenPassthrough } from './tokenPassthrough.js';
import { checkSecretInUrl } from './secretInUrl.js';

/** `.tool(`, `registerTool`, `CallToolRequestSchema`, `inputSchema`: an MCP server's tools. */
const MCP_TOOL_NEEDLES: Needles = { words: ['registerTool', 'CallToolRequestSchema', 'inputSchema'], pattern: /\.tool\s*\(/ };

export type TsRule = (ctx: AnalysisContext, sf: ts.SourceFile) => void;

/**
 * Every TS/JS check, run over one shared parse of the document, with the text each needs to find
 * anything (ruleFamily.ts). A string literal needs a quote; the rest name their APIs.
 */
// Not `perStatement`: the cache-TTL and Vault checks read the whole file (a timer, a login anywhere).
export const TS_FAMILIES: readonly RuleFamily<ts.SourceFile>[] = [
  { rules: ['hardcoded-credential', 'connection-string-password'], needles: { words: ['"', "'", '`'] }, check: checkHardcodedLiterals, perStatement: true, knownFormats: true },
  { rules: ['imdsv1-request'], needles: { words: METADATA_ADDRESSES }, check: checkImdsV1Request, perStatement: true },
  { rules: ['vault-static-token'], needles: { anyCase: ['vault'] }, check: checkVaultStaticToken },
  { rules: ['tls-verification-disabled'], needles: { words: TLS_KEYS }, check: checkTlsVerification, perStatement: true },
  { rules: ['jwt-audience-not-verified'], needles: { words: ['verify', 'jwtVerify'] }, check: checkJwtAudience, perStatement: true },
  // A logged secret comes from a literal (a quote), the environment, a secrets manager or a request's headers.
  { rules: ['secret-logged'], needles: SECRET_SOURCES, check: checkSecretLogged, perStatement: true },
  { rules: ['secret-in-tool-output'], needles: MCP_TOOL_NEEDLES, check: checkSecretInToolOutput, perStatement: true },
  { rules: ['secret-cached-without-ttl'], needles: { words: [...SM_WORDS, '.read', 'Login'] }, check: checkSecretCachedWithoutTtl },
  { rules: ['secret-fetch-error-swallowed'], needles: { words: ['catch'] }, check: checkSecretFetchErrorSwallowed, perStatement: true },
  { rules: ['credential-tool-parameter'], needles: MCP_TOOL_NEEDLES, check: checkCredentialToolParameter, perStatement: true },
  { rules: ['token-passthrough'], needles: { anyCase: ['authorization', 'authinfo'] }, check: checkTokenPassthrough, perStatement: true },
  { rules: ['secret-in-url'], needles: { words: ['params', 'Params'], pattern: /[?&][\w.\-[\]]+=/ }, check: checkSecretInUrl, perStatement: true },
];

/** The checks alone, in order (benchmarks time each). */
export const TS_RULES: readonly TsRule[] = TS_FAMILIES.map((f) => f.check);
