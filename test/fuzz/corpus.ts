import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify } from '../../server/src/core/classify.js';

/** The repository; a bundled copy of the fuzzer (npm run fuzz) passes it explicitly. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * What the fuzzer aims at: one entry per analyzer (YAML per flavour), with the paths a document is
 * analysed under (the path decides the analyzer, and for MCP configs the client).
 */
export const TARGETS = {
  typescript: ['/ws/src/server.ts', '/ws/src/tools.js', '/ws/src/index.mjs', '/ws/src/legacy.cjs', '/ws/src/view.tsx', '/ws/src/auth.mts'],
  python: ['/ws/src/server.py', '/ws/mcp_server/tools.py', '/ws/app/__init__.py', '/ws/stubs/client.pyi'],
  dockerfile: ['/ws/Dockerfile', '/ws/docker/api.Dockerfile'],
  'yaml-compose': ['/ws/compose.yaml', '/ws/docker-compose.yml'],
  'yaml-kubernetes': ['/ws/k8s/deployment.yaml', '/ws/chart/templates/deployment.yaml'],
  'yaml-workflow': ['/ws/.github/workflows/release.yml'],
  'yaml-other': ['/ws/config/settings.yaml', '/ws/values.yml'],
  'mcp-config': [
    '/ws/.vscode/mcp.json', '/ws/.cursor/mcp.json', '/ws/.mcp.json', '/home/dev/.claude.json', '/home/dev/.config/Claude/claude_desktop_config.json',
    '/home/dev/.codeium/windsurf/mcp_config.json', '/home/dev/.config/Code/User/mcp.json', '/home/dev/.config/Code/User/settings.json',
    '/home/dev/.config/zed/settings.json', '/ws/cline_mcp_settings.json', '/ws/mcp.json',
  ],
  json: ['/ws/config.json', '/ws/tsconfig.json'],
  dotenv: ['/ws/.env', '/ws/.env.production', '/ws/.env.example'],
  text: ['/ws/notes.txt', '/ws/README.md'],
} as const satisfies Record<string, readonly string[]>;

export type Target = keyof typeof TARGETS;
export const TARGET_NAMES = Object.keys(TARGETS) as Target[];

/** The analyzer a document really goes to (a mutation can turn a manifest into plain YAML). */
export function analyzerOf(filePath: string, text: string): string {
  const k = classify(filePath, undefined, text);
  return k.kind === 'yaml' ? `yaml-${k.flavor}` : k.kind;
}

export interface Seed { file: string; target: Target; text: string }

export interface Corpus {
  seeds: Seed[];
  byTarget: Record<Target, Seed[]>;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') out.push(...listFiles(p)); } else if (e.isFile()) out.push(p);
  }
  return out;
}

function targetOfSeed(file: string, text: string): Target {
  if (/\.env\.fixture$/.test(file)) return 'dotenv';
  const a = analyzerOf(file, text);
  return (a in TARGETS ? a : 'text') as Target;
}

/** Every fixture under test/fixtures and every file of examples/, grouped by the analyzer that reads it. */
export function loadCorpus(root = REPO_ROOT): Corpus {
  const files = [...listFiles(path.join(root, 'test', 'fixtures')), ...listFiles(path.join(root, 'examples'))].sort();
  const seeds: Seed[] = [];
  for (const file of files) {
    const buf = fs.readFileSync(file);
    if (buf.length > 256 * 1024 || buf.includes(0)) continue;
    const text = buf.toString('utf8');
    seeds.push({ file: path.relative(root, file), target: targetOfSeed(file, text), text });
  }
  const byTarget = Object.fromEntries(TARGET_NAMES.map((t) => [t, seeds.filter((s) => s.target === t)])) as Record<Target, Seed[]>;
  // The expected outputs of MCP fixes (`*.fixed.json`) are MCP configs under a plain JSON name.
  const jsonish = [...byTarget['mcp-config'], ...byTarget.json];
  byTarget['mcp-config'] = byTarget.json = jsonish;
  // A target without a fixture of its own (none today) still gets inputs spliced from the others.
  for (const t of TARGET_NAMES) if (!byTarget[t].length) byTarget[t] = seeds;
  return { seeds, byTarget };
}
