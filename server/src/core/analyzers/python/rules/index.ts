import type { AnalysisContext } from '../../context.js';
import type { PyFileIndex } from '../fileIndex.js';
import { checkPyHardcodedLiterals } from './hardcodedCredential.js';
import { checkPyTlsVerification } from './tlsVerification.js';
import { checkPyJwtAudience } from './jwtAudience.js';
import { checkPyVaultStaticToken } from './vaultStaticToken.js';
import { checkPyImdsV1Request } from './imdsv1Request.js';
import { checkPyCredentialToolParameter } from './credentialToolParameter.js';
import { checkPySecretFetchErrorSwallowed } from './secretFetchErrorSwallowed.js';
import { checkPySecretCachedWithoutTtl } from './secretCachedWithoutTtl.js';
import { checkPySecretLogged } from './secretLogged.js';
import { checkPySecretInToolOutput } from './secretInToolOutput.js';
import { checkPySecretInUrl } from './secretInUrl.js';
import { checkPyTokenPassthrough } from './tokenPassthrough.js';

export type PyRule = (ctx: AnalysisContext, idx: PyFileIndex) => void;

/** Every Python rule, run over one shared parse and file index of the document. */
export const PY_RULES: readonly PyRule[] = [
  checkPyHardcodedLiterals,
  checkPyTlsVerification,
  checkPyJwtAudience,
  checkPyVaultStaticToken,
  checkPyImdsV1Request,
  checkPyCredentialToolParameter,
  checkPySecretFetchErrorSwallowed,
  checkPySecretCachedWithoutTtl,
  checkPySecretLogged,
  checkPySecretInToolOutput,
  checkPySecretInUrl,
  checkPyTokenPassthrough,
];
