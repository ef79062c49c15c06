import { PROVIDER_ENV_NAMES, splitWords, toEnvName, type Detection } from '../../secrets/index.js';
import { envNameFor } from '../common/envName.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An `env` key names itself: the server reads exactly that variable, so the reference keeps it. */
export function envKeyName(key: string, d?: Detection): string {
  return ENV_NAME.test(key) ? key : envNameFor(key, d);
}

/**
 * A variable for a secret that has no environment name of its own (a header, a flag, a query
 * parameter): the provider's usual variable when the format says who issued the key, else the
 * holder's words under the server's name, so two servers' keys never end up sharing one variable.
 */
export function scopedName(server: string, base: string, d?: Detection): string {
  const provider = d ? PROVIDER_ENV_NAMES[d.detector] : undefined;
  if (provider) return provider;
  const prefix = serverPrefix(server);
  if (!prefix || base === prefix || base.startsWith(prefix + '_')) return base;
  return `${prefix}_${base}`;
}

function serverPrefix(server: string): string | undefined {
  const words = splitWords(server).filter((w) => w !== 'mcp' && w !== 'server');
  // `@scope/some-long-package` names make unreadable variables: better none.
  if (!words.length || words.length > 3) return undefined;
  return words.join('_').toUpperCase();
}

/** `Authorization` → `API_TOKEN`, `X-API-Key` → `API_KEY`. */
export function headerBaseName(header: string): string {
  const words = splitWords(header).filter((w, i) => !(i === 0 && w === 'x'));
  if (!words.length || words.includes('authorization')) return 'API_TOKEN';
  return words.join('_').toUpperCase();
}

/** `--api-key` → `API_KEY`, `--token` → `TOKEN`. */
export function flagBaseName(flag: string): string {
  return toEnvName(flag.replace(/^-+/, ''));
}

/** `key`, `apikey`, `appid` all mean "the API key" in a query string. */
export function queryBaseName(param: string): string {
  return /^(key|api[-_]?key|app[-_]?id|app[-_]?key)$/i.test(param) ? 'API_KEY' : toEnvName(param);
}

/** VS Code input ids read like `github-token`. */
export function inputIdFor(name: string): string {
  return splitWords(name).join('-') || 'secret';
}
