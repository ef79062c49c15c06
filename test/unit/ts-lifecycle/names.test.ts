import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCredentialParameter } from '../../../server/src/core/analyzers/typescript/rules/credentialToolParameter.js';
import { isSecretQueryParam } from '../../../server/src/core/secrets/index.js';

describe('credential tool parameter names', () => {
  const yes = ['apiKey', 'api_key', 'x-api-key', 'accessToken', 'githubToken', 'password', 'clientSecret', 'sessionCookie', 'githubPat', 'privateKey', 'authToken', 'bearerToken', 'slack_bot_token'];
  const no = ['maxTokens', 'tokenLimit', 'tokenCount', 'keyword', 'keyId', 'keyName', 'primaryKey', 'sortKey', 'key', 'keys', 'cacheKey', 'objectKey',
    'partitionKey', 'idempotencyKey', 'nextPageToken', 'pageToken', 'continuationToken', 'publicKey', 'query', 'repo', 'tokenizer', 'monkey', 'authClient'];
  for (const n of yes) it(`${n} is a credential`, () => assert.equal(isCredentialParameter(n), true));
  for (const n of no) it(`${n} is not`, () => assert.equal(isCredentialParameter(n), false));
});

describe('secret query parameter names', () => {
  for (const n of ['api_key', 'apikey', 'appid', 'key', 'token', 'access_token', 'private_token', 'client_secret', 'subscription-key'])
    it(`${n} carries credentials`, () => assert.equal(isSecretQueryParam(n), true));
  for (const n of ['q', 'page', 'region', 'client_id', 'code', 'key_id', 'token_type'])
    it(`${n} does not`, () => assert.equal(isSecretQueryParam(n), false));
});
