import { memoisedPerNode, resolvedPath, type PyFileIndex } from '../fileIndex.js';
import { HTTP_METHODS, httpCalleeOf } from '../httpClients.js';
import { callOf, lastName, type PyCall, type PyNode } from '../syntax.js';

/**
 * Outbound HTTP calls that take `headers=` / `params=`, on top of the shared client recognition
 * (httpClients.ts: module functions, clients the file builds, annotated parameters; never a
 * receiver's name alone): requests that are sent or built (`requests.get`, `client.post`,
 * `httpx.Request`, `urllib.request.Request`), clients whose every request carries their options
 * (`httpx.AsyncClient(headers=…)`, `aiohttp.ClientSession(params=…)`), and the MCP SDKs' HTTP
 * client transports (`streamablehttp_client(url, headers=…)`, `sse_client`, fastmcp
 * `StreamableHttpTransport`).
 */
export interface PyOutboundCall {
  call: PyCall;
  /** `request`: sends (or builds) one request; `client`: makes a client whose every request carries its options. */
  kind: 'request' | 'client';
}

const CLIENTS = /^(Session|session|Client|AsyncClient|ClientSession|PoolManager|ProxyManager)$/;
const REQUESTS = /^(Request|urlopen|ws_connect|build_request)$/;
const MCP_TRANSPORT = /^(streamablehttp_client|streamable_http_client|sse_client|StreamableHttpTransport|SSETransport)$/;

/** Memoised per file: secret-in-url and token-passthrough both ask about every call. */
export const outboundCall: (idx: PyFileIndex, n: PyNode) => PyOutboundCall | undefined = memoisedPerNode(judgeOutbound);

function judgeOutbound(idx: PyFileIndex, n: PyNode): PyOutboundCall | undefined {
  const call = callOf(idx.src, n);
  if (!call) return undefined;
  const callee = httpCalleeOf(idx, call);
  if (callee && callee.lib !== 'boto3') {
    if (!callee.onClient && CLIENTS.test(callee.method)) return { call, kind: 'client' };
    if (HTTP_METHODS.has(callee.method) || REQUESTS.test(callee.method)) return { call, kind: 'request' };
    return undefined;
  }
  const path = resolvedPath(idx, call.callee) ?? '';
  if (MCP_TRANSPORT.test(lastName(path) ?? '') && /^(mcp|fastmcp)\./.test(path)) return { call, kind: 'client' };
  return undefined;
}

/** The URL argument of a request call: the first positional one (the second for `request(method, url)`), or `url=`. */
export function urlArgument(out: PyOutboundCall, idx: PyFileIndex): PyNode | undefined {
  const { call } = out;
  const kw = call.args.find((a) => a.name === 'url');
  if (kw) return kw.value;
  const positional = call.args.filter((a) => !a.name && !a.star).map((a) => a.value);
  const path = resolvedPath(idx, call.callee) ?? '';
  const methodFirst = /^(request|stream|build_request)$/.test(lastName(path) ?? '') || /^(httpx|requests)\.Request$/.test(path);
  return methodFirst && positional.length >= 2 ? positional[1] : positional[0];
}
