/** Deterministic pseudo-random strings for test secrets (mulberry32), so fixtures are stable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function randomString(length: number, charset = ALNUM, seed = length * 7919): string {
  const rnd = seededRandom(seed);
  let s = '';
  for (let i = 0; i < length; i++) s += charset[Math.floor(rnd() * charset.length)];
  return s;
}

/**
 * Credential-format values that pass their format's offline check (checksums, markers), so the
 * scanner reports them at full confidence: a seeded GitHub token and an OpenAI project key.
 */
export function githubToken(seed: number, charset = ALNUM): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withCrc32Suffix } = require('../../server/src/core/secrets/checksums.js') as typeof import('../../server/src/core/secrets/checksums.js');
  return withCrc32Suffix('ghp_', randomString(30, charset, seed));
}

export function openAiKey(seed: number): string {
  return `sk-proj-${randomString(24, ALNUM, seed)}T3BlbkFJ${randomString(24, ALNUM, seed + 1)}`;
}
