import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { TestLspClient } from '../helpers/lspClient.js';
import { randomString } from '../helpers/random.js';

/**
 * Documents built to hurt: each must be answered within a second of the server's CPU, leave its
 * memory bounded, say in a log message when it was skipped or only partly analysed, and leave the
 * server answering the next request. CPU time of the server process (/proc/<pid>/stat) is the
 * budget: on a shared CI machine the wall clock also counts waiting for a core, so wall time only
 * has to stay clear of multi-second stalls.
 */
const CPU_BUDGET_MS = 1000;
const WALL_LIMIT_MS = Number(process.env.SECRETZERO_WALL_LIMIT_MS ?? 6000);
const RSS_GROWTH_LIMIT_MB = 200;
const PEAK_RSS_LIMIT_MB = 700;

const KEY = `sk-proj-${randomString(48, undefined, 4242)}`;

function procStat(pid: number): { cpuMs: number; rssMb: number; peakMb: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 Hz)
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return { cpuMs: ticks * 10, rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

function aliasBomb(): string {
  // "Billion laughs": ten levels of nine aliases each, 10^9 strings if anything expanded them.
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `# billion laughs\n${lines.join('\n')}\napi_key: "${KEY}"\n`;
}

interface Case {
  name: string;
  file: string;
  text: () => string;
  languageId: string;
  /** What the server must log about this document (skipped / quick scan only), if anything. */
  log?: RegExp;
  /** The pull must still report the planted key (the document was analysed, maybe partly). */
  findsKey?: boolean;
  /** Send one keystroke afterwards and pull again, within the same budget. */
  edit?: boolean;
}

const CASES: Case[] = [
  { name: '10 MB single-line file', file: 'bundle.js', languageId: 'javascript', text: () => `var k="${KEY}";` + 'a'.repeat(10 * 1024 * 1024), log: /skipped .*bundle\.js: file is larger than 4 MB/, edit: true },
  {
    name: '100,000-line TypeScript file', file: 'generated.ts', languageId: 'typescript', findsKey: true, edit: true,
    // A generated table (about 3 MB: under the 4 MB limit, so it is not simply skipped).
    text: () => ['export const items = ['].concat(Array.from({ length: 99_998 }, (_, i) => (i === 50_000 ? `  { id: ${i}, key: "${KEY}" },` : `  { id: ${i}, name: "n${i}" },`)), ['];']).join('\n') + '\n',
    log: /generated\.ts has 100001 lines .*quick scan/,
  },
  {
    name: '100,000-line YAML file', file: 'values.yaml', languageId: 'yaml', findsKey: true,
    text: () => Array.from({ length: 100_000 }, (_, i) => (i === 70_000 ? `api_key: "${KEY}"` : `entry_${i}: value ${i}`)).join('\n') + '\n',
    log: /values\.yaml has 100001 lines .*quick scan/,
  },
  // The parsers themselves (jsonc-parser, TypeScript, yaml) recurse and overflow the stack: the generic scan stands in.
  { name: 'JSON nested 10,000 deep', file: '.mcp.json', languageId: 'json', findsKey: true, text: () => `{\n  "mcpServers": { "a": { "env": { "API_KEY": "${KEY}" } } },\n  "deep": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}\n` },
  { name: 'TypeScript nested 10,000 deep', file: 'deep.ts', languageId: 'typescript', findsKey: true, text: () => `const apiKey = "${KEY}";\nconst deep = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n` },
  { name: 'YAML alias bomb', file: 'config.yaml', languageId: 'yaml', text: aliasBomb, findsKey: true },
  { name: 'lone UTF-16 surrogates', file: 'surrogates.ts', languageId: 'typescript', findsKey: true, text: () => `const label = "\uD800 broken \uDC00";\nconst apiKey = "${KEY}"; // \uDBFF\n\uDFFF\n` },
  { name: 'binary file opened as text', file: 'logo.ts', languageId: 'typescript', text: () => 'PK\u0003\u0004\u0014\u0000\u0008\u0000' + Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919) % 256)).toString('latin1'), log: /skipped .*logo\.ts: file looks binary/ },
];

