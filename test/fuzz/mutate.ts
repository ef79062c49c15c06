import { DETECTOR_SAMPLES } from '../helpers/secretSamples.js';
import type { Target } from './corpus.js';

/** A deterministic source of randomness (mulberry32) with the helpers the mutators need. */
export class Rand {
  private a: number;
  constructor(seed: number) { this.a = seed >>> 0; }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  range(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

/** Mixes a run seed and an input index into the seed of that input, so any input can be regenerated alone. */
export function inputSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Made-up credentials of every known format: what the core must recognise, so must never echo. */
export const KNOWN_FORMAT_SECRETS: string[] = DETECTOR_SAMPLES.filter((s) => !s.holder).map((s) => s.positive).filter((s) => !s.includes('\n'));

/** Made-up credentials of every known format (positives and near misses) and generic secrets. */
export const SECRETS: string[] = [
  ...DETECTOR_SAMPLES.flatMap((s) => [s.positive, s.negative]),
  'hunter2hunter2', 'Sup3rS3cretP@ssw0rd!', 'changeme', 'xxxxxxxxxxxxxxxxxxxx', 'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7',
  'postgres://app:S3cr3tPassw0rd@db:5432/app', 'mongodb+srv://root:Qx7!pL2#vN9@cluster0.mongodb.net/db', 'redis://:p4ssw0rdXyz@cache:6379',
  'https://user:tok3nValu3Zq@example.com/path', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl',
];

const HOLDERS = ['API_KEY', 'apiKey', 'token', 'GITHUB_TOKEN', 'password', 'DB_PASSWORD', 'secret', 'OPENAI_API_KEY', 'authorization', 'VAULT_TOKEN', 'x', 'client_secret', 'AWS_SECRET_ACCESS_KEY'];

const REFERENCES = [
  'process.env.API_KEY', 'process.env["TOKEN"]', 'import.meta.env.VITE_KEY', '${input:api-key}', '${env:API_KEY}', '${API_KEY}', '$API_KEY',
  '${{ secrets.API_KEY }}', '${{ env.TOKEN }}', '{{ .Values.apiKey }}', '{{ include "x" . }}', 'secretKeyRef', 'valueFrom:', '--mount=type=secret,id=api_key',
  '$(cat /run/secrets/token)', 'vault://secret/data/app#key', 'op://vault/item/field', '<your-api-key>', 'YOUR_API_KEY_HERE', '${{ github.token }}',
];

const CONTROL = [
  '\u0000', '\r', '\r\n', '\n', '\t', '\u000b', '\u000c', '\u001b', '\u0085', '\u2028', '\u2029', '\uFEFF', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\uDFFF\uD800',
  'é', '🔑', '\\', '\\u', '\\x', '"', "'", '`', '{', '}', '[', ']', '(', ')', ':', ',', ';', '=', '#', '//', '/*', '*/', '<!--', '${', '}}', '{{',
  '<<', '&anchor ', '*anchor', '---\n', '...\n', '- ', '? ', '|', '>-', '!!binary ', '%YAML 1.2\n', '\\\n', '`${', '/**/', '</script>', 'ARG ', 'ENV ', 'RUN ', 'FROM ',
];

/** One line in the idiom of the target, holding `value`: what a person would actually write. */
function idiomaticLine(target: Target, holder: string, value: string, r: Rand): string {
  const q = JSON.stringify(value);
  switch (target) {
    case 'typescript': return r.pick([`const ${holder.replace(/\W/g, '_')} = ${q};`, `  ${holder.replace(/\W/g, '_')}: ${q},`, `headers["Authorization"] = "Bearer " + ${q};`, `console.log(${q});`, `fetch(\`https://api.example.com?key=${value.replace(/[`$\\]/g, '')}\`);`]);
    case 'python': {
      const name = holder.replace(/\W/g, '_');
      return r.pick([`${name} = ${q}`, `    ${name}: str = ${q}`, `client = Client(${name}=${q})`, `headers = {"Authorization": f"Bearer ${value.replace(/[{}"\\]/g, '')}"}`,
        `logger.info("key %s", os.environ[${q}])`, `requests.get(url, verify=False, params={"${name}": ${q}})`, `@mcp.tool()\ndef t(${name}: str) -> str:\n    return ${q}`]);
    }
    case 'dockerfile': return r.pick([`ENV ${holder}=${value}`, `ARG ${holder}=${value}`, `ENV ${holder} ${value}`, `RUN curl -H "Authorization: ${value}" https://x`, `LABEL token=${q}`]);
    case 'dotenv': return r.pick([`${holder}=${value}`, `export ${holder}=${q}`, `${holder}='${value}'`]);
    case 'mcp-config': case 'json': return r.pick([`"${holder}": ${q},`, `${q},`, `"env": { "${holder}": ${q} },`, `"args": ["--token", ${q}],`]);
    case 'text': return `${holder} = ${value}`;
    default: return r.pick([`${holder}: ${value}`, `${holder}: ${q}`, `- name: ${holder}\n  value: ${q}`, `  ${holder}: '${value.replace(/'/g, "''")}'`, `- ${holder}=${value}`]);
  }
}

export interface Mutation { name: string; apply(text: string, r: Rand, ctx: MutationContext): string }
export interface MutationContext {
  target: Target;
  other(): string;
  /** Secrets inserted as whole tokens (a line or a string's whole content), for the never-echo check. */
  inserted: string[];
}

const pos = (text: string, r: Rand) => r.int(text.length + 1);
const lineStarts = (text: string) => { const s = [0]; for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) s.push(i + 1); return s; };

