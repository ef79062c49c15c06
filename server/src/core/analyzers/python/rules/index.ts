import { SECRET_SOURCES, type RuleFamily } from '../../ruleFamily.js';
import { METADATA_ADDRESSES } from '../../common/wording/imdsv1-request.js';
import type { PyFileIndex } from '../fileIndex.js';
import { checkPyHardcodedLiterals } from './hardcodedCredential.js';
import { checkPyTlsVerification } from './tlsVerification.js';
import { checkPyJwtAudience } from './jwtAudience.js';
import { checkPyVaultStaticToken } from './vaultStaticToken.js';
import { checkPyImdsV1Request } from './imdsv1Request.js';
import { checkPyCredentialToolParameter } from './credentialToolParameter.js';
import { checkPySecretFetchErrorSwallowed } from './secretFetchErrorSwallowed.js';
import { MAY_FETCH_SECRET, checkPySecretCachedWithoutTtl } from './secretCachedWithoutTtl.js';
import { checkPySecretLogged } from './secretLogged.js';
import { checkPySecretInToolOutput } from './secretInToolOutput.js';
import { checkPySecretInUrl } from './secretInUrl.js';
import { checkPyTokenPassthrough } from './tokenPassthrough.js';

/**
 * Every Python check, run over one shared parse and file index of the document, with the text
 * each needs to find anything (ruleFamily.ts).
 */
export const PY_FAMILIES: readonly RuleFamily<PyFileIndex>[] = [
  { rules: ['hardcoded-credential', 'connection-string-password'], needles: { words: ['"', "'"] }, check: checkPyHardcodedLiterals, perStatement: true, knownFormats: true },
  { rules: ['tls-verification-disabled'], needles: { anyCase: ['verif', 'ssl', 'cert_none', 'check_hostname', 'node_tls_reject_unauthorized', 'cert_reqs'] }, check: checkPyTlsVerification },
  { rules: ['jwt-audience-not-verified'], needles: { words: ['jwt', 'JsonWebToken', 'PyJWT'] }, check: checkPyJwtAudience, perStatement: true },
  { rules: ['vault-static-token'], needles: { anyCase: ['vault', 'hvac'] }, check: checkPyVaultStaticToken },
  { rules: ['imdsv1-request'], needles: { words: METADATA_ADDRESSES }, check: checkPyImdsV1Request, perStatement: true },
  { rules: ['credential-tool-parameter'], needles: { words: ['tool', 'inputSchema'] }, check: checkPyCredentialToolParameter, perStatement: true },
  { rules: ['secret-fetch-error-swallowed'], needles: { words: ['except'] }, check: checkPySecretFetchErrorSwallowed },
  { rules: ['secret-cached-without-ttl'], needles: { pattern: MAY_FETCH_SECRET }, check: checkPySecretCachedWithoutTtl },
  { rules: ['secret-logged'], needles: SECRET_SOURCES, check: checkPySecretLogged, perStatement: true },
  { rules: ['secret-in-tool-output'], needles: { words: ['tool'] }, check: checkPySecretInToolOutput },
  { rules: ['secret-in-url'], needles: { words: ['params', 'urlencode'], pattern: /[?&][\w.\-[\]]+=/ }, check: checkPySecretInUrl, perStatement: true },
  { rules: ['token-passthrough'], needles: { anyCase: ['authorization', 'get_http_headers', 'get_access_token', 'httpbearer', 'bearer', '.headers'] }, check: checkPyTokenPassthrough, perStatement: true },
];
