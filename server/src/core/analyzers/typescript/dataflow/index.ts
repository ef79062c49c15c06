import type ts from 'typescript';
import { type Binding, type FileIndex, fileIndexOf, fullFileIndexOf, resolveIn } from './fileIndex.js';
import { FlowEngine, type FlowSpec, type Verdict, isSecretVerdict } from './engine.js';
import { secretSpec } from './secretSources.js';
import { incomingTokenSpec } from './tokenSources.js';
import { type SecretSite, secretSitesIn } from './sites.js';
import type { SecretSource } from './types.js';
import { type MemoSlot, memoSlot } from '../../../memo.js';

/**
 * Intra-file data flow for TS/JS: which expressions carry a secret, and why.
 *
 * Sources: `process.env.<secret-like name>` (also `["…"]`, destructuring, aliases of `process.env`);
 * secrets-manager results (node-vault `read`/logins, AWS `send(new GetSecretValueCommand)` and
 * `.SecretString`, `getSecretValue`, GCP `accessSecretVersion`, Azure/Infisical `getSecret`, keytar
 * `getPassword`), awaited or not; credential-format literals; and, for values the file cannot show
 * (parameters, imports, unknown calls, properties of unknown objects), secret-like names.
 *
 * Propagation: `const`/`let`/`var` and later assignments, object and array destructuring,
 * template literals, `+`, `||`/`??`, `?:`, object literals and reads of their properties,
 * `.slice`/`.substring`/`.substr`/`.split` (marked partial), `.trim`/`.toString`/…,
 * `JSON.stringify`/`JSON.parse`, `Buffer.from`, `String`, `encodeURIComponent`, `btoa`, and the
 * return values of functions defined in the same file.
 *
 * Stoppers: everything else. In particular `redact(…)`/`mask(…)`/`maskSecret(…)`/`hash…(…)`,
 * `.replace(…, '***')`, `.length`, `!x`, `Boolean(x)`, `typeof x`, comparisons, arithmetic,
 * presence checks (`x ? 'set' : 'unset'`), `new` of classes (clients), and calls to functions the
 * file does not define (unless their name is a secret getter such as `getApiKey()`).
 *
 * Limits (by design, so results stay predictable on every keystroke): one file only; bindings are
 * resolved by name through lexical scopes, without types; every assignment of a binding counts
 * wherever it happens (no control flow, so a binding reassigned to a clean value stays secret);
 * values stored in arrays, maps or class fields and read back are not followed, nor are
 * arguments into parameters (a parameter is judged by its name).
 */
export interface SecretFlow {
  readonly index: FileIndex;
  readonly engine: FlowEngine;
  /** Why `expr` carries a secret, or undefined when it does not or the file cannot tell. */
  isSecret(expr: ts.Expression): SecretSource | undefined;
  /** The full verdict: a source, `clean` (known harmless) or `unknown`. */
  verdict(expr: ts.Expression): Verdict;
  /** The smallest sub-expressions of `expr` that carry a secret, for precise ranges and fixes. */
  secretSites(expr: ts.Expression): SecretSite[];
  /** The binding an identifier refers to (by name through lexical scopes), or undefined for a global. */
  bindingOf(id: ts.Identifier): Binding | undefined;
}

function makeFlow(sf: ts.SourceFile, spec: FlowSpec): SecretFlow {
  const index = fullFileIndexOf(sf);
  const engine = new FlowEngine(index, spec);
  return {
    index,
    engine,
    isSecret: (expr) => {
      const v = engine.evaluate(expr);
      return isSecretVerdict(v) ? v : undefined;
    },
    verdict: (expr) => engine.evaluate(expr),
    secretSites: (expr) => secretSitesIn(engine, expr),
    bindingOf: (id) => resolveIn(index, id),
  };
}

// On the tree and the view, not in WeakMaps: a flow refers to its tree (memo.ts).
const secretFlows = memoSlot<ts.SourceFile, SecretFlow>('secret flow');
const tokenFlows = memoSlot<ts.SourceFile, SecretFlow>('incoming token flow');
const narrowed = memoSlot<FileIndex, Map<FlowSpec, SecretFlow>>('narrowed flows');

/**
 * The flow of one spec over a file, computed lazily and shared by every rule that asks for the
 * same parse. Inside `withIndexView` the flow's `index` is the narrowed view; its engine, and so
 * every verdict already worked out, is the whole file's.
 */
function flowOf(cache: MemoSlot<ts.SourceFile, SecretFlow>, sf: ts.SourceFile, spec: FlowSpec): SecretFlow {
  let f = cache.get(sf);
  if (!f) cache.set(sf, (f = makeFlow(sf, spec)));
  const view = fileIndexOf(sf);
  if (view === f.index) return f;
  let bySpec = narrowed.get(view);
  if (!bySpec) narrowed.set(view, (bySpec = new Map()));
  let v = bySpec.get(spec);
  if (!v) bySpec.set(spec, (v = { ...f, index: view }));
  return v;
}

/** The secret flow of a file, computed lazily and shared by every rule that asks for the same parse. */
export function analyzeSecretFlow(sf: ts.SourceFile): SecretFlow {
  return flowOf(secretFlows, sf, secretSpec);
}

/**
 * The flow of the authorization the server received (`req.headers.authorization`,
 * `req.get('authorization')`, `extra.authInfo.token`, and tokens cut out of them). Names never
 * count here: only real reads of the incoming request are sources.
 */
export function analyzeIncomingTokenFlow(sf: ts.SourceFile): SecretFlow {
  return flowOf(tokenFlows, sf, incomingTokenSpec);
}

export { describeSource, secretPhrase } from '../../common/secretSource.js';

export { secretManagerCall, isSecretName, isSecretEnvName } from './secretSources.js';
export { CLEAN, UNKNOWN, unwrap, plusOperands, type Verdict, FlowEngine } from './engine.js';
export type { SecretSource, SecretSourceKind } from './types.js';
export type { SecretSite } from './sites.js';
export { type Binding, type FileIndex, type PathStep, fileIndexOf, forEachDescendant, isFunctionLike, type FunctionLike } from './fileIndex.js';
