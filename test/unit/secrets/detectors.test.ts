import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { withCrc32Suffix } from '../../../server/src/core/secrets/checksums.js';
import { ALNUM, fill } from '../../../server/src/core/secrets/detector.js';
import { DETECTOR_KEYWORDS, KNOWN_PREFIXES, PROVIDER_ENV_NAMES } from '../../../server/src/core/secrets/detectors.js';
import { DETECTORS, detectValue, firstKnownFormat, scanKnownFormats } from '../../../server/src/core/secrets/index.js';

/**
 * Tier 1 of the confidence model: every detector entry is complete data, and its own examples are
 * run here: each `match` is found as that format and passes its offline check, each `miss` is not.
 */
describe('detector table', () => {
  it('holds at least 60 provider formats with unique ids', () => {
    assert.ok(DETECTORS.length >= 60, `${DETECTORS.length} detectors`);
    assert.equal(new Set(DETECTORS.map((d) => d.id)).size, DETECTORS.length);
  });

  it('every entry cites where its format is documented, names an env var, and has examples', () => {
    for (const d of DETECTORS) {
      assert.match(d.source, /https:\/\//, `${d.id}: source cites a page`);
      assert.match(d.envName, /^[A-Z][A-Z0-9_]*$/, `${d.id}: envName`);
      assert.ok(d.examples.match.length && d.examples.miss.length, `${d.id}: true and false examples`);
      assert.ok(d.keywords.length || d.requiresName, `${d.id}: keywords, or a holder-name gate`);
      assert.ok(d.pattern.global, `${d.id}: global pattern`);
    }
  });

  for (const d of DETECTORS) {
    it(`${d.id}: its examples`, () => {
      for (const ex of d.examples.match) {
        // The prefilter can never hide a match: every example holds one of the entry's keywords.
        if (d.keywords.length) assert.ok(d.keywords.some((k) => ex.includes(k)), `${d.id}: example holds a keyword`);
        if (d.hint) assert.ok(d.hint.test(ex), `${d.id}: example matches its prefilter shape`);
        const text = `value = "${ex}"`;
        const hit = scanKnownFormats(text, d.examples.holder).find((h) => h.detector === d.id);
        assert.ok(hit, `${d.id}: a match example is found as ${d.id} (found ${scanKnownFormats(text, d.examples.holder).map((h) => h.detector).join(', ') || 'nothing'})`);
        assert.ok(ex.includes(hit.secret), `${d.id}: the secret is inside the example`);
        assert.equal(hit.confidence, 'high', `${d.id}: a match example passes the offline check`);
      }
      for (const ex of d.examples.miss) {
        const miss = scanKnownFormats(`value = "${ex}"`, d.examples.missHolder ?? d.examples.holder).filter((h) => h.detector === d.id);
        assert.deepEqual(miss, [], `${d.id}: a miss example must not match`);
      }
    });
  }

  it('keywords, placeholder prefixes and env names are derived from the table, not kept by hand', () => {
    for (const d of DETECTORS) {
      for (const k of d.keywords) assert.ok(DETECTOR_KEYWORDS.includes(k));
      assert.equal(PROVIDER_ENV_NAMES[d.id], d.envName);
    }
    for (const p of ['PMAK-', 'dp.st.', 'shpss_', 'sk-proj-', 'ghp_']) assert.ok(KNOWN_PREFIXES.includes(p), `${p} is a known prefix`);
  });

  it('GitHub and npm tokens: a failing CRC32 checksum is an example, reported low', () => {
    const valid = withCrc32Suffix('ghp_', fill(30, ALNUM, 77));
    const broken = valid.slice(0, -1) + (valid.endsWith('A') ? 'B' : 'A');
    assert.equal(detectValue(valid)?.confidence, 'high');
    assert.equal(detectValue(valid)?.severity, undefined);
    assert.equal(detectValue(broken)?.confidence, 'low');
    assert.equal(detectValue(broken)?.severity, 'low');
    assert.match(detectValue(broken)!.kind, /fails the format's check/);
    const npm = withCrc32Suffix('npm_', fill(30, ALNUM, 78));
    assert.equal(detectValue(npm)?.confidence, 'high');
    assert.equal(detectValue(`npm_${fill(36, ALNUM, 78)}`)?.confidence, 'low');
  });

  it('OpenAI keys carry their marker; an AWS key id counts fully only with its secret key nearby', () => {
    assert.equal(detectValue(`sk-proj-${fill(48, ALNUM, 3)}`)?.confidence, 'low');
    const id = `AKIA${fill(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 5)}`;
    assert.equal(scanKnownFormats(`aws_access_key_id = ${id}`)[0].confidence, 'low');
    const pair = scanKnownFormats(`aws_access_key_id = ${id}\naws_secret_access_key = ${fill(40, `${ALNUM}+/`, 6)}`);
    assert.equal(pair.find((h) => h.detector === 'aws-access-key-id')?.confidence, 'high');
  });

  it('a PEM private key must parse to count; an encrypted one says so', () => {
    const fake = `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${fill(60, ALNUM, 4)}\n-----END RSA PRIVATE KEY-----`;
    assert.equal(scanKnownFormats(fake)[0].confidence, 'low');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const real = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.equal(scanKnownFormats(real)[0].confidence, 'high');
    const encrypted = `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${fill(64, `${ALNUM}+/`, 9)}\n-----END ENCRYPTED PRIVATE KEY-----`;
    assert.equal(scanKnownFormats(encrypted)[0].kind, 'Private key (encrypted)');
  });

  it('a Stripe test key is low severity, a live key is not', () => {
    assert.equal(detectValue(`sk_test_${fill(24, ALNUM, 7)}`)?.severity, 'low');
    assert.equal(detectValue(`sk_live_${fill(24, ALNUM, 4)}`)?.severity, undefined);
  });

  it('finds a secret inside a longer string at the right offsets', () => {
    const key = withCrc32Suffix('ghp_', fill(30, ALNUM, 8));
    const text = `Authorization: token ${key} trailing`;
    const [hit] = scanKnownFormats(text);
    assert.equal(text.slice(hit.start, hit.end), key);
  });
  it('firstKnownFormat remembers scanKnownFormats\' first answer by text, for every example, twice, and for texts that only differ in a lone surrogate', () => {
    const texts: string[] = [];
    for (const d of DETECTORS) for (const ex of [...d.examples.match, ...d.examples.miss]) texts.push(`value = "${ex}"`, ex);
    texts.push('no credential in here at all', `x\uD800${DETECTORS[0].examples.match[0]}`, `x\uFFFD${DETECTORS[0].examples.match[0]}`);
    for (let round = 0; round < 2; round++) {
      for (const t of texts) {
        const want = scanKnownFormats(t)[0];
        const got = firstKnownFormat(t);
        assert.deepEqual(got && { ...got }, want && { ...want }, `${round ? 'remembered' : 'first'} answer for ${t.slice(0, 30)}`);
      }
    }
    const hit = texts.map((t) => firstKnownFormat(t)).find(Boolean)!;
    assert.throws(() => { (hit as { secret: string }).secret = 'x'; }, TypeError, 'a remembered answer cannot be changed by a caller');
  });
});
