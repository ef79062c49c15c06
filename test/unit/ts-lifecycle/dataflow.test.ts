import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { analyzeIncomingTokenFlow, analyzeSecretFlow, describeSource, forEachDescendant, secretPhrase, type SecretFlow } from '../../../server/src/core/analyzers/typescript/dataflow/index.js';

/** Every `probe(expr)` argument of a snippet, in order, with the flow that judges it. */
function probes(code: string, which: (sf: ts.SourceFile) => SecretFlow = analyzeSecretFlow, js = false) {
  const sf = ts.createSourceFile(js ? '/w/a.js' : '/w/a.ts', code, ts.ScriptTarget.Latest, true, js ? ts.ScriptKind.JS : ts.ScriptKind.TS);
  const flow = which(sf);
  const out: ts.Expression[] = [];
  forEachDescendant(sf, (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'probe') out.push(n.arguments[0]);
  });
  return { flow, exprs: out, kinds: out.map((e) => flow.isSecret(e)?.kind ?? '-') };
}

describe('secret flow: sources', () => {
  it('process.env by secret-like name, element access, destructuring and aliases; not non-secret names', () => {
    const { kinds } = probes(`
      probe(process.env.OPENAI_API_KEY);
      probe(process.env['GITHUB_TOKEN']);
      const { DB_PASSWORD, AWS_REGION } = process.env;
      probe(DB_PASSWORD);
      probe(AWS_REGION);
      const env = process.env;
      probe(env.STRIPE_SECRET_KEY);
      probe(env.NODE_ENV);
      const { env: e2 } = process;
      probe(e2.SLACK_BOT_TOKEN);
      probe(process.env.PORT);
      probe(process.env.TOKEN_REFRESH_INTERVAL_MS);
      probe(process.env);
    `);
    assert.deepEqual(kinds, ['env', 'env', 'env', '-', 'env', '-', 'env', '-', '-', 'env-object']);
  });

  it('secrets-manager calls, awaited or not', () => {
    const { kinds, flow, exprs } = probes(`
      const res = await sm.send(new GetSecretValueCommand({ SecretId: 'mcp/key' }));
      probe(res.SecretString);
      probe(res.ARN);
      const cmd = new GetSecretValueCommand({ SecretId: 'x' });
      probe(client.send(cmd));
      probe(vault.read('secret/data/app'));
      probe((await vaultClient.read('secret/data/app')).data.data.apiKey);
      const [version] = await gcp.accessSecretVersion({ name: 'projects/p/secrets/s/versions/latest' });
      probe(version.payload.data.toString());
      probe(await kv.getSecret('db-password'));
      probe((await infisical.secrets().getSecret({ secretName: 'GITHUB_TOKEN' })).secretValue);
      probe(keytar.getPassword('svc', 'acct'));
      probe(fs.read(fd));
      probe(stream.read());
      probe(client.send(new ListSecretsCommand({})));
    `);
    assert.deepEqual(kinds, ['secret-manager', '-', 'secret-manager', 'secret-manager', 'secret-manager', 'secret-manager', 'secret-manager', 'secret-manager', 'secret-manager', '-', '-', '-']);
    assert.equal(flow.isSecret(exprs[0])?.secretName, 'mcp/key');
    assert.equal(flow.isSecret(exprs[3])?.secretName, 'secret/data/app');
    assert.equal(flow.isSecret(exprs[8])?.secretName, 'svc/acct');
  });

  it('credential-format literals and secret-like names; placeholders and plain words are not secrets', () => {
    const { kinds } = probes(`
      probe('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');
      probe('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');
      const apiKey = 'your-api-key-here';
      probe(apiKey);
      const password = 'Tr0ub4dor&3xQ!9zK';
      probe(password);
      function f(token: string, tokenCount: number, keyboard: string, authClient: object) {
        probe(token); probe(tokenCount); probe(keyboard); probe(authClient);
      }
      probe(config.apiKey);
      probe(config.apiUrl);
      probe(getApiKey());
      probe(getTokenCount());
      probe(secrets.openai);
    `);
    assert.deepEqual(kinds, ['literal', '-', '-', 'literal', 'name', '-', '-', '-', 'name', '-', 'name', '-', 'name']);
  });

  it('never exposes a literal secret in its description', () => {
    const { flow, exprs } = probes(`probe('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');`);
    const src = flow.isSecret(exprs[0])!;
    assert.ok(!describeSource(src).includes('R7mK2pQ9'));
    assert.match(secretPhrase(src), /GitHub token \(ghp_…\[redacted\]\)/);
  });
});

