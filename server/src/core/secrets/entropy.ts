/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function characterClasses(s: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;
}

/**
 * The generic test for a literal held by a secret-like name: long enough, no spaces (prose is not
 * a key), mixed character classes and high entropy. Tuned so that `hunter2hunter2` style passwords
 * and random keys pass while words, sentences and identifiers do not.
 */
export function looksLikeGenericSecret(value: string): boolean {
  if (value.length < 8 || value.length > 4096) return false;
  if (/\s/.test(value)) return false;
  if (/^[a-z]+(?:[-_.][a-z]+)*$/.test(value)) return false; // kebab/snake words, identifiers
  if (/^\d+(\.\d+)*$/.test(value)) return false; // numbers, versions
  // Host names, host:port pairs and IP addresses are locations, not credentials.
  if (/^(?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d{1,5})?$/i.test(value) && /[a-z]{2,}|\d+\.\d+\.\d+/i.test(value) && !/[A-Z].*[0-9].*[A-Z]/.test(value)) return false;
  const h = shannonEntropy(value);
  const classes = characterClasses(value);
  if (value.length >= 20) return h >= 3.0 && classes >= 2;
  return h >= 2.8 && classes >= 2;
}
