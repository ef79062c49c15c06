import type ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { checkHardcodedLiterals } from './hardcodedCredential.js';
import { checkImdsV1Request } from './imdsv1Request.js';
import { checkVaultStaticToken } from './vaultStaticToken.js';
import { checkTlsVerification } from './tlsVerification.js';
import { checkJwtAudience } from './jwtAudience.js';
import { checkSecretLogged } from './secretLogged.js';
import { checkSecretInToolOutput } from './secretInToolOutput.js';
import { checkSecretCachedWithoutTtl } from './secretCachedWithoutTtl.js';
import { checkSecretFetchErrorSwallowed } from './secretFetchErrorSwallowed.js';
import { checkCredentialToolParameter } from './credentialToolParameter.js';
import { checkTokenPassthrough } from './tokenPassthrough.js';
import { checkSecretInUrl } from './secretInUrl.js';

export type TsRule = (ctx: AnalysisContext, sf: ts.SourceFile) => void;

/** Every TS/JS rule, run over one shared parse of the document. */
export const TS_RULES: readonly TsRule[] = [
  checkHardcodedLiterals,
  checkImdsV1Request,
  checkVaultStaticToken,
  checkTlsVerification,
  checkJwtAudience,
  checkSecretLogged,
  checkSecretInToolOutput,
  checkSecretCachedWithoutTtl,
  checkSecretFetchErrorSwallowed,
  checkCredentialToolParameter,
  checkTokenPassthrough,
  checkSecretInUrl,
];
