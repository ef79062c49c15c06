import { crc32 } from 'node:zlib';

/**
 * Offline structure checks of provider token formats. A token that fails its format's own check
 * was not issued by the provider: it is an example, a truncated paste or a made-up value.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number, width: number): string {
  let out = '';
  for (let v = n >>> 0; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, '0');
}

/**
 * GitHub classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm tokens (`npm_`): 30 random
 * base62 characters followed by the CRC32 of those 30, base62-encoded in 6 characters (GitHub's
 * "Behind GitHub's new authentication token formats", 2021; npm's "new access token format", 2021).
 */
export function hasValidCrc32Suffix(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (!/^[A-Za-z0-9]{36}$/.test(body)) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

/** A token body with its CRC32 suffix appended: for tests and examples that must pass the check. */
export function withCrc32Suffix(prefix: string, random30: string): string {
  return `${prefix}${random30}${base62(crc32(random30), 6)}`;
}
