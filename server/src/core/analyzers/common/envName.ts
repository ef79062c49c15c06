import { hasSecretWord, isSecretLikeName, PROVIDER_ENV_NAMES, toEnvName, type Detection } from '../../secrets/index.js';

/**
 * The environment variable a fix introduces for a secret: the holder's own name when it reads
 * like one (`apiKey` → `API_KEY`), else the provider's conventional name, else `SECRET`.
 */
export function envNameFor(holder: string | undefined, detector?: Detection | string): string {
  // `Authorization: Bearer …` names the header, not the secret: the provider's name reads better.
  if (holder && /^(proxy-)?authorization$/i.test(holder)) holder = undefined;
  if (holder && /^[A-Z][A-Z0-9_]*$/.test(holder) && hasSecretWord(holder)) return holder;
  if (holder && isSecretLikeName(holder)) return toEnvName(holder);
  const id = typeof detector === 'string' ? detector : detector?.detector;
  if (id && PROVIDER_ENV_NAMES[id]) return PROVIDER_ENV_NAMES[id];
  if (holder && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(holder)) return toEnvName(holder);
  return 'SECRET';
}
