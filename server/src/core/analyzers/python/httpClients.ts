import { functionAt, resolvedPath, valuesOf, type PyFileIndex } from './fileIndex.js';
import { dottedPath, enclosingFunction, lastName, namedChildren, objectOf, type PyCall, type PyNode } from './syntax.js';

/**
 * Which HTTP (or TLS-speaking) client library a Python call goes through, read from the file's
 * imports and bindings: module functions (`requests.get`, `httpx.AsyncClient`, `urllib.request.urlopen`),
 * methods of a client the file builds (`s = requests.Session()`, `async with httpx.AsyncClient() as c`,
 * `self.session = …` in a class) or of a parameter annotated with a client type. A receiver's name
 * alone never makes it a client.
 */
export type PyHttpLib = 'requests' | 'httpx' | 'aiohttp' | 'urllib3' | 'urllib' | 'boto3';

export interface PyHttpCallee {
  lib: PyHttpLib;
  /** The function, class or method called: `get`, `request`, `Client`, `TCPConnector`, `urlopen`. */
  method: string;
  /** Called on a client or session object rather than on the module. */
  onClient: boolean;
}

/** Constructors of client objects, by resolved path. */
const CLIENT_CONSTRUCTORS: Record<string, PyHttpLib> = {
  'requests.Session': 'requests', 'requests.session': 'requests', 'requests.sessions.Session': 'requests',
  'httpx.Client': 'httpx', 'httpx.AsyncClient': 'httpx',
  'aiohttp.ClientSession': 'aiohttp',
  'urllib3.PoolManager': 'urllib3', 'urllib3.ProxyManager': 'urllib3', 'urllib3.HTTPSConnectionPool': 'urllib3',
  'urllib3.HTTPConnectionPool': 'urllib3', 'urllib3.connection_from_url': 'urllib3',
  'boto3.Session': 'boto3', 'boto3.session.Session': 'boto3',
};

const MODULE_LIBS: Array<[RegExp, PyHttpLib]> = [
  [/^requests\.packages\.urllib3\./, 'urllib3'],
  [/^requests\./, 'requests'],
  [/^httpx\./, 'httpx'],
  [/^aiohttp\./, 'aiohttp'],
  [/^urllib3\./, 'urllib3'],
  [/^urllib\.request\./, 'urllib'],
  [/^boto3\./, 'boto3'],
];

/** The methods that send a request (the fallback judgement for receivers the file does not show). */
export const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream']);

/** A path whose first name the file imports, with that name resolved; undefined for local names and attributes of unknown objects. */
export function importedPath(idx: PyFileIndex, n: PyNode | null | undefined): string | undefined {
  const p = dottedPath(idx.src, n);
  const head = p && /^\w+/.exec(p)?.[0];
  if (!head || !idx.imports.has(head)) return undefined;
  return resolvedPath(idx, n);
}

function moduleLib(path: string): PyHttpLib | undefined {
  for (const [re, lib] of MODULE_LIBS) if (re.test(path)) return lib;
  return undefined;
}

/** The client library of an object expression: a constructor call, a binding of one, or an annotated parameter. */
export function httpClientLibOf(idx: PyFileIndex, n: PyNode | null | undefined, depth = 0): PyHttpLib | undefined {
  if (!n || depth > 4) return undefined;
  if (n.name === 'ParenthesizedExpression' || n.name === 'AwaitExpression') return httpClientLibOf(idx, namedChildren(n)[0], depth + 1);
  if (n.name === 'CallExpression') {
    const ctor = importedPath(idx, n.firstChild);
    return ctor ? CLIENT_CONSTRUCTORS[ctor] : undefined;
  }
  const name = n.name === 'VariableName' ? idx.src.slice(n.from, n.to) : n.name === 'MemberExpression' ? dottedPath(idx.src, n) : undefined;
  if (!name || (n.name === 'MemberExpression' && !name.startsWith('self.'))) return undefined;
  for (const v of valuesOf(idx, name, n)) {
    const lib = httpClientLibOf(idx, v, depth + 1);
    if (lib) return lib;
  }
  if (n.name === 'VariableName') return annotatedParameterLib(idx, name, n);
  return undefined;
}

/** `def f(session: requests.Session)`: a parameter whose annotation is a client type. */
function annotatedParameterLib(idx: PyFileIndex, name: string, at: PyNode): PyHttpLib | undefined {
  const fnNode = enclosingFunction(at);
  const fn = fnNode && functionAt(idx, fnNode);
  const param = fn?.params.find((p) => p.name === name);
  const type = param?.annotation && importedPath(idx, param.annotation);
  return type ? CLIENT_CONSTRUCTORS[type] : undefined;
}

/** Which library a call goes through, when the file shows it. */
export function httpCalleeOf(idx: PyFileIndex, call: PyCall): PyHttpCallee | undefined {
  const callee = call.callee;
  const path = importedPath(idx, callee);
  const method = lastName(dottedPath(idx.src, callee));
  if (!method) return undefined;
  if (path && !path.includes('()')) {
    const lib = moduleLib(path);
    if (lib) return { lib, method, onClient: false };
  }
  if (callee.name !== 'MemberExpression') return undefined;
  const lib = httpClientLibOf(idx, objectOf(callee));
  return lib ? { lib, method, onClient: true } : undefined;
}

/** `urllib3.disable_warnings()` / `requests.packages.urllib3.disable_warnings(...)`: the file silences the warning unverified requests raise. */
export function disablesTlsWarnings(idx: PyFileIndex): boolean {
  if (!idx.src.includes('disable_warnings')) return false;
  return idx.calls.some((c) => {
    const path = importedPath(idx, c.firstChild);
    return !!path && /^(urllib3|requests\.packages\.urllib3)(\.\w+)*\.disable_warnings$/.test(path);
  });
}
