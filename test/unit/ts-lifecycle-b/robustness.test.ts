import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisContext } from '../../../server/src/core/analyzers/context.js';
import { checkImdsV1Request } from '../../../server/src/core/analyzers/typescript/rules/imdsv1Request.js';
import { checkJwtAudience } from '../../../server/src/core/analyzers/typescript/rules/jwtAudience.js';
import { checkTlsVerification } from '../../../server/src/core/analyzers/typescript/rules/tlsVerification.js';
import { checkVaultStaticToken } from '../../../server/src/core/analyzers/typescript/rules/vaultStaticToken.js';
import { classify } from '../../../server/src/core/classify.js';
import { parseTypeScript } from '../../../server/src/core/parseCache.js';
import { FIXTURES } from '../../helpers/fixtures.js';

const DIRS = ['imdsv1-request', 'vault-static-token', 'tls-verification-disabled', 'jwt-audience-not-verified'];
const RULES = [checkImdsV1Request, checkVaultStaticToken, checkTlsVerification, checkJwtAudience];

describe('lifecycle rules on half-typed code', () => {
  it('never throw on prefixes of their fixtures (what an editor sends while typing)', () => {
    for (const dir of DIRS) {
      for (const name of fs.readdirSync(path.join(FIXTURES, dir))) {
        const p = path.join(FIXTURES, dir, name);
        const kind = classify(p) as { kind: 'typescript'; scriptKind: 'ts' | 'tsx' | 'js' | 'jsx' };
        const text = fs.readFileSync(p, 'utf8');
        for (let end = 0; end <= text.length; end += 3) {
          const doc = { path: p, text: text.slice(0, end) };
          const sf = parseTypeScript(p, doc.text, kind.scriptKind);
          for (const rule of RULES) rule(new AnalysisContext(doc, kind, undefined), sf); // a throw fails the test with its stack
        }
      }
    }
  });
});
