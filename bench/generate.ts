/**
 * Seeded generators of realistic MCP-server material for the benchmark: TypeScript/JavaScript
 * tool servers (zod schemas, fetch calls, env reads, caches, error handling), Dockerfiles, compose
 * files, Kubernetes manifests, GitHub workflows, MCP client configs and `.env` files, plus the
 * things a scan must skip (node_modules, lock files, minified bundles, build output).
 *
 * Every credential is made up from the seeded PRNG at run time: the repository holds no secret-looking
 * literal, and the same seed always yields byte-identical files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../test/helpers/random.js';

export type Rng = () => number;

/** The tests' seeded generator (mulberry32): one implementation for fixtures and benchmarks. */
export const rng: (seed: number) => Rng = seededRandom;

const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number) => r() < p;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
function randomString(r: Rng, n: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

/** Real-format credentials, random bodies (never a real key, never a placeholder). */
export const FAKE = {
  github: (r: Rng) => 'ghp_' + randomString(r, 36),
  openai: (r: Rng) => 'sk-proj-' + randomString(r, 48, ALNUM + '_-'),
  anthropic: (r: Rng) => 'sk-ant-api03-' + randomString(r, 64, ALNUM + '_-'),
  stripe: (r: Rng) => 'sk_' + 'live_' + randomString(r, 32),
  slack: (r: Rng) => 'xoxb-' + randomString(r, 12, '0123456789') + '-' + randomString(r, 24),
  aws: (r: Rng) => 'AKIA' + randomString(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
  npm: (r: Rng) => 'npm_' + randomString(r, 36),
  password: (r: Rng) => randomString(r, 6) + '-' + randomString(r, 8) + '!' + int(r, 10, 99),
  hex: (r: Rng, n: number) => randomString(r, n, HEX),
};

const NOUNS = ['weather', 'issue', 'ticket', 'repo', 'invoice', 'customer', 'order', 'document', 'page', 'channel', 'message', 'file', 'calendar', 'event', 'contact', 'deal', 'forecast', 'metric', 'alert', 'deployment', 'bucket', 'query', 'report', 'user', 'project', 'task', 'comment', 'release', 'build', 'payment'];
const VERBS = ['get', 'list', 'search', 'create', 'update', 'delete', 'fetch', 'sync', 'summarize', 'archive', 'resolve', 'assign'];
const SERVICES = ['github', 'linear', 'notion', 'slack', 'stripe', 'jira', 'hubspot', 'sentry', 'datadog', 'pagerduty', 'airtable', 'zendesk', 'asana', 'gitlab', 'vercel', 'openweather', 'postgres', 'redis', 'confluence', 'salesforce'];
const FIELDS = ['id', 'title', 'status', 'createdAt', 'updatedAt', 'owner', 'labels', 'priority', 'url', 'description', 'count', 'total', 'region', 'name', 'email', 'amount', 'currency', 'state', 'tags', 'limit', 'cursor', 'page'];
const WORDS = 'the a server returns results for given query when available otherwise empty list tool handler request response retries backoff cache entries expire after timeout seconds upstream api rate limit pagination cursor next page format json text markdown summary'.split(' ');

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const sentence = (r: Rng, n: number) => Array.from({ length: n }, () => pick(r, WORDS)).join(' ');

interface TsOptions { lines: number; seed: number; findings?: number; js?: boolean }

/**
 * A TypeScript (or JavaScript) MCP server module of about `lines` lines. `findings` sprinkles
 * that many credential mistakes of varied rules at seeded places.
 */
export function generateTsServer(opts: TsOptions): string {
  const r = rng(opts.seed);
  const js = !!opts.js;
  const service = pick(r, SERVICES);
  const SVC = service.toUpperCase();
  const out: string[] = [];
  const t = (ts: string) => (js ? '' : ts); // type annotation only in TS
  out.push(
    `// ${cap(service)} MCP server: exposes the ${service} API as MCP tools.`,
    js ? `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';` : `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';`,
    `import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';`,
    `import { z } from 'zod';`,
    `import pino from 'pino';`,
    '',
    `const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });`,
    `const API_BASE = process.env.${SVC}_API_URL ?? 'https://api.${service}.com/v1';`,
    `const API_TOKEN = process.env.${SVC}_API_TOKEN;`,
    `const REQUEST_TIMEOUT_MS = ${int(r, 5, 60) * 1000};`,
    `const TOKEN_REFRESH_INTERVAL_MS = ${int(r, 1, 30) * 60_000};`,
    '',
    `export const server = new McpServer({ name: '${service}-mcp', version: '${int(r, 0, 3)}.${int(r, 0, 20)}.${int(r, 0, 9)}' });`,
    '',
  );
  const findingSlots = new Set<number>();
  const target = opts.lines;
  const estimatedBlocks = Math.max(1, Math.round(target / 22));
  const nFindings = opts.findings ?? 0;
  while (findingSlots.size < Math.min(nFindings, estimatedBlocks)) findingSlots.add(int(r, 0, estimatedBlocks - 1));
  let block = 0;
  let findingKind = int(r, 0, 7);
  while (out.length < target - 8) {
    if (findingSlots.has(block)) out.push(...findingBlock(r, findingKind++ % 8, service, js));
    else {
      const k = r();
      if (k < 0.42) out.push(...toolBlock(r, service, js));
      else if (k < 0.58) out.push(...helperBlock(r, js));
      else if (k < 0.70) out.push(...cacheClassBlock(r, js));
      else if (k < 0.80) out.push(...typesBlock(r, js));
      else if (k < 0.90) out.push(...configBlock(r, service));
      else out.push(...docBlock(r));
    }
    out.push('');
    block++;
  }
  out.push(
    'async function main()' + t(': Promise<void>') + ' {',
    '  const transport = new StdioServerTransport();',
    '  await server.connect(transport);',
    `  logger.info({ tools: ${block} }, 'server started');`,
    '}',
    '',
    `main().catch((error) => { logger.error({ err: error }, 'fatal'); process.exit(1); });`,
  );
  while (out.length < target) out.push(`// ${sentence(r, int(r, 4, 10))}`);
  return out.slice(0, target).join('\n') + '\n';
}

function toolBlock(r: Rng, service: string, js: boolean): string[] {
  const noun = pick(r, NOUNS);
  const verb = pick(r, VERBS);
  const name = `${verb}_${noun}${chance(r, 0.5) ? 's' : ''}_${int(r, 1, 999)}`;
  const fields = Array.from({ length: int(r, 1, 4) }, () => pick(r, FIELDS)).filter((f, i, a) => a.indexOf(f) === i);
  const SVC = service.toUpperCase();
  const lines = [
    `server.tool(`,
    `  '${name}',`,
    `  '${cap(verb)} ${noun} records from ${service}: ${sentence(r, int(r, 3, 9))}.',`,
    `  {`,
    ...fields.map((f) => `    ${f}: z.${f === 'limit' || f === 'count' || f === 'page' ? 'number().int().min(1).max(100)' : f === 'labels' || f === 'tags' ? 'array(z.string())' : 'string()'}${chance(r, 0.4) ? '.optional()' : ''}.describe('${sentence(r, int(r, 2, 6))}'),`),
    `  },`,
    `  async ({ ${fields.join(', ')} }) => {`,
    `    const url = new URL(\`\${API_BASE}/${noun}s\`);`,
    ...fields.slice(0, 2).map((f) => `    if (${f} !== undefined) url.searchParams.set('${f}', String(${f}));`),
    `    const controller = new AbortController();`,
    `    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);`,
    `    try {`,
    `      const res = await fetch(url, {`,
    `        method: '${verb === 'create' ? 'POST' : verb === 'update' ? 'PATCH' : verb === 'delete' ? 'DELETE' : 'GET'}',`,
    `        headers: { Authorization: \`Bearer \${process.env.${SVC}_API_TOKEN}\`, 'Content-Type': 'application/json' },`,
    `        signal: controller.signal,`,
    `      });`,
    `      if (!res.ok) {`,
    `        logger.warn({ status: res.status, tool: '${name}' }, 'upstream error');`,
    `        return { isError: true, content: [{ type: 'text', text: \`${service} returned \${res.status}\` }] };`,
    `      }`,
    `      const data = ${js ? '' : '(' }await res.json()${js ? '' : ') as ' + cap(noun) + 'Page'};`,
    `      const items = data.items.map((item) => ({ ${fields.slice(0, 3).map((f) => `${f}: item.${f}`).join(', ')} }));`,
    `      return { content: [{ type: 'text', text: JSON.stringify(items, null, 2) }] };`,
    `    } finally {`,
    `      clearTimeout(timer);`,
    `    }`,
    `  },`,
    `);`,
  ];
  return lines;
}

function helperBlock(r: Rng, js: boolean): string[] {
  const noun = pick(r, NOUNS);
  const fn = `format${cap(noun)}${int(r, 1, 99)}`;
  const t = (s: string) => (js ? '' : s);
  return [
    `/** ${cap(sentence(r, int(r, 4, 12)))}. */`,
    `export function ${fn}(records${t(`: ${cap(noun)}[]`)}, limit${t(': number')} = ${int(r, 5, 50)})${t(': string')} {`,
    `  const rows${t(': string[]')} = [];`,
    `  for (const record of records.slice(0, limit)) {`,
    `    const status = record.status ?? 'unknown';`,
    `    switch (status) {`,
    `      case 'open': rows.push(\`- [ ] \${record.title} (\${record.id})\`); break;`,
    `      case 'closed': rows.push(\`- [x] \${record.title} (\${record.id})\`); break;`,
    `      default: rows.push(\`- \${record.title ?? '(untitled)'} [\${status}]\`);`,
    `    }`,
    `  }`,
    `  if (records.length > limit) rows.push(\`… and \${records.length - limit} more\`);`,
    `  return rows.join('\\n');`,
    `}`,
  ];
}

function cacheClassBlock(r: Rng, js: boolean): string[] {
  const noun = pick(r, NOUNS);
  const cls = `${cap(noun)}Cache${int(r, 1, 99)}`;
  const t = (s: string) => (js ? '' : s);
  return [
    `export class ${cls} {`,
    js ? `  entries = new Map();` : `  private readonly entries = new Map<string, { value: ${cap(noun)}; expires: number }>();`,
    '',
    `  constructor(${t('private readonly ')}ttlMs${t(': number')} = ${int(r, 1, 10) * 60_000}) {${js ? ' this.ttlMs = ttlMs; ' : ''}}`,
    '',
    `  get(key${t(': string')})${t(`: ${cap(noun)} | undefined`)} {`,
    `    const hit = this.entries.get(key);`,
    `    if (!hit) return undefined;`,
    `    if (hit.expires < Date.now()) {`,
    `      this.entries.delete(key);`,
    `      return undefined;`,
    `    }`,
    `    return hit.value;`,
    `  }`,
    '',
    `  set(key${t(': string')}, value${t(`: ${cap(noun)}`)})${t(': void')} {`,
    `    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });`,
    `    if (this.entries.size > ${int(r, 100, 5000)}) this.entries.delete(this.entries.keys().next().value${t('!')});`,
    `  }`,
    `}`,
  ];
}

function typesBlock(r: Rng, js: boolean): string[] {
  const noun = pick(r, NOUNS);
  if (js) {
    return [`/**`, ` * @typedef {object} ${cap(noun)}`, ...Array.from({ length: int(r, 3, 7) }, () => ` * @property {string} ${pick(r, FIELDS)}`), ` */`];
  }
  const fields = Array.from({ length: int(r, 3, 8) }, () => pick(r, FIELDS)).filter((f, i, a) => a.indexOf(f) === i);
  return [
    `export interface ${cap(noun)} {`,
    ...fields.map((f) => `  ${f}${chance(r, 0.3) ? '?' : ''}: ${f === 'count' || f === 'total' || f === 'amount' ? 'number' : f === 'labels' || f === 'tags' ? 'string[]' : 'string'};`),
    `}`,
    '',
    `export interface ${cap(noun)}Page {`,
    `  items: ${cap(noun)}[];`,
    `  next_cursor?: string;`,
    `}`,
  ];
}

function configBlock(r: Rng, service: string): string[] {
  const SVC = service.toUpperCase();
  const n = int(r, 1, 99);
  return [
    `const retryPolicy${n} = {`,
    `  attempts: ${int(r, 2, 6)},`,
    `  backoffMs: ${int(r, 100, 2000)},`,
    `  retryOn: [429, 502, 503, 504],`,
    `  region: process.env.${SVC}_REGION ?? '${pick(r, ['us-east-1', 'eu-west-1', 'ap-southeast-2'])}',`,
    `  userAgent: '${service}-mcp/${int(r, 0, 3)}.${int(r, 0, 9)} (+https://github.com/example/${service}-mcp)',`,
    `};`,
    '',
    `export async function withRetry${n}(fn) {`,
    `  let lastError;`,
    `  for (let attempt = 0; attempt < retryPolicy${n}.attempts; attempt++) {`,
    `    try {`,
    `      return await fn();`,
    `    } catch (error) {`,
    `      lastError = error;`,
    `      logger.debug({ attempt, err: error }, 'retrying');`,
    `      await new Promise((resolve) => setTimeout(resolve, retryPolicy${n}.backoffMs * 2 ** attempt));`,
    `    }`,
    `  }`,
    `  throw lastError;`,
    `}`,
  ];
}

function docBlock(r: Rng): string[] {
  return ['/**', ...Array.from({ length: int(r, 2, 6) }, () => ` * ${cap(sentence(r, int(r, 6, 14)))}.`), ' */'];
}

/** One credential mistake per block, cycling through rules. */
function findingBlock(r: Rng, kind: number, service: string, js: boolean): string[] {
  const t = (s: string) => (js ? '' : s);
  switch (kind) {
    case 0: return [`const githubToken = '${FAKE.github(r)}';`, `export const octokitAuth = { auth: githubToken };`];
    case 1: return [`export const db = new Pool({ connectionString: 'postgres://app:${FAKE.password(r)}@db.internal:5432/${service}' });`];
    case 2: return [`const httpsAgent = new https.Agent({ rejectUnauthorized: false });`];
    case 3: return [
      `export async function instanceRole()${t(': Promise<string>')} {`,
      `  const res = await fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/');`,
      `  return res.text();`,
      `}`,
    ];
    case 4: return [`const OPENAI_API_KEY = "${FAKE.openai(r)}";`];
    case 5: return [`export async function verifyCaller(token${t(': string')}) {`, `  return jwt.verify(token, process.env.JWT_PUBLIC_KEY);`, `}`];
    case 6: return [`logger.info(\`using token \${process.env.${service.toUpperCase()}_API_TOKEN}\`);`];
    default: return [`const stripeClient = new Stripe('${FAKE.stripe(r)}', { apiVersion: '2024-06-20' });`];
  }
}

// ---------------------------------------------------------------------------------------------
// Workspace

function dockerfile(r: Rng, service: string, finding: boolean): string {
  const node = pick(r, ['20', '22']);
  return [
    `# syntax=docker/dockerfile:1.7`,
    `FROM node:${node}-alpine AS build`,
    `WORKDIR /app`,
    `COPY package.json package-lock.json ./`,
    `RUN npm ci --ignore-scripts`,
    `COPY tsconfig.json ./`,
    `COPY src ./src`,
    `RUN npm run build`,
    '',
    `FROM node:${node}-alpine`,
    `WORKDIR /app`,
    `ENV NODE_ENV=production`,
    `ENV LOG_LEVEL=info`,
    ...(finding ? [`ARG NPM_TOKEN`, `RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci --omit=dev && rm .npmrc`, `ENV ${service.toUpperCase()}_API_KEY=${FAKE.hex(r, 40)}`] : [`RUN npm ci --omit=dev`]),
    `COPY --from=build /app/dist ./dist`,
    `USER node`,
    `EXPOSE ${int(r, 3000, 9000)}`,
    `ENTRYPOINT ["node", "dist/index.js"]`,
    '',
  ].join('\n');
}

function compose(r: Rng, service: string, finding: boolean): string {
  const SVC = service.toUpperCase();
  return [
    `services:`,
    `  ${service}-mcp:`,
    `    build:`,
    `      context: .`,
    `      args:`,
    `        NODE_VERSION: "20"`,
    `    image: ghcr.io/example/${service}-mcp:latest`,
    `    restart: unless-stopped`,
    `    environment:`,
    `      LOG_LEVEL: info`,
    `      ${SVC}_API_URL: https://api.${service}.com/v1`,
    `      ${SVC}_API_TOKEN: ${finding ? FAKE.slack(r) : '${' + SVC + '_API_TOKEN:?set it in .env}'}`,
    `      DATABASE_URL: postgres://mcp:${finding ? FAKE.password(r) : '${DB_PASSWORD}'}@db:5432/mcp`,
    `    ports:`,
    `      - "${int(r, 3000, 9000)}:3000"`,
    `    depends_on:`,
    `      - db`,
    `  db:`,
    `    image: postgres:16`,
    `    environment:`,
    `      POSTGRES_USER: mcp`,
    `      POSTGRES_PASSWORD: \${DB_PASSWORD}`,
    `    volumes:`,
    `      - pgdata:/var/lib/postgresql/data`,
    `volumes:`,
    `  pgdata: {}`,
    '',
  ].join('\n');
}

function kubernetes(r: Rng, service: string, finding: boolean): string {
  const SVC = service.toUpperCase();
  return [
    `apiVersion: apps/v1`,
    `kind: Deployment`,
    `metadata:`,
    `  name: ${service}-mcp`,
    `  labels:`,
    `    app: ${service}-mcp`,
    `spec:`,
    `  replicas: ${int(r, 1, 4)}`,
    `  selector:`,
    `    matchLabels:`,
    `      app: ${service}-mcp`,
    `  template:`,
    `    metadata:`,
    `      labels:`,
    `        app: ${service}-mcp`,
    `    spec:`,
    `      containers:`,
    `        - name: server`,
    `          image: ghcr.io/example/${service}-mcp:${int(r, 0, 3)}.${int(r, 0, 9)}.${int(r, 0, 9)}`,
    `          ports:`,
    `            - containerPort: 3000`,
    `          env:`,
    `            - name: LOG_LEVEL`,
    `              value: info`,
    `            - name: ${SVC}_API_TOKEN`,
    ...(finding ? [`              value: "${FAKE.github(r)}"`] : [`              valueFrom:`, `                secretKeyRef:`, `                  name: ${service}-mcp`, `                  key: api-token`]),
    `          resources:`,
    `            limits:`,
    `              memory: 256Mi`,
    `              cpu: 500m`,
    `---`,
    `apiVersion: v1`,
    `kind: Service`,
    `metadata:`,
    `  name: ${service}-mcp`,
    `spec:`,
    `  selector:`,
    `    app: ${service}-mcp`,
    `  ports:`,
    `    - port: 80`,
    `      targetPort: 3000`,
    '',
  ].join('\n');
}

function workflow(r: Rng, service: string, finding: boolean): string {
  return [
    `name: ci`,
    `on:`,
    `  push:`,
    `    branches: [main]`,
    `  pull_request:`,
    `jobs:`,
    `  test:`,
    `    runs-on: ubuntu-latest`,
    `    steps:`,
    `      - uses: actions/checkout@v4`,
    `      - uses: actions/setup-node@v4`,
    `        with:`,
    `          node-version: ${pick(r, ['20', '22'])}`,
    `          cache: npm`,
    `      - run: npm ci`,
    `      - run: npm test`,
    `  image:`,
    `    runs-on: ubuntu-latest`,
    `    needs: test`,
    `    steps:`,
    `      - uses: actions/checkout@v4`,
    ...(finding
      ? [`      - run: echo "NPM_TOKEN=\${{ secrets.NPM_TOKEN }}" >> .env`, `      - run: docker build --build-arg NPM_TOKEN=\${{ secrets.NPM_TOKEN }} -t ${service}-mcp .`]
      : [`      - run: docker build --secret id=npm,env=NPM_TOKEN -t ${service}-mcp .`, `        env:`, `          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}`]),
    '',
  ].join('\n');
}

function mcpConfig(r: Rng, service: string, finding: boolean, vscode: boolean): string {
  const SVC = service.toUpperCase();
  const value = finding ? FAKE.github(r) : vscode ? '${input:' + service + '-token}' : '${' + SVC + '_API_TOKEN}';
  if (vscode) {
    return JSON.stringify({
      inputs: [{ type: 'promptString', id: `${service}-token`, description: `${cap(service)} token`, password: true }],
      servers: { [service]: { type: 'stdio', command: 'node', args: ['dist/index.js'], env: { [`${SVC}_API_TOKEN`]: value } } },
    }, null, 2) + '\n';
  }
  return JSON.stringify({ mcpServers: { [service]: { command: 'npx', args: ['-y', `@example/${service}-mcp`], env: { [`${SVC}_API_TOKEN`]: value, LOG_LEVEL: 'info' } } } }, null, 2) + '\n';
}

function packageJson(r: Rng, service: string): string {
  return JSON.stringify({
    name: `@example/${service}-mcp`, version: `${int(r, 0, 3)}.${int(r, 0, 9)}.${int(r, 0, 9)}`, type: 'module',
    bin: { [`${service}-mcp`]: 'dist/index.js' }, scripts: { build: 'tsc', start: 'node dist/index.js', test: 'vitest run' },
    dependencies: { '@modelcontextprotocol/sdk': '^1.17.0', zod: '^3.23.8', pino: '^9.3.2' },
    devDependencies: { typescript: '^5.9.2', vitest: '^2.0.5', '@types/node': '^20.14.0' },
  }, null, 2) + '\n';
}

function lockFile(r: Rng, packages: number): string {
  const deps: Record<string, unknown> = {};
  for (let i = 0; i < packages; i++) {
    const name = `${pick(r, NOUNS)}-${pick(r, VERBS)}-${i}`;
    deps[`node_modules/${name}`] = {
      version: `${int(r, 0, 9)}.${int(r, 0, 30)}.${int(r, 0, 9)}`,
      resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`,
      integrity: `sha512-${randomString(r, 86, ALNUM + '+/')}==`,
      license: 'MIT',
    };
  }
  return JSON.stringify({ name: 'x', lockfileVersion: 3, requires: true, packages: deps }, null, 2) + '\n';
}

function readme(r: Rng, service: string): string {
  const paras = Array.from({ length: int(r, 6, 20) }, () => cap(sentence(r, int(r, 20, 60))) + '.');
  return [`# ${service}-mcp`, '', ...paras.flatMap((p) => [p, '']), '```sh', `npx -y @example/${service}-mcp`, '```', ''].join('\n');
}

function minifiedBundle(r: Rng, bytes: number): string {
  let s = '';
  while (s.length < bytes) s += `function ${randomString(r, 2, 'abcdefghijklmnopqrstuvwxyz')}(e,t){return e.${pick(r, FIELDS)}!==t?e:t}var ${randomString(r, 2, 'abcdefghijklmnopqrstuvwxyz')}="${sentence(r, 4)}";`;
  return s + '\n';
}

export interface WorkspaceOptions {
  seed: number;
  /** Number of MCP server repositories (default 24). */
  repos?: number;
  /** Multiplies the amount of source per repository (default 1). */
  scale?: number;
}

export interface WorkspaceStats { files: number; bytes: number }

function write(root: string, rel: string, text: string, stats: WorkspaceStats): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  stats.files++;
  stats.bytes += Buffer.byteLength(text);
}

/**
 * A folder of `repos` MCP server repositories side by side, each with sources, container and CI
 * files, MCP configs, env files and the material a scanner must skip. Deterministic for a seed.
 */
export function generateWorkspace(root: string, opts: WorkspaceOptions): WorkspaceStats {
  const r = rng(opts.seed);
  const repos = opts.repos ?? 24;
  const scale = opts.scale ?? 1;
  const stats: WorkspaceStats = { files: 0, bytes: 0 };
  fs.mkdirSync(root, { recursive: true });
  for (let i = 0; i < repos; i++) {
    const service = SERVICES[i % SERVICES.length];
    const dir = `${service}-mcp-${i}`;
    const w = (rel: string, text: string) => write(root, path.join(dir, rel), text, stats);
    const risky = chance(r, 0.5);
    w('.gitignore', ['node_modules/', 'dist/', 'coverage/', risky ? '' : '.env', '*.log', ''].join('\n'));
    w('package.json', packageJson(r, service));
    w('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', outDir: 'dist', strict: true } }, null, 2) + '\n');
    w('README.md', readme(r, service));
    w('src/index.ts', generateTsServer({ lines: Math.round(int(r, 400, 1600) * scale), seed: int(r, 1, 1e9), findings: int(r, 0, 3) }));
    const tools = Math.round(int(r, 4, 12) * scale);
    for (let k = 0; k < tools; k++) {
      const js = chance(r, 0.2);
      w(`src/tools/${pick(r, NOUNS)}${k}.${js ? 'js' : 'ts'}`, generateTsServer({ lines: int(r, 80, 900), seed: int(r, 1, 1e9), findings: chance(r, 0.15) ? 1 : 0, js }));
    }
    for (let k = 0; k < Math.round(int(r, 1, 4) * scale); k++) {
      w(`test/${pick(r, NOUNS)}${k}.test.ts`, generateTsServer({ lines: int(r, 60, 400), seed: int(r, 1, 1e9) }));
    }
    w('Dockerfile', dockerfile(r, service, risky && chance(r, 0.5)));
    w('docker-compose.yml', compose(r, service, risky && chance(r, 0.4)));
    w('k8s/deployment.yaml', kubernetes(r, service, risky && chance(r, 0.3)));
    w('.github/workflows/ci.yml', workflow(r, service, risky && chance(r, 0.4)));
    w('.vscode/mcp.json', mcpConfig(r, service, risky && chance(r, 0.3), true));
    if (chance(r, 0.5)) w('examples/claude_desktop_config.json', mcpConfig(r, service, risky && chance(r, 0.5), false));
    w('.env.example', `${service.toUpperCase()}_API_TOKEN=\nLOG_LEVEL=info\n`);
    if (chance(r, 0.6)) w('.env', `${service.toUpperCase()}_API_TOKEN=${FAKE.github(r)}\nLOG_LEVEL=debug\n`);
    // What a scan must skip: dependencies, lock files, build output, minified bundles.
    w('package-lock.json', lockFile(r, int(r, 200, 900)));
    if (chance(r, 0.3)) w('pnpm-lock.yaml', `lockfileVersion: '9.0'\n` + Array.from({ length: 400 }, (_, k) => `  /pkg-${k}@1.0.${k}:\n    resolution: {integrity: sha512-${randomString(r, 86, ALNUM + '+/')}==}\n`).join(''));
    for (let k = 0; k < int(r, 3, 8); k++) {
      w(`node_modules/${pick(r, NOUNS)}-lib-${k}/index.js`, generateTsServer({ lines: int(r, 200, 1500), seed: int(r, 1, 1e9), js: true, findings: 1 }));
      w(`node_modules/${pick(r, NOUNS)}-lib-${k}/package.json`, packageJson(r, service));
    }
    w('dist/index.js', generateTsServer({ lines: 800, seed: int(r, 1, 1e9), js: true, findings: 1 }));
    if (chance(r, 0.4)) w('public/app.min.js', minifiedBundle(r, int(r, 50_000, 300_000)));
    if (chance(r, 0.2)) w('src/generated/schema.js', minifiedBundle(r, 250_000));
  }
  return stats;
}
