import { notASecretBecause } from './generic.js';
import { isPlaceholder } from './placeholder.js';

/** A password found inside a URL's userinfo or an ADO-style `Password=` pair. */
export interface ConnectionPassword {
  /** Offsets of the password inside the scanned string. */
  start: number;
  end: number;
  password: string;
  /** `postgres`, `mongodb+srv`, `ado` … */
  scheme: string;
  /** Environment variable a fix references: `DB_PASSWORD`, `REDIS_PASSWORD` … */
  suggestedName: string;
  /** The password holds `#`, `@` or `/` unencoded: URL parsers split the string in the wrong place. */
  unencoded: boolean;
}

// The password runs to the last `@` before the host, so one with an unencoded `@`, `#` or `/` is
// still found whole (and said to break the URL).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/?#@'"`]*):([^\s'"`]+)@([^\s@/?#'"`:]+)/gi;
/** Hosts of throwaway local databases and documentation: their passwords guard nothing. */
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|example\.(com|org|net)|[a-z0-9.-]*\.example\.(com|org|net)|[a-z0-9.-]+\.local(host)?)$/i;
const ADO_PASSWORD = /(?:^|;)\s*(password|pwd)\s*=\s*([^;'"`\s][^;'"`]*)/gi;

const SCHEME_NAMES: Record<string, string> = {
  postgres: 'DB', postgresql: 'DB', mysql: 'DB', mariadb: 'DB', mssql: 'DB', sqlserver: 'DB',
  mongodb: 'MONGO', 'mongodb+srv': 'MONGO', redis: 'REDIS', rediss: 'REDIS', amqp: 'AMQP', amqps: 'AMQP',
};

const PASSWORD_PLACEHOLDERS = /^(password|passwd|pass|pwd|secret|changeme|user|username|\*+|x+|\.\.\.)$/i;

function isPasswordPlaceholder(password: string): boolean {
  if (PASSWORD_PLACEHOLDERS.test(password) || isPlaceholder(password) || /^\$\{?[A-Za-z_]/.test(password) || /^%[A-Za-z_]+%$/.test(password) || /^\{\{/.test(password)) return true;
  // People choose these passwords, so randomness is not asked for; fakes and well-known defaults are out.
  const why = notASecretBecause(password);
  return why === 'says it is fake' || why === 'a well-known default password' || why === 'code or a template, not a value';
}

/** False when `findConnectionPasswords(text)` is certainly empty: no userinfo `@`, no `password=`. */
export function mayHaveConnectionPassword(text: string): boolean {
  return text.includes('@') || /p(ass)?w(or)?d\s*=/i.test(text);
}

export function findConnectionPasswords(text: string): ConnectionPassword[] {
  const out: ConnectionPassword[] = [];
  if (!mayHaveConnectionPassword(text)) return out;
  for (const m of text.matchAll(URL_USERINFO)) {
    const scheme = m[1].toLowerCase();
    const password = m[3];
    if (isPasswordPlaceholder(decodeSafe(password)) || LOCAL_HOST.test(m[4])) continue;
    const start = m.index! + m[0].length - m[4].length - 1 - password.length;
    const prefix = SCHEME_NAMES[scheme] ?? scheme.replace(/[^a-z0-9]/gi, '_').toUpperCase();
    out.push({ start, end: start + password.length, password, scheme, suggestedName: `${prefix}_PASSWORD`, unencoded: /[#@/]/.test(password) });
  }
  if (/(server|data source|host|uid|user id)\s*=/i.test(text)) {
    for (const m of text.matchAll(ADO_PASSWORD)) {
      const password = m[2].trim();
      if (isPasswordPlaceholder(password)) continue;
      const start = m.index! + m[0].indexOf(m[2], m[0].indexOf('='));
      out.push({ start, end: start + password.length, password, scheme: 'ado', suggestedName: 'DB_PASSWORD', unencoded: false });
    }
  }
  return out;
}

function decodeSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
