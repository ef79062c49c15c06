import picomatch from 'picomatch';
import { DOTENV_EXAMPLE } from '../../classify.js';

/** What a COPY/ADD source is, as far as secrets go. */
export interface SecretFile {
  /** Human description for messages: `npm credentials file`. */
  what: string;
  /** Files a build step reads and a `--mount=type=secret,target=…` can stand in for. */
  buildTime: boolean;
  dotenv: boolean;
  /** A folder of credentials (`.aws/`): a secret mount takes files, so no single mount replaces it. */
  directory?: boolean;
}

const NAMED: Record<string, SecretFile> = {
  '.npmrc': { what: 'npm credentials file', buildTime: true, dotenv: false },
  '.pypirc': { what: 'PyPI credentials file', buildTime: true, dotenv: false },
  '.netrc': { what: 'netrc credentials file', buildTime: true, dotenv: false },
  '_netrc': { what: 'netrc credentials file', buildTime: true, dotenv: false },
  '.git-credentials': { what: 'git credentials file', buildTime: true, dotenv: false },
};

/**
 * `.pem` holds certificates as often as keys, and copying a CA certificate in is how an image
 * trusts a private CA (the fix tls-verification-disabled recommends): names that say
 * certificate/CA/chain/public and not key are not secrets.
 */
function isPublicPem(stem: string): boolean {
  if (/key|priv/i.test(stem)) return false;
  return /(^|[-_.])(ca|root|intermediate)([-_.]|$)|cert|chain|bundle|pub(lic)?|crt/i.test(stem);
}

/**
 * Classifies a context-relative path (`.npmrc`, `config/.env.production`, `.aws/`): undefined
 * when it is not a credential file. Example dotenv files (`.env.example`, `.sample`,
 * `.template`) are documentation.
 */
export function classifySecretPath(rel: string): SecretFile | undefined {
  const segs = rel.split('/').filter(Boolean);
  if (!segs.length) return undefined;
  const base = segs[segs.length - 1];
  if (segs.includes('.aws')) return { what: 'AWS credentials', buildTime: false, dotenv: false, directory: base === '.aws' };
  if (segs.includes('.ssh')) return { what: 'SSH keys', buildTime: false, dotenv: false, directory: base === '.ssh' };
  const docker = segs.indexOf('.docker');
  if (docker >= 0 && (docker === segs.length - 1 || segs[docker + 1] === 'config.json')) {
    return { what: 'Docker registry credentials', buildTime: false, dotenv: false, directory: base === '.docker' };
  }
  if (base === '.env' || (/^\.env\./i.test(base) && !DOTENV_EXAMPLE.test(base))) return { what: 'dotenv file', buildTime: false, dotenv: true };
  if (NAMED[base]) return NAMED[base];
  if (/^id_(rsa|ed25519|ecdsa|dsa)/.test(base) && !/\.pub$/i.test(base)) return { what: 'SSH private key', buildTime: false, dotenv: false };
  if (/\.key$/i.test(base)) return { what: 'private key file', buildTime: false, dotenv: false };
  if (/\.pem$/i.test(base) && !isPublicPem(base.slice(0, -4))) return { what: 'PEM key file', buildTime: false, dotenv: false };
  if (/^credentials.*\.json$/i.test(base)) return { what: 'credentials file', buildTime: false, dotenv: false };
  return undefined;
}

/** Sample names a glob is tried against, with the text the glob must spell out to mean them. */
const GLOB_SAMPLES: [sample: string, token: string][] = [
  ['.env', '.env'], ['.env.local', '.env'], ['.npmrc', 'npmrc'], ['.pypirc', 'pypirc'], ['.netrc', 'netrc'],
  ['.git-credentials', 'credentials'], ['id_rsa', 'id_'], ['id_ed25519', 'id_'], ['server.pem', '.pem'],
  ['server.key', '.key'], ['credentials.json', 'credentials'],
];

export function isGlob(rel: string): boolean {
  return /[*?[]/.test(rel);
}

/**
 * A glob source that names credential files (`.env*`, `*.pem`, `secrets/id_*`): the first sample
 * path it matches. A glob must spell the file out: `*.json` matches `credentials.json` but means
 * package manifests, and a bare `*` is the whole-context case.
 */
export function globSecretSample(rel: string): string | undefined {
  const slash = rel.lastIndexOf('/');
  const dir = slash >= 0 ? rel.slice(0, slash + 1) : '';
  const pattern = rel.slice(slash + 1);
  let isMatch: (s: string) => boolean;
  try { isMatch = picomatch(pattern, { dot: true }); } catch { return undefined; }
  const literal = pattern.replace(/[*?]|\[[^\]]*\]/g, '\u0000');
  for (const [sample, token] of GLOB_SAMPLES) {
    if (literal.split('\u0000').some((part) => part.includes(token)) && isMatch(sample)) return dir + sample;
  }
  return undefined;
}

/** A secret id for a file mount: `.npmrc` → `npmrc`. */
export function fileSecretId(rel: string): string {
  const base = rel.split('/').filter(Boolean).pop() ?? 'secret';
  return base.replace(/^\.+/, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '_') || 'secret';
}
