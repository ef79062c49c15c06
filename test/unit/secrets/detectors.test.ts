import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DETECTORS, detectValue, scanKnownFormats } from '../../../server/src/core/secrets/index.js';
import { ALNUM, randomString as r } from '../../helpers/random.js';
import { DETECTOR_SAMPLES as CASES } from '../../helpers/secretSamples.js';

describe('detector table', () => {
  it('has at least 25 provider formats, each covered here', () => {
    assert.ok(DETECTORS.length >= 25, `${DETECTORS.length} detectors`);
    assert.deepEqual(new Set(CASES.map((c) => c.id)), new Set(DETECTORS.map((d) => d.id)));
  });

  for (const c of CASES) {
    it(`${c.id}: positive found, near-miss negative not`, () => {
      const hits = scanKnownFormats(`value = "${c.positive}"`, c.holder);
      assert.equal(hits[0]?.detector, c.id, `positive for ${c.id} found as ${hits[0]?.detector}`);
      assert.ok(hits[0].secret.length > 0 && `value = "${c.positive}"`.includes(hits[0].secret));
      const miss = scanKnownFormats(`value = "${c.negative}"`, c.negativeHolder ?? c.holder).filter((h) => h.detector === c.id);
      assert.deepEqual(miss, [], `near-miss for ${c.id} must not match`);
    });
  }

  it('a Stripe test key is low severity, a live key is not', () => {
    assert.equal(detectValue(`sk_test_${r(24, ALNUM, 7)}`)?.severity, 'low');
    assert.equal(detectValue(`sk_live_${r(24, ALNUM, 4)}`)?.severity, undefined);
  });

  it('finds a secret inside a longer string at the right offsets', () => {
    const key = `ghp_${r(36, ALNUM, 8)}`;
    const text = `Authorization: token ${key} trailing`;
    const [hit] = scanKnownFormats(text);
    assert.equal(text.slice(hit.start, hit.end), key);
  });
});
