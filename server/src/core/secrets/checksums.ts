import { crc32 } from 'node:zlib';

/**
 * Offline structure checks of provider token formats. A token that fails its format's own check
 * was not issued by the provider: it is an example, a truncated paste or a made-up value.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/**
 * GitHub classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm tokens (`npm_`): 30 random
 * base62 characters followed by the CRC32 of those 30, base62-encoded in 6 characters (GitHub's
 * "Behind GitHub's new authentication token formats", 2021; npm's "new access token format", 2021).
 */
export function hasValidCrc32Suffix(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  return /^[A-Za-z0-9]{36}$/.test(body) && hasBase62Crc32Tail(body);
}

/** A token body with its CRC32 suffix appended: for tests and examples that must pass the check. */
export function withCrc32Suffix(prefix: string, random30: string): string {
  return `${prefix}${random30}${base62(crc32(random30), 6)}`;
}

// Checks of the provider formats in providers.ts (each entry says which check it uses and why).

export const crc32Hex = (s: string) => crc32(s).toString(16).padStart(8, '0');

export function base62(n: number, width: number): string {
  let out = '';
  for (let v = n >>> 0; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, '0');
}

/** The body's last 6 characters are the base62 CRC32 of the rest (the GitHub-style suffix). */
export function hasBase62Crc32Tail(body: string): boolean {
  return body.length > 6 && base62(crc32(body.slice(0, -6)), 6) === body.slice(-6);
}

/** Cloudflare `cf…_` + 40 characters + CRC32 (8 lowercase hex) of those 40. */
export function cloudflareChecksumOk(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  return body.length === 48 && crc32Hex(body.slice(0, 40)) === body.slice(40);
}

/** Atlassian `ATATT3…=XXXXXXXX`: the tail is the CRC32 (8 hex) of everything up to and including `=`. */
export function atlassianChecksumOk(token: string): boolean {
  const eq = token.lastIndexOf('=');
  return eq > 0 && crc32Hex(token.slice(0, eq + 1)) === token.slice(eq + 1).toLowerCase();
}

/** Grafana `glsa_<32>_<8 hex>`: the tail is the CRC32 of `glsa_<32>`, its bytes in little-endian order. */
export function grafanaSaChecksum(head: string): string {
  const c = crc32(head);
  return [c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24].map((b) => b.toString(16).padStart(2, '0')).join('');
}
export function grafanaSaChecksumOk(token: string): boolean {
  const cut = token.lastIndexOf('_');
  return grafanaSaChecksum(token.slice(0, cut)) === token.slice(cut + 1);
}

/** A base64 (standard or URL-safe) string that decodes to a JSON object holding `key`. */
export function decodesToJsonWith(b64: string, key: string): boolean {
  try {
    const value = JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) && key in value;
  } catch {
    return false;
  }
}

/** Discord bot tokens open with the bot's user id (a decimal snowflake) in base64. */
export function discordIdSegmentOk(token: string): boolean {
  return /^[0-9]{17,20}$/.test(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('latin1'));
}

export function bech32Polymod(values: readonly number[]): number {
  const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i];
  }
  return chk >>> 0;
}
export const bech32HrpExpand = (hrp: string) => [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];

/** BIP-173 Bech32 checksum, the encoding of age identities (`AGE-SECRET-KEY-1…`). */
export function bech32ChecksumOk(s: string): boolean {
  const lower = s.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length - sep < 7) return false;
  const data = [...lower.slice(sep + 1)].map((c) => BECH32.indexOf(c));
  return !data.includes(-1) && bech32Polymod([...bech32HrpExpand(lower.slice(0, sep)), ...data]) === 1;
}
