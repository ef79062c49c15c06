import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { anchorPattern } from '../../../server/src/core/analyzers/dockerfile/dockerignore.js';
import { classifySecretPath, globSecretSample } from '../../../server/src/core/analyzers/dockerfile/secretFiles.js';
import { checkFixture } from '../../helpers/fixtures.js';
import { MemoryHost } from '../../helpers/memoryHost.js';
import { findingsOf, fixture, only, read, rangeText } from './helpers.js';

const RULE = 'dockerfile-copy-secret-file';
const DIR = fixture(RULE);

describe('dockerfile-copy-secret-file fixtures', () => {
  it('Dockerfile, no .dockerignore at all: findings match the expect markers', () => {
    checkFixture(fixture(RULE, 'Dockerfile'), { host: new MemoryHost(DIR) });
  });

  it('Dockerfile analysed without a workspace host behaves as with no .dockerignore', () => {
    checkFixture(fixture(RULE, 'Dockerfile'));
  });

  it('ignored.Dockerfile with its <name>.dockerignore: excluded files and COPY . are silent', () => {
    const host = new MemoryHost(DIR, { 'ignored.Dockerfile.dockerignore': read(fixture(RULE, 'ignored.Dockerfile.dockerignore')) });
    checkFixture(fixture(RULE, 'ignored.Dockerfile'), { host });
  });

  it('ignored.Dockerfile without its .dockerignore: everything fires (the file is what silences them)', () => {
    const text = read(fixture(RULE, 'ignored.Dockerfile'));
    const found = only(findingsOf(text, path.join(DIR, 'ignored.Dockerfile'), new MemoryHost(DIR)), RULE);
    assert.deepEqual(found.map((f) => rangeText(text, f)), ['.', '.env.local', 'certs/server.pem', 'secrets/credentials.json', 'config/.env', '.npmrc']);
  });

  it('multistage.Dockerfile: builder stages whose files never reach the final image are silent', () => {
    checkFixture(fixture(RULE, 'multistage.Dockerfile'), { host: new MemoryHost(DIR) });
  });

  it('multistage-carried.Dockerfile: a builder folder the final stage copies whole still ships its secrets', () => {
    checkFixture(fixture(RULE, 'multistage-carried.Dockerfile'), { host: new MemoryHost(DIR) });
  });

  it('partial.Dockerfile with a .dockerignore that does not exclude .env', () => {
    checkFixture(fixture(RULE, 'partial.Dockerfile'), { host: new MemoryHost(DIR, { '.dockerignore': 'node_modules\n.env.local\n' }) });
  });
});

describe('dockerfile-copy-secret-file and .dockerignore', () => {
  const copyAll = 'FROM node:20\nWORKDIR /app\nCOPY . .\n';
  const fires = (files: Record<string, string>, text = copyAll, file = '/ws/Dockerfile') =>
    only(findingsOf(text, file, new MemoryHost('/ws', files)), RULE).length > 0;

  it('COPY . . is fine when the .dockerignore next to the Dockerfile excludes .env', () => {
    assert.equal(fires({ '.dockerignore': '.env\n' }), false);
    assert.equal(fires({ '.dockerignore': '.env*\n' }), false);
    assert.equal(fires({ '.dockerignore': '**/.env\n' }), false);
    assert.equal(fires({ '.dockerignore': '*\n!src\n!package.json\n' }), false);
  });

  it('COPY . . fires when .env is not excluded, or re-included', () => {
    assert.equal(fires({}), true);
    assert.equal(fires({ '.dockerignore': 'node_modules\n' }), true);
    assert.equal(fires({ '.dockerignore': '.env\n!.env\n' }), true);
    assert.equal(fires({ '.dockerignore': 'config/.env\n' }), true);
  });

  it('the .dockerignore of another folder does not count (the context is the Dockerfile folder)', () => {
    assert.equal(fires({ 'other/.dockerignore': '.env\n' }, copyAll, '/ws/app/Dockerfile'), true);
  });

  it('<Dockerfile name>.dockerignore takes precedence over .dockerignore', () => {
    const files = { '.dockerignore': '.env\n', 'api.Dockerfile.dockerignore': 'node_modules\n' };
    assert.equal(fires(files, copyAll, '/ws/api.Dockerfile'), true);
    assert.equal(fires(files, copyAll, '/ws/Dockerfile'), false);
  });

  it('COPY ./ and COPY * are the whole context too; COPY --from is not', () => {
    assert.equal(fires({}, 'FROM node:20\nCOPY ./ /app/\n'), true);
    assert.equal(fires({}, 'FROM node:20\nCOPY * /app/\n'), true);
    assert.equal(fires({}, 'FROM node:20 AS b\nFROM node:20\nCOPY --from=b . /app/\n'), false);
  });

  it('.dockerignore patterns are anchored at the context root, negations and ** kept', () => {
    assert.equal(anchorPattern('.env'), '/.env');
    assert.equal(anchorPattern('/secrets'), '/secrets');
    assert.equal(anchorPattern('./certs/*.pem'), '/certs/*.pem');
    assert.equal(anchorPattern('!.env.example'), '!/.env.example');
    assert.equal(anchorPattern('**/*.key'), '**/*.key');
    assert.equal(anchorPattern('# comment'), '# comment');
  });
});

describe('secret file names', () => {
  it('classifies credential files and leaves their near misses alone', () => {
    for (const p of ['.env', '.env.local', 'config/.env.production', '.npmrc', '.pypirc', '.netrc', '.git-credentials', 'id_rsa', 'keys/id_ed25519', 'tls/server.key', 'tls/privkey.pem', 'key.pem', 'credentials.json', 'gcp/credentials-prod.json', '.aws/', '.aws/credentials', '.docker/config.json']) {
      assert.ok(classifySecretPath(p), `${p} is a secret file`);
    }
    for (const p of ['.env.example', '.env.sample', '.env.template', 'id_rsa.pub', 'ca.pem', 'certs/fullchain.pem', 'cert.pem', 'package.json', 'src/keyboard.ts', 'environment.ts', '.docker/daemon.json', 'credentials.yaml.md']) {
      assert.equal(classifySecretPath(p), undefined, `${p} is not a secret file`);
    }
  });

  it('globs fire only when they spell a credential file out', () => {
    assert.equal(globSecretSample('.env*'), '.env');
    assert.equal(globSecretSample('certs/*.pem'), 'certs/server.pem');
    assert.equal(globSecretSample('secrets/id_*'), 'secrets/id_rsa');
    assert.equal(globSecretSample('*.json'), undefined);
    assert.equal(globSecretSample('package*.json'), undefined);
    assert.equal(globSecretSample('*'), undefined);
  });
});