export const MUTATIONS: Mutation[] = [
  { name: 'flip', apply(t, r) {
    if (!t.length) return t;
    let out = t;
    for (let k = r.range(1, 8); k > 0; k--) {
      const i = r.int(out.length);
      const code = r.chance(0.8) ? out.charCodeAt(i) ^ (1 << r.int(8)) : r.int(0x80);
      out = out.slice(0, i) + String.fromCharCode(code) + out.slice(i + 1);
    }
    return out;
  } },
  { name: 'truncate', apply(t, r) { const i = pos(t, r); return r.chance(0.7) ? t.slice(0, i) : t.slice(i); } },
  { name: 'delete', apply(t, r) { const a = pos(t, r); const b = Math.min(t.length, a + r.range(1, 200)); return t.slice(0, a) + t.slice(b); } },
  { name: 'duplicate', apply(t, r) {
    const a = pos(t, r); const b = Math.min(t.length, a + r.range(1, 400)); const at = pos(t, r);
    return t.slice(0, at) + t.slice(a, b).repeat(r.range(1, 3)) + t.slice(at);
  } },
  { name: 'splice', apply(t, r, c) { const o = c.other(); return t.slice(0, pos(t, r)) + o.slice(pos(o, r)); } },
  { name: 'graft', apply(t, r, c) { const o = c.other(); const a = pos(o, r); const at = pos(t, r); return t.slice(0, at) + o.slice(a, a + r.range(1, 300)) + t.slice(at); } },
  { name: 'secret-line', apply(t, r, c) {
    const secret = r.pick(SECRETS); c.inserted.push(secret);
    const starts = lineStarts(t); const at = r.pick(starts);
    const indent = /^[ \t]*/.exec(t.slice(at))![0];
    return t.slice(0, at) + indent + idiomaticLine(c.target, r.pick(HOLDERS), secret, r) + '\n' + t.slice(at);
  } },
  { name: 'secret-in-string', apply(t, r, c) {
    const secret = r.pick(SECRETS);
    const quotes = [...t.matchAll(/(["'`])([^"'`\n\\]{0,80})\1/g)];
    if (!quotes.length) return t;
    const m = r.pick(quotes);
    const glued = r.chance(0.3);
    const body = glued ? m[2] + secret : secret;
    if (!glued) c.inserted.push(secret);
    return t.slice(0, m.index! + 1) + body + t.slice(m.index! + 1 + m[2].length);
  } },
  // Anywhere, even inside a word: not recorded for the echo check (a secret glued into an identifier is no longer one).
  { name: 'secret-raw', apply(t, r) { const s = r.pick(SECRETS); const at = pos(t, r); return t.slice(0, at) + s + t.slice(at); } },
  { name: 'reference', apply(t, r) {
    const ref = r.pick(REFERENCES);
    const quotes = [...t.matchAll(/(["'])([^"'\n\\]{1,80})\1/g)];
    if (quotes.length && r.chance(0.6)) { const m = r.pick(quotes); return t.slice(0, m.index! + 1) + ref + t.slice(m.index! + 1 + m[2].length); }
    const at = pos(t, r); return t.slice(0, at) + ref + t.slice(at);
  } },
  { name: 'control', apply(t, r) {
    let out = t;
    for (let k = r.range(1, 5); k > 0; k--) { const at = pos(out, r); out = out.slice(0, at) + r.pick(CONTROL) + out.slice(at); }
    return out;
  } },
  { name: 'lines', apply(t, r) {
    const lines = t.split('\n');
    if (lines.length < 2) return t;
    const i = r.int(lines.length); const j = r.int(lines.length);
    switch (r.int(4)) {
      case 0: [lines[i], lines[j]] = [lines[j], lines[i]]; break;
      case 1: lines.splice(i, 1); break;
      case 2: lines.splice(i, 0, lines[j]); break;
      default: lines[i] = (r.chance(0.5) ? ' '.repeat(r.range(1, 8)) : '\t') + lines[i].replace(/^\s{0,4}/, '');
    }
    return lines.join('\n');
  } },
  { name: 'eol', apply(t, r) { return r.chance(0.7) ? t.replace(/\r?\n/g, '\r\n') : t.replace(/\r?\n/g, '\r'); } },
  { name: 'nest', apply(t, r) {
    const [open, close] = r.pick([['[', ']'], ['{', '}'], ['(', ')'], ['{"a":', '}'], ['- ', ''], ['  ', '']]);
    const depth = r.chance(0.05) ? r.range(500, 3000) : r.range(1, 40);
    const a = pos(t, r); const b = a + r.int(Math.min(200, t.length - a + 1));
    return t.slice(0, a) + open.repeat(depth) + t.slice(a, b) + close.repeat(depth) + t.slice(b);
  } },
  { name: 'bom', apply(t) { return '\uFEFF' + t; } },
];

/** Inputs are kept small so the fuzzer spends its time on many shapes, not on long documents. */
export const MAX_INPUT = 96 * 1024;

/** Applies one to four random mutations; records the secrets it inserted (for the never-echo check). */
export function mutate(text: string, r: Rand, ctx: MutationContext): { text: string; applied: string[] } {
  let out = text;
  const applied: string[] = [];
  for (let k = r.chance(0.6) ? 1 : r.range(2, 4); k > 0; k--) {
    const m = r.pick(MUTATIONS);
    out = m.apply(out, r, ctx);
    applied.push(m.name);
    if (out.length > MAX_INPUT) out = out.slice(0, MAX_INPUT);
  }
  return { text: out, applied };
}
