import { SOURCE_STRENGTH, type SecretSourceOf } from '../common/secretSource.js';
import type { PyFileIndex } from './fileIndex.js';
import { nodeKey, type PyNode } from './syntax.js';

type PySecretSource = SecretSourceOf<PyNode>;

/**
 * An evaluation of "where does this expression's secret come from", memoised per node: rules ask
 * about the same bindings again and again. Cycles (`x = x + 1`) end at the memo's `null`.
 */
export abstract class MemoisedFlow {
  private readonly memo = new Map<string, PySecretSource | null>();

  constructor(readonly idx: PyFileIndex) {}

  secretOf(n: PyNode | null | undefined): PySecretSource | undefined {
    return n ? this.eval(n, 0) : undefined;
  }

  protected eval(n: PyNode, depth: number): PySecretSource | undefined {
    if (depth > 12) return undefined;
    const key = nodeKey(n);
    if (this.memo.has(key)) return this.memo.get(key) ?? undefined;
    this.memo.set(key, null);
    const found = this.compute(n, depth);
    this.memo.set(key, found ?? null);
    return found;
  }

  protected abstract compute(n: PyNode, depth: number): PySecretSource | undefined;

  /** The most telling source among several candidate expressions (a secrets manager beats a literal). */
  protected strongest(nodes: PyNode[], depth: number): PySecretSource | undefined {
    let best: PySecretSource | undefined;
    for (const c of nodes) {
      const s = this.eval(c, depth + 1);
      if (s && (!best || SOURCE_STRENGTH[s.kind] > SOURCE_STRENGTH[best.kind])) best = s;
    }
    return best;
  }
}