describe('secret flow: propagation', () => {
  it('through const/let, reassignment, destructuring, templates, concatenation, ||/??, ?:', () => {
    const { kinds } = probes(`
      const k = process.env.API_KEY;
      const a = k; probe(a);
      let b = ''; probe(b);
      let c = ''; c = k!; probe(c);
      const { x: { y } } = { x: { y: k } }; probe(y);
      probe(\`Bearer \${k}\`);
      probe('key=' + k);
      probe(k || 'default');
      probe(k ?? '');
      probe(flag ? k : undefined);
      probe(k && k.trim());
      let d = 'x'; d += k; probe(d);
    `);
    assert.deepEqual(kinds, ['env', '-', 'env', 'env', 'env', 'env', 'env', 'env', 'env', 'env', 'env']);
  });

  it('through string operations (partial ones marked), encoders, JSON, Buffer', () => {
    const { kinds, flow, exprs } = probes(`
      const k = process.env.API_KEY!;
      probe(k.slice(0, 8));
      probe(k.substring(2));
      probe(k.substr(0, 4));
      probe(k.split(':')[1]);
      probe(k.trim().toUpperCase());
      probe(encodeURIComponent(k));
      probe(JSON.stringify({ k }));
      probe(Buffer.from(\`u:\${k}\`).toString('base64'));
      probe(String(k));
    `);
    assert.deepEqual(kinds, Array(9).fill('env'));
    assert.deepEqual(exprs.slice(0, 4).map((e) => flow.isSecret(e)?.partial), [true, true, true, true]);
    assert.equal(flow.isSecret(exprs[4])?.partial, undefined);
  });

  it('through object properties: the property read, not its neighbours', () => {
    const { kinds } = probes(`
      const cfg = { apiKey: process.env.API_KEY, region: process.env.AWS_REGION, model: 'gpt' };
      probe(cfg);
      probe(cfg.apiKey);
      probe(cfg['apiKey']);
      probe(cfg.region);
      probe(cfg.model);
      const { apiKey, model } = cfg;
      probe(apiKey); probe(model);
      const merged = { ...cfg, extra: 1 };
      probe(merged.apiKey);
      probe(merged.extra);
    `);
    assert.deepEqual(kinds, ['env', 'env', 'env', '-', '-', 'env', '-', 'env', '-']);
  });

  it('through the return values of functions of the same file', () => {
    const { kinds } = probes(`
      async function fetchKey() { const r = await sm.send(new GetSecretValueCommand({ SecretId: 'k' })); return r.SecretString; }
      const fetchOther = () => process.env.OTHER_TOKEN;
      function region() { return process.env.AWS_REGION; }
      probe(await fetchKey());
      probe(fetchOther());
      probe(region());
    `);
    assert.deepEqual(kinds, ['secret-manager', 'env', '-']);
  });

  it('resolves names through lexical scopes: shadowing parameters and block bindings', () => {
    const { kinds } = probes(`
      const value = process.env.API_KEY;
      function f(value: string) { probe(value); }
      { const value = 'plain'; probe(value); }
      probe(value);
      function g() { var inner = process.env.API_TOKEN; if (x) { probe(inner); } }
    `);
    assert.deepEqual(kinds, ['-', '-', 'env', 'env']);
  });
});

describe('secret flow: stoppers', () => {
  it('redaction, length, booleans, typeof, comparisons, presence checks, unknown calls, masks', () => {
    const { kinds } = probes(`
      const k = process.env.API_KEY ?? '';
      probe(redact(k)); probe(mask(k)); probe(maskSecret(k)); probe(utils.redact(k)); probe(sha256(k));
      probe('[REDACTED]');
      probe(k.length); probe(!!k); probe(!k); probe(Boolean(k)); probe(typeof k);
      probe(k === 'x'); probe(k !== undefined); probe(k ? 'set' : 'unset');
      probe(\`configured: \${!!k}\`);
      probe(someCall(k));
      probe(new OpenAI({ apiKey: k }));
      probe(k.replace(/./g, '*'));
      probe(Object.keys(process.env));
    `);
    assert.deepEqual(kinds, Array(19).fill('-'));
  });

  it('a secret-like name whose value is known to be harmless is not a secret', () => {
    const { kinds } = probes(`
      const apiKeyConfigured = Boolean(process.env.API_KEY);
      probe(apiKeyConfigured);
      const tokenMasked = mask(process.env.TOKEN);
      probe(tokenMasked);
    `);
    assert.deepEqual(kinds, ['-', '-']);
  });

  it('cycles evaluate without hanging', () => {
    const { kinds } = probes(`
      let a: any; let b: any;
      a = b; b = a;
      probe(a);
      function loop(): any { return loop(); }
      probe(loop());
    `);
    assert.deepEqual(kinds, ['-', '-']);
  });
});

