import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parser } from '@lezer/python';
import { analyze } from '../../../server/src/core/analyze.js';
import { pyFileIndexOf } from '../../../server/src/core/analyzers/python/fileIndex.js';
import { pySecretFlowOf } from '../../../server/src/core/analyzers/python/flow.js';
import { pyIncomingTokenFlowOf } from '../../../server/src/core/analyzers/python/incoming.js';
import { dispatchedToolName, toolFunctions } from '../../../server/src/core/analyzers/python/mcpTools.js';
import { forEachNode, type PyNode } from '../../../server/src/core/analyzers/python/syntax.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { pythonSyntaxErrors } from '../../helpers/python.js';
import type { Finding } from '../../../server/src/core/types.js';

/**
 * secret-logged, secret-in-tool-output, secret-in-url and token-passthrough for Python: what the
 * annotated fixtures cannot say (fix safety, quoting inside f-strings, the tool recogniser other
 * rules share, the incoming-token sources, one diagnostic per problem).
 */

const RULES = new Set(['secret-logged', 'secret-in-tool-output', 'secret-in-url', 'token-passthrough']);

function findings(text: string, path = '/work/app/server.py'): Finding[] {
  return analyze({ path, text }).findings;
}

function mine(text: string): Finding[] {
  return findings(text).filter((f) => RULES.has(f.ruleId));
}

function index(text: string) {
  return pyFileIndexOf(parser.parse(text), text);
}

/** The first node of `name` whose text is `text`. */
function nodeAt(idx: ReturnType<typeof index>, name: string, text: string): PyNode {
  let found: PyNode | undefined;
  forEachNode(idx.root, (n) => {
    if (!found && n.name === name && idx.src.slice(n.from, n.to) === text) found = n;
  });
  assert.ok(found, `no ${name} ${text}`);
  return found;
}

function parses(text: string): boolean {
  return pythonSyntaxErrors(text) === 0;
}

describe('Python secret-logged', () => {
  it('offers a safe fix for a plain read and an unsafe one where the secret comes from a call', () => {
    const text = [
      'import logging, os',
      'logger = logging.getLogger(__name__)',
      'KEY = os.environ["SERVICE_API_KEY"]',
      'def fetch_key():',
      '    return os.environ["SERVICE_API_KEY"]',
      'logger.info("key %s", KEY)',
      'logger.info("key %s", fetch_key())',
      'logger.info("key %s", os.getenv("SERVICE_API_KEY"))',
      '',
    ].join('\n');
    const fs = mine(text);
    assert.deepEqual(fs.map((f) => [f.range.start.line + 1, f.fixes[0]?.applicability]), [[6, 'safe'], [7, 'unsafe'], [8, 'safe']]);
    for (const f of fs) assert.equal(f.fixes[0].title, "secretzero (secret-logged): replace the secret with '[REDACTED]'");
  });

  it('puts the redaction in the quote an f-string allows', () => {
    const text = 'import os\nKEY = os.environ["SERVICE_API_KEY"]\nprint(f"key {KEY + \'!\'}")\n';
    const [f] = mine(text);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal(fixed.split('\n')[2], 'print(f"key {\'[REDACTED]\' + \'!\'}")');
    assert.ok(parses(fixed));
  });

  it('never repeats the secret in a message', () => {
    const key = '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';
    const text = `TOKEN = "${key}"\nprint("token", TOKEN)\nraise ValueError(f"bad token {TOKEN}")\n`;
    const fs = findings(text);
    assert.deepEqual(fs.filter((f) => f.ruleId === 'secret-logged').map((f) => f.range.start.line + 1), [2, 3]);
    for (const f of fs) assert.ok(!f.message.includes(key), f.message);
  });

  it('needs a source: names, parameters and attributes alone stay silent', () => {
    const text = [
      'import logging',
      'logger = logging.getLogger(__name__)',
      'def login(api_key, password, settings):',
      '    logger.info("key %s %s %s", api_key, password, settings.api_key)',
      '    raise ValueError(f"bad key {api_key}")',
      '',
    ].join('\n');
    assert.deepEqual(mine(text), []);
  });
});

describe('Python secret-in-tool-output', () => {
  it('recognises FastMCP and low-level tool functions (shared with credential-tool-parameter)', () => {
    const text = [
      'from mcp.server.fastmcp import FastMCP',
      'from mcp.server import Server',
      'import mcp.types as types',
      'mcp = FastMCP("a")',
      'app = FastMCP("b")',
      'server = Server("c")',
      'other = Typer()',
      '@mcp.tool()',
      'def one(): return 1',
      '@mcp.tool',
      'def two(): return 2',
      '@app.tool(name="renamed")',
      'def three(): return 3',
      '@other.tool()',
      'def not_a_tool(): return 4',
      'def five(): return 5',
      'mcp.add_tool(five)',
      'def six(): return 6',
      'mcp.tool()(six)',
      '@server.call_tool()',
      'async def dispatch(name, arguments):',
      '    if name == "seven":',
      '        return [types.TextContent(type="text", text="x")]',
      '',
    ].join('\n');
    const idx = index(text);
    const tools = toolFunctions(idx);
    assert.deepEqual(tools.map((t) => [t.fn.name, t.kind, t.name]), [
      ['one', 'tool', 'one'], ['two', 'tool', 'two'], ['three', 'tool', 'renamed'],
      ['dispatch', 'call_tool', undefined], ['five', 'tool', 'five'], ['six', 'tool', 'six'],
    ]);
    const ret = idx.returns.find((r) => idx.src.slice(r.from, r.to).includes('TextContent'))!;
    assert.equal(dispatchedToolName(idx, ret), 'seven');
  });

  it('follows a local dict literal to the entry that holds the secret', () => {
    const text = [
      'import os',
      'from mcp.server.fastmcp import FastMCP',
      'mcp = FastMCP("x")',
      '@mcp.tool()',
      'def status() -> dict:',
      '    out = {"ok": True, "key": os.environ["SERVICE_API_KEY"]}',
      '    return out',
      '',
    ].join('\n');
    const [f] = mine(text);
    assert.equal(f.range.start.line + 1, 6);
    assert.equal(f.fixes[0].applicability, 'unsafe');
    assert.match(f.message, /output of tool 'status'/);
  });
});

