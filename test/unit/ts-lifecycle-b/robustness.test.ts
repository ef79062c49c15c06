import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { FIXTURES } from '../../helpers/fixtures.js';

const DIRS = ['imdsv1-request', 'vault-static-token', 'tls-verification-disabled', 'jwt-audience-not-verified'];

describe('lifecycle rules on half-typed code', () => {
  it('never throw on any prefix of their fixtures (what an editor sends while typing)', () => {
    for (const dir of DIRS) {
      for (const name of fs.readdirSync(path.join(FIXTURES, dir))) {
        const p = path.join(FIXTURES, dir, name);
        const text = fs.readFileSync(p, 'utf8');
        for (let end = 0; end <= text.length; end += 7) {
          analyze({ path: p, text: text.slice(0, end) }, undefined, {
            onError: (e) => assert.fail(`${dir}/${name} cut at ${end}: ${(e as Error).stack}`),
          });
        }
      }
    }
  });
});
