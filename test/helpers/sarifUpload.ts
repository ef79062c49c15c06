import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Validator, type Schema } from 'jsonschema';

// The SARIF 2.1.0 schema as published by OASIS (shipped in @microsoft/jest-sarif).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SCHEMA = require(path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json')) as Schema;

/**
 * Asserts that a SARIF log passes what github/codeql-action/upload-sarif checks before and while
 * code scanning processes it: the 2.1.0 JSON schema (validated with `jsonschema`, as upload-sarif
 * does, URI format warnings aside), a `runs` array whose runs each have a `results` array, one run
 * per tool (two runs of one tool and category are refused), numeric `security-severity`, and
 * result locations whose artifact URIs are relative to the checkout (%SRCROOT%), never absolute
 * paths of the machine that scanned.
 */
export function assertUploadableSarif(log: any): void {
  const result = new Validator().validate(log, SCHEMA);
  const errors = result.errors.filter((e) => !(e.name === 'format' && ['uri', 'uri-reference'].includes(String(e.argument))));
  assert.deepEqual(errors.map((e) => e.stack), [], 'the log validates against the SARIF 2.1.0 schema');
  assert.equal(log.version, '2.1.0');
  assert.ok(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  const run = log.runs[0];
  assert.ok(Array.isArray(run.results), 'the run has a results array');
  assert.ok(run.tool?.driver?.name, 'tool.driver.name');
  const rules = new Map<string, any>((run.tool.driver.rules ?? []).map((r: any) => [r.id, r]));
  for (const r of rules.values()) {
    const sev = r.properties?.['security-severity'];
    if (sev !== undefined) assert.ok(!Number.isNaN(Number(sev)), `security-severity of ${r.id} is a number`);
  }
  for (const res of run.results) {
    assert.ok(rules.has(res.ruleId), `rule ${res.ruleId} is described in tool.driver.rules`);
    assert.ok(res.partialFingerprints && Object.keys(res.partialFingerprints).length, 'partialFingerprints');
    for (const loc of res.locations ?? []) {
      const art = loc.physicalLocation?.artifactLocation;
      assert.ok(art?.uri, 'artifact location has a uri');
      assert.ok(!/^[a-z]+:|^\//i.test(art.uri), `relative artifact uri: ${art.uri}`);
      assert.equal(art.uriBaseId, '%SRCROOT%');
      assert.ok(loc.physicalLocation.region?.startLine >= 1, 'region.startLine');
    }
  }
}
