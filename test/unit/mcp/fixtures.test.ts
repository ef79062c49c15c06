import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { checkFixture } from '../../helpers/fixtures.js';
import { LineIndex } from '../../../server/src/core/text/lineIndex.js';
import { mcpClientForFile } from '../../../server/src/core/mcpClients.js';
import {
  CLIENT_FIXTURES, FIXTURE_DIR, RULE, SHADOWED, assertValidJsonc, commentsOf, fixAll, fixedPathOf, mcpFindings, trailingCommaCount,
} from './kit.js';

const expandsReferences = (file: string) => (mcpClientForFile(file)?.fixStyles.length ?? 1) > 0;

describe('mcp-config-literal-secret: annotated fixtures per client', () => {
  for (const [client, rel] of Object.entries(CLIENT_FIXTURES)) {
    const file = path.join(FIXTURE_DIR, rel);
    it(`${client}: findings are exactly the expect: markers, and the generic rules are shadowed`, () => {
      // The shadowed rules are compared too: a marked line must carry the MCP finding only.
      const findings = checkFixture(file, { rules: [RULE, ...SHADOWED] });
      assert.ok(findings.some((f) => f.ruleId === RULE), 'the fixture has positives');
    });

    it(`${client}: critical, masked, with a symbol path and preferred unsafe fixes that never show the secret`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const lines = new LineIndex(text);
      for (const f of mcpFindings(file, text)) {
        const secret = text.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end));
        assert.ok(secret.length >= 6, `the range covers the value: ${JSON.stringify(f.range)}`);
        assert.equal(f.severity, 'critical');
        assert.ok(!f.message.includes(secret), `message must not contain the secret: ${f.message}`);
        assert.match(f.message, /…\[redacted\]/);
        assert.match(f.symbolPath ?? '', /^(mcpServers|servers|mcp\.servers|context_servers|projects\..+\.mcpServers)\.[^.]+\.(env|headers|args|url|serverUrl|command)/);
        if (!expandsReferences(file)) {
          // No reference syntax works in this client's file: no rewrite, and the message says what does.
          assert.deepEqual(f.fixes, []);
          assert.match(f.message, /does not expand \$\{…\} references here/);
          continue;
        }
        assert.ok(f.fixes.length >= 1);
        assert.equal(f.fixes[0].isPreferred, true);
        for (const fix of f.fixes) {
          assert.equal(fix.applicability, 'unsafe');
          assert.ok(fix.title.startsWith(`secretzero (${RULE}): `), fix.title);
          assert.ok(!fix.title.includes(secret), `fix title must not contain the secret: ${fix.title}`);
        }
      }
    });

    it(`${client}: applying every preferred fix gives the expected file`, { skip: expandsReferences(file) ? false : 'the client expands no reference: nothing to rewrite' }, () => {
      const text = fs.readFileSync(file, 'utf8');
      const fixed = fixAll(file, text);
      const expectedPath = fixedPathOf(file);
      assert.equal(fixed, fs.readFileSync(expectedPath, 'utf8'), `${path.relative(FIXTURE_DIR, expectedPath)} differs`);
      assertValidJsonc(fixed, rel);
      assert.deepEqual(mcpFindings(file, fixed), [], 'nothing left to report');
      assert.deepEqual(commentsOf(fixed), commentsOf(text), 'comments survive');
      assert.ok(trailingCommaCount(fixed) >= trailingCommaCount(text), 'trailing commas survive');
    });
  }

  it('VS Code files: every ${input:id} the fixes wrote has a password input, declared once', () => {
    for (const client of ['vscode', 'vscode-user', 'vscode-user-settings']) {
      const fixed = fs.readFileSync(fixedPathOf(path.join(FIXTURE_DIR, CLIENT_FIXTURES[client])), 'utf8');
      const root = parse(fixed, [], { allowTrailingComma: true });
      const inputs: { id: string; type: string; password?: boolean }[] = root.inputs ?? root.mcp.inputs;
      const ids = [...fixed.matchAll(/\$\{input:([^}]+)\}/g)].map((m) => m[1]);
      assert.ok(ids.length > 0);
      for (const id of ids) {
        const declared = inputs.filter((i) => i.id === id);
        assert.equal(declared.length, 1, `${client}: input ${id} declared exactly once`);
        assert.equal(declared[0].type, 'promptString');
        assert.equal(declared[0].password, true, `${client}: input ${id} is a password prompt`);
      }
    }
  });
});
