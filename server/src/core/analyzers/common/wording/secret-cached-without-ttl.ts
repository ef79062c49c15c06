import { message, type Message } from '../../../secrets/message.js';

/**
 * secret-cached-without-ttl, in every language: the messages, the fix title, the comment a fix
 * writes above the TTL it chooses, and the words that show a cache already looks at time. Each
 * language finds its own caches and writes its own helper.
 */

/** Where the secret is kept forever. */
export type ForeverCache =
  /** A module-level binding initialised with the fetch. */
  | { kind: 'module' }
  /** A module-level binding written inside a function (`fn` as the message names it: `'getKey'`, `a function`). */
  | { kind: 'function'; fn: string }
  /** A function memoised by a decorator with no expiry (`@lru_cache`). */
  | { kind: 'memoized'; decorator: string };

/**
 * `holder` is the binding (or memoised function) name; `source` how the secret's source reads in a
 * message (`describeSource`: `from AWS Secrets Manager ('prod/key')`).
 */
export function secretCachedMessage(holder: string, source: string, where: ForeverCache): Message {
  switch (where.kind) {
    case 'module':
      return message`Module-level '${holder}' holds the secret ${source} for the life of the process: rotations and revocations never reach the running server. Re-read it after a bounded time (a TTL).`;
    case 'function':
      return message`'${holder}' keeps the secret ${source} once fetched and returns it forever (it is set inside ${where.fn} and never expires): rotations and revocations never reach the running server. Re-read it after a bounded time (a TTL).`;
    case 'memoized':
      return message`'${holder}' returns the secret ${source} memoised by ${where.decorator}, which never expires: rotations and revocations never reach the running server. Re-read it after a bounded time (a TTL).`;
  }
}

/** The fix title; `how` names what the fix wraps the fetch in (`generated cachedWithTtl helper`, `cachetools.TTLCache`). */
export function secretCachedFixTitle(holder: string, how: string): string {
  return `secretzero (secret-cached-without-ttl): re-read '${holder}' after a TTL (${how})`;
}

/** The comment a fix writes above the TTL it picked (in the language's comment syntax). */
export const TTL_REVIEW_NOTE = 'Review the TTL: shorter than the secret\'s rotation period.';

/**
 * Words that show a cache already expires (any language): an expiry, a TTL, a max age, staleness, a
 * lease. Each language adds its clock calls (`Date.now()`, `time.monotonic()`).
 */
export const TTL_WORDS = /expir|\bttl\b|Ttl|TTL|maxAge|max_age|stale|[fF]resh|lease_?[dD]uration|leaseDuration/;
