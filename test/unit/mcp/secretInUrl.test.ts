import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { checkFixture, FIXTURES } from '../../helpers/fixtures.js';

const FILE = path.join(FIXTURES, 'secret-in-url', 'mcp', '.cursor', 'mcp.json');

describe('secret-in-url in MCP configs', () => {
  it('fires on secret-like query parameters carrying a reference, not on others', () => {
    checkFixture(FILE, { rules: ['secret-in-url'] });
  });

  it('moves each one into a header, keeping the file valid and the rest byte for byte', () => {
    let text = fs.readFileSync(FILE, 'utf8');
    for (let i = 0; i < 5; i++) {
      const next = analyze({ path: FILE, text }).findings.find((f) => f.ruleId === 'secret-in-url');
      if (!next) break;
      assert.equal(next.fixes[0].applicability, 'unsafe');
      text = applyEdits(text, next.fixes[0].edits);
      const errors: ParseError[] = [];
      parseTree(text, errors, { allowTrailingComma: true });
      assert.deepEqual(errors, []);
    }
    assert.equal(text, fs.readFileSync(FILE.replace('mcp.json', 'mcp.fixed.json'), 'utf8'));
  });
});