describe('incoming-token flow', () => {
  it('authorization headers and tokens cut out of them; names alone never count', () => {
    const { kinds } = probes(`
      function h(req: any, request: any, extra: any, token: string) {
        probe(req.headers.authorization);
        probe(req.headers['Authorization']);
        probe(req.get('authorization'));
        probe(req.header('Authorization'));
        probe(request.headers.get('authorization'));
        probe(extra.authInfo.token);
        probe(extra.requestInfo.headers.authorization);
        const auth = req.headers.authorization;
        probe(auth.split(' ')[1]);
        probe(auth.replace(/^Bearer /, ''));
        probe(auth.slice(7));
        const { authorization } = req.headers;
        probe(\`Bearer \${authorization}\`);
        probe(req.headers);
        probe(token);
        probe(req.headers['content-type']);
        probe(auth.length);
        probe(process.env.API_TOKEN);
      }
    `, analyzeIncomingTokenFlow);
    assert.deepEqual(kinds, [
      'incoming-authorization', 'incoming-authorization', 'incoming-authorization', 'incoming-authorization', 'incoming-authorization',
      'incoming-authorization', 'incoming-authorization', 'incoming-authorization', 'incoming-authorization', 'incoming-authorization',
      'incoming-authorization', 'incoming-headers', '-', '-', '-', '-',
    ]);
  });

  it('an object the file builds itself is not the incoming request', () => {
    const { kinds } = probes(`
      const opts = { headers: { Authorization: 'Bearer x' } };
      probe(opts.headers.Authorization);
    `, analyzeIncomingTokenFlow);
    assert.deepEqual(kinds, ['-']);
  });
});

describe('flow API', () => {
  it('secretSites finds the smallest expressions that carry the secret', () => {
    const { flow, exprs } = probes(`
      const apiKey = process.env.API_KEY;
      probe({ apiKey, model: 'x', nested: { token: process.env.GH_TOKEN } });
      probe(\`a=\${apiKey} b=\${'plain'}\`);
      probe({ ...process.env });
    `);
    assert.deepEqual(flow.secretSites(exprs[0]).map((s) => [s.shape, s.expr.getText()]), [['shorthand', 'apiKey'], ['expression', 'process.env.GH_TOKEN']]);
    assert.deepEqual(flow.secretSites(exprs[1]).map((s) => [s.shape, s.expr.getText()]), [['template-span', 'apiKey']]);
    assert.deepEqual(flow.secretSites(exprs[2]).map((s) => s.shape), ['spread']);
  });

  it('is computed once per parse and shared', () => {
    const sf = ts.createSourceFile('/w/a.ts', 'const a = process.env.API_KEY;', ts.ScriptTarget.Latest, true);
    assert.equal(analyzeSecretFlow(sf), analyzeSecretFlow(sf));
    assert.equal(analyzeSecretFlow(sf).index, analyzeIncomingTokenFlow(sf).index);
  });

  it('works on CommonJS', () => {
    const { kinds } = probes(`
      const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
      const client = new SecretsManagerClient({});
      async function main() {
        const out = await client.send(new GetSecretValueCommand({ SecretId: 'db' }));
        probe(JSON.parse(out.SecretString).password);
        probe(client);
      }
    `, analyzeSecretFlow, true);
    assert.deepEqual(kinds, ['secret-manager', '-']);
  });
});

describe('robustness', () => {
  it('generated code (20,000-term concatenation, 2,000-deep binding chains) neither overflows the stack nor hangs', () => {
    const terms = Array.from({ length: 20000 }, (_, i) => `'p${i}'`).join(' + ');
    const chain = Array.from({ length: 2000 }, (_, i) => `const a${i + 1} = a${i};`).join('\n');
    const { kinds } = probes(`const k = process.env.API_KEY;\nprobe(${terms} + k);\nlet a0 = process.env.API_KEY;\n${chain}\nprobe(a2000);\nprobe(a10);\n`);
    // Past the depth budget the answer is "unknown" (no finding), never an exception.
    assert.deepEqual(kinds, ['env', '-', 'env']);
  });

  it('partial code while typing still yields what can be known', () => {
    const { kinds } = probes(`const k = process.env.API_KEY;\nprobe(k);\nconsole.log(\`x \${`);
    assert.deepEqual(kinds, ['env']);
  });
});

describe('memoisation', () => {
  it('a function as a value and the value it returns are different questions', () => {
    const { kinds } = probes(`
      const f = () => process.env.API_KEY;
      probe(f);
      probe(f());
      const g = () => process.env.API_TOKEN;
      probe(g());
      probe(g);
    `);
    assert.deepEqual(kinds, ['-', 'env', 'env', '-']);
  });
});