describe('pathological documents through the language server', { skip: fs.existsSync('/proc/self/stat') ? false : 'needs /proc for the server\'s CPU time and memory' }, () => {
  let client: TestLspClient;
  let root: string;
  let pid: number;
  const figures: string[] = [];

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-patho-'));
    client = new TestLspClient();
    await client.initialize({ pull: true, rootPath: root });
    pid = client.proc.pid!;
    // Warm up (module loading, JIT) on a normal document so the cases measure themselves.
    const uri = client.open(path.join(root, 'warm.ts'), `const apiKey = "${KEY}";\n`, 'typescript');
    await client.pull(uri);
  });

  after(async () => {
    console.log(`server figures (CPU ms / wall ms / RSS MB):\n  ${figures.join('\n  ')}`);
    await client.shutdown();
  });

  /** Runs `step` and returns the server's CPU time and the wall time it took. */
  async function measured<T>(step: () => Promise<T>): Promise<{ value: T; cpuMs: number; wallMs: number }> {
    const c0 = procStat(pid).cpuMs;
    const w0 = performance.now();
    const value = await step();
    return { value, cpuMs: procStat(pid).cpuMs - c0, wallMs: performance.now() - w0 };
  }

  function withinBudget(what: string, m: { cpuMs: number; wallMs: number }) {
    assert.ok(m.cpuMs <= CPU_BUDGET_MS, `${what}: ${m.cpuMs} ms of server CPU (budget ${CPU_BUDGET_MS} ms)`);
    assert.ok(m.wallMs <= WALL_LIMIT_MS, `${what}: ${m.wallMs.toFixed(0)} ms wall (limit ${WALL_LIMIT_MS} ms)`);
  }

  for (const c of CASES) {
    it(`${c.name}: answered within budget, memory bounded, said so when skipped, next request answered`, async () => {
      const text = c.text();
      const file = path.join(root, c.file);
      const rssBefore = procStat(pid).rssMb;
      const logsBefore = client.logs.length;
      let uri = '';
      const first = await measured(async () => { uri = client.open(file, text, c.languageId); return client.pull(uri); });
      withinBudget(`${c.name} open + pull`, first);
      assert.equal(first.value.kind, 'full');
      const keyFound = first.value.items.some((d: any) => d.code === 'hardcoded-credential' || d.code === 'mcp-config-literal-secret');
      if (c.findsKey) assert.ok(keyFound, `the planted key is still reported: ${first.value.items.map((d: any) => d.code).join(', ')}`);
      const line = `${c.name}: open+pull ${first.cpuMs} / ${first.wallMs.toFixed(0)}`;

      let editFig = '';
      if (c.edit) {
        const edit = await measured(async () => {
          client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
          return client.pull(uri);
        });
        withinBudget(`${c.name} keystroke + pull`, edit);
        editFig = `, keystroke+pull ${edit.cpuMs} / ${edit.wallMs.toFixed(0)}`;
      }

      if (c.log) {
        await client.waitFor(() => client.logs.slice(logsBefore).some((m) => c.log!.test(m)), 2000, `a log message matching ${c.log}`).catch(() => {
          assert.fail(`no log message matching ${c.log}; got: ${client.logs.slice(logsBefore).join(' | ')}`);
        });
      }
      assert.ok(!client.logs.slice(logsBefore).some((m) => m.includes(KEY)), 'no log message repeats the key');

      // The server still answers, quickly and correctly, for an ordinary document.
      const next = await measured(async () => client.pull(client.open(path.join(root, `next-${c.file}.ts`), `const token = "${KEY}";\n`, 'typescript')));
      withinBudget(`${c.name}: next request`, next);
      assert.deepEqual(next.value.items.map((d: any) => d.code), ['hardcoded-credential']);

      client.close(uri);
      const { rssMb, peakMb } = procStat(pid);
      figures.push(`${line}${editFig}; RSS ${rssBefore.toFixed(0)} → ${rssMb.toFixed(0)} MB (peak ${peakMb.toFixed(0)} MB)`);
      assert.ok(rssMb - rssBefore <= RSS_GROWTH_LIMIT_MB, `${c.name}: server RSS grew ${(rssMb - rssBefore).toFixed(0)} MB (limit ${RSS_GROWTH_LIMIT_MB} MB)`);
      assert.ok(peakMb <= PEAK_RSS_LIMIT_MB, `${c.name}: server peak RSS ${peakMb.toFixed(0)} MB (limit ${PEAK_RSS_LIMIT_MB} MB)`);
    });
  }
});
