import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AnalysisContext } from '../../../server/src/core/analyzers/context.js';
import { checkImdsV1Request } from '../../../server/src/core/analyzers/typescript/rules/imdsv1Request.js';
import { checkJwtAudience } from '../../../server/src/core/analyzers/typescript/rules/jwtAudience.js';
import { checkTlsVerification } from '../../../server/src/core/analyzers/typescript/rules/tlsVerification.js';
import { checkVaultStaticToken } from '../../../server/src/core/analyzers/typescript/rules/vaultStaticToken.js';
import { classify } from '../../../server/src/core/classify.js';
import { parseTypeScript } from '../../../server/src/core/analyzers/typescript/parse.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { assertParses, detectionFixtures, findings, read } from './support.js';

const DIRS = ['imdsv1-request', 'vault-static-token', 'tls-verification-disabled', 'jwt-audience-not-verified'];
const RULES = [checkImdsV1Request, checkVaultStaticToken, checkTlsVerification, checkJwtAudience];

describe('lifecycle rules on half-typed code', () => {
  it('never throw on prefixes of their fixtures (what an editor sends while typing)', () => {
    for (const dir of DIRS) {
      for (const name of fs.readdirSync(path.join(FIXTURES, dir))) {
        const p = path.join(FIXTURES, dir, name);
        const kind = classify(p) as { kind: 'typescript'; scriptKind: 'ts' | 'tsx' | 'js' | 'jsx' };
        if (kind.kind !== 'typescript') continue; // the Python fixtures beside them: test/unit/python/lifecycleRules.test.ts
        const text = fs.readFileSync(p, 'utf8');
        const step = Math.max(3, Math.ceil(text.length / 100)); // ~100 cuts a file keeps this fast
        for (let end = 0; end <= text.length; end += step) {
          const doc = { path: p, text: text.slice(0, end) };
          const sf = parseTypeScript(p, doc.text, kind.scriptKind);
          for (const rule of RULES) rule(new AnalysisContext(doc, kind, undefined), sf); // a throw fails the test with its stack
        }
      }
    }
  });
});

describe('every fix offered on the detection fixtures', () => {
  it('keeps the file parseable and removes a finding of its rule', () => {
    let applied = 0;
    for (const dir of DIRS) {
      for (const p of detectionFixtures(dir).filter((f) => classify(f).kind === 'typescript')) {
        const text = read(p);
        const before = findings(p, text);
        for (const f of before) {
          for (const fix of f.fixes) {
            const fixed = applyEdits(text, fix.edits);
            assertParses(p, fixed);
            const count = (fs: ReturnType<typeof findings>) => fs.filter((x) => x.ruleId === f.ruleId).length;
            assert.ok(count(findings(p, fixed)) < count(before), `${path.basename(p)}:${f.range.start.line + 1} "${fix.title}" left the finding`);
            applied++;
          }
        }
      }
    }
    assert.ok(applied > 30, `only ${applied} fixes exercised`);
  });
});