describe('Python secret-in-url', () => {
  it('reports a credential literal in a URL query once, as secret-in-url', () => {
    const text = 'URL = "https://www.googleapis.com/youtube/v3/search?part=snippet&key=AIzaSyD4kR9mT2vX7nL0pQ8sW3yB6cF1hJ5gE2u"\n';
    assert.deepEqual(findings(text).map((f) => f.ruleId), ['secret-in-url']);
  });

  it('does not treat a form body as a URL, nor a header as a query', () => {
    const text = [
      'import os, requests',
      'from urllib.parse import urlencode',
      'SECRET = os.environ["CLIENT_SECRET"]',
      'requests.post("https://auth.example.com/token", data=urlencode({"client_secret": SECRET}))',
      'requests.get("https://api.example.com", headers={"api_key": SECRET})',
      'requests.post("https://api.example.com", data={"token": SECRET})',
      '',
    ].join('\n');
    assert.deepEqual(mine(text), []);
  });

  it('moves a bearer parameter to an Authorization header with a quote the expression allows', () => {
    const text = 'import os, requests\nrequests.get(f"https://api.example.com/v1?access_token={os.environ[\'API_TOKEN\']}")\n';
    const [f] = mine(text);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.equal(fixed.split('\n')[1], 'requests.get("https://api.example.com/v1", headers={"Authorization": f"Bearer {os.environ[\'API_TOKEN\']}"})');
    assert.ok(parses(fixed));
  });
});

describe('Python token-passthrough and the incoming-token flow', () => {
  it('takes only real reads of the request the server received', () => {
    const text = [
      'import httpx',
      'def a(request): return request.headers["authorization"]',
      'def b(request: httpx.Request): return request.headers["authorization"]',
      'def c(response): return response.request.headers["authorization"]',
      'def d(ctx): return ctx.request_context.request.headers.get("Authorization")',
      'def e(token): return token',
      'def f(request): return request.headers.get("x-request-id")',
      '',
    ].join('\n');
    const idx = index(text);
    const flow = pyIncomingTokenFlowOf(idx);
    const kinds = idx.returns.map((r) => flow.secretOf(r.lastChild)?.kind);
    assert.deepEqual(kinds, ['incoming-authorization', undefined, undefined, 'incoming-authorization', undefined, undefined]);
  });

  it('has no fix, and names the header read in its message', () => {
    const text = [
      'import requests',
      'from flask import request',
      'def proxy():',
      '    return requests.get("https://api.example.com", headers={"Authorization": request.headers["Authorization"]})',
      '',
    ].join('\n');
    const [f] = mine(text);
    assert.equal(f.ruleId, 'token-passthrough');
    assert.deepEqual(f.fixes, []);
    assert.match(f.message, /authorization \(request\.headers\["Authorization"\]\) is forwarded/);
  });
});

describe('the Python secret flow reads dict entries by key', () => {
  it('judges config["mode"] by its own entry, not by the secret beside it', () => {
    const text = [
      'import os',
      'def load():',
      '    if not os.getenv("ENABLED"):',
      '        return None',
      '    return {"mode": os.getenv("AUTH_MODE", "jwt"), "api_key": os.getenv("SERVICE_API_KEY")}',
      'config = load()',
      'mode = config["mode"]',
      'key = config.get("api_key")',
      '',
    ].join('\n');
    const idx = index(text);
    const flow = pySecretFlowOf(idx);
    assert.equal(flow.secretOf(nodeAt(idx, 'MemberExpression', 'config["mode"]')), undefined);
    assert.equal(flow.secretOf(nodeAt(idx, 'CallExpression', 'config.get("api_key")'))?.kind, 'env');
  });

  it('leaves the metadata of a token response out, read with [] or .get()', () => {
    const text = [
      'import requests',
      'body = requests.post("https://auth.example.com/oauth/token", data={}).json()',
      'a = body.get("expires_in")',
      'b = body["error_description"]',
      'c = body.get("access_token")',
      '',
    ].join('\n');
    const idx = index(text);
    const flow = pySecretFlowOf(idx);
    assert.equal(flow.secretOf(nodeAt(idx, 'CallExpression', 'body.get("expires_in")')), undefined);
    assert.equal(flow.secretOf(nodeAt(idx, 'MemberExpression', 'body["error_description"]')), undefined);
    assert.equal(flow.secretOf(nodeAt(idx, 'CallExpression', 'body.get("access_token")'))?.kind, 'secret-manager');
  });
});
