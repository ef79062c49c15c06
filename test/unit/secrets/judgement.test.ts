import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeSecret, detectValue, findConnectionPasswords, isPlaceholder, isReference, isSecretLikeName, maskSecret, splitWords, toEnvName,
} from '../../../server/src/core/secrets/index.js';
import { randomString } from '../../helpers/random.js';

describe('secret-like names (word boundaries)', () => {
  it('secret-like across casing styles', () => {
    for (const n of ['apiKey', 'API_KEY', 'x-api-key', 'githubPat', 'clientSecret', 'DB_PASSWORD', 'passwd', 'authToken', 'SESSION_COOKIE', 'signingKey', 'bearer', 'privateKey', 'apikey', 'GITHUB_PERSONAL_ACCESS_TOKEN'])
      assert.ok(isSecretLikeName(n), n);
  });
  it('not secret-like: other words, or names that hold a duration, path, id, prefix', () => {
    for (const n of ['keyboard', 'monkey', 'tokenizer', 'TOKEN_REFRESH_INTERVAL_MS', 'maxPasswordAge', 'SECRET_STORE_PATH', 'secretArnPrefix', 'keyId', 'maxTokens', 'tokenLimit', 'keyword', 'GITHUB_TOKEN_FILE', 'patch', 'path', 'authUrl', 'isPrivate', 'STRIPE_PUBLISHABLE_KEY', undefined])
      assert.ok(!isSecretLikeName(n as string), String(n));
  });
  it('splits camelCase, acronyms, snake and kebab case', () => {
    assert.deepEqual(splitWords('parseHTTPResponseKey'), ['parse', 'http', 'response', 'key']);
    assert.deepEqual(splitWords('x-api-key'), ['x', 'api', 'key']);
    assert.equal(toEnvName('openWeatherApiKey'), 'OPEN_WEATHER_API_KEY');
  });
});

describe('placeholders and references never count as credentials', () => {
  const placeholders = ['', 'your-api-key', 'YOUR_TOKEN_HERE', '<token>', 'changeme', 'example-key-123', 'dummy', 'test', 'xxxxxxxxxxxxxxxx', '****************',
    'sk-...', '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', 'abc123abc123abc123', '1234567890123456', 'my-fake-secret-value', 'REDACTED_VALUE', 'placeholder-token',
    '/run/secrets/api_key', './certs/key.pem', 'https://api.example.org/v1', 'sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'];
  for (const p of placeholders) it(`placeholder: ${JSON.stringify(p)}`, () => assert.ok(isPlaceholder(p)));

  const references = ['${API_KEY}', '${API_KEY:-}', '${input:github-token}', '${env:OPENAI_API_KEY}', '$API_KEY', '%API_KEY%', '${{ secrets.NPM_TOKEN }}', '{{ secrets.X }}', 'process.env.API_KEY', "os.environ['API_KEY']"];
  for (const p of references) it(`reference: ${p}`, () => { assert.ok(isReference(p)); assert.ok(isPlaceholder(p)); });

  it('a random value is neither', () => {
    const v = randomString(32);
    assert.ok(!isPlaceholder(v) && !isReference(v));
  });
});

describe('generic values under secret-like names', () => {
  it('high-entropy value under a secret-like name is a credential', () => {
    assert.equal(detectValue('Xk9#mP2$vL7qR4wZ', 'dbPassword')?.detector, 'generic');
    assert.equal(detectValue(randomString(40), 'API_TOKEN')?.detector, 'generic');
  });
  it('the same value under a neutral name, or a low-entropy value, is not', () => {
    assert.equal(detectValue(randomString(40), 'requestId'), undefined);
    assert.equal(detectValue('production', 'API_TOKEN'), undefined);
    assert.equal(detectValue('3600000', 'TOKEN_REFRESH_INTERVAL_MS'), undefined);
    assert.equal(detectValue('arn:aws:secretsmanager:eu-west-1:123456789012:secret:', 'secretArnPrefix'), undefined);
    assert.equal(detectValue('registry.internal:5000', 'PRIVATE_REGISTRY'), undefined);
    assert.equal(detectValue('vault.prod.internal:8200', 'privateHost'), undefined);
    assert.equal(detectValue('10.12.0.7:5432', 'DB_AUTH_HOSTPORT'), undefined);
  });
});

describe('masking', () => {
  it('shows the kind and at most 4 leading characters', () => {
    const secret = `sk-proj-${randomString(48)}`;
    assert.equal(maskSecret(secret), 'sk-p…[redacted]');
    assert.equal(describeSecret('OpenAI API key', secret), 'OpenAI API key (sk-p…[redacted])');
  });
  it('shows fewer characters of short secrets (never more than a quarter)', () => {
    assert.equal(maskSecret('hunter2!'), 'hu…[redacted]');
    assert.equal(maskSecret('abc'), '…[redacted]');
  });
});

describe('connection strings', () => {
  it('finds URL userinfo passwords with their offsets and a suggested variable', () => {
    const s = 'mongodb+srv://app:Zq8vN3kLp2Xw@cluster0.mongodb.net/db';
    const [pw] = findConnectionPasswords(s);
    assert.equal(s.slice(pw.start, pw.end), 'Zq8vN3kLp2Xw');
    assert.equal(pw.suggestedName, 'MONGO_PASSWORD');
    assert.equal(findConnectionPasswords('redis://:Hq7vP2mX9kLr@cache:6379')[0].suggestedName, 'REDIS_PASSWORD');
  });
  it('finds ADO-style Password= pairs', () => {
    const s = 'Server=tcp:db.internal,1433;Database=mcp;User ID=app;Password=Vx7!kQ2pLm9z;Encrypt=true';
    const [pw] = findConnectionPasswords(s);
    assert.equal(s.slice(pw.start, pw.end), 'Vx7!kQ2pLm9z');
  });
  it('ignores references and placeholders as passwords, and URLs without a password', () => {
    for (const s of ['postgres://app:${DB_PASSWORD}@db:5432/app', 'postgres://user:password@localhost/db', 'postgres://app:$PGPASSWORD@db/app',
      'https://user@github.com/org/repo', 'postgres://db.internal:5432/app', 'Server=db;User ID=app;Password=${DB_PASSWORD};'])
      assert.deepEqual(findConnectionPasswords(s), [], s);
  });
});

describe('secret-like names: position of the words', () => {
  it('a credential word at the end wins over earlier shape words', () => {
    for (const n of ['PRIVATE_REGISTRY_PASSWORD', 'AZURE_STORAGE_KEY', 'REGISTRY_TOKEN', 'imageRepoToken', 'SECRET_MANAGER_TOKEN']) assert.ok(isSecretLikeName(n), n);
  });
  it('a shape word after the credential word, or a modifier before it, makes it no credential', () => {
    for (const n of ['PRIVATE_REGISTRY', 'secretManagerArn', 'KEY_ROTATION_DAYS', 'cacheKey', 'publicKey', 'PRIMARY_KEY', 'maxTokens', 'isPrivate', 'useAuth', 'API_KEY_HEADER', 'TOKEN_URL']) assert.ok(!isSecretLikeName(n), n);
  });
});
