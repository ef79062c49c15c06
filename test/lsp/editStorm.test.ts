import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { generateTsServer } from '../../bench/generate.js';
import { generatePyServer } from '../../bench/generatePython.js';
import { analyze } from '../../server/src/core/analyze.js';
import { LineIndex } from '../../server/src/core/text/lineIndex.js';
import { DEFAULT_SETTINGS, type Finding } from '../../server/src/core/types.js';
import { toDiagnostic } from '../../server/src/lsp/convert.js';
import { NodeHost } from '../../server/src/node/nodeHost.js';
import { TestLspClient } from '../helpers/lspClient.js';
import { randomString, seededRandom } from '../helpers/random.js';

/**
 * Edit storms: changes sent as fast as the pipe takes them, pull and code-action requests in
 * between. Afterwards the diagnostics must equal a fresh in-process analysis of the final text,
 * and no answer may be about an older version than the one the client had when it asked:
 *
 * - a pull either fails with ServerCancelled (retriggerRequest) or answers for a version V with
 *   v_sent ≤ V ≤ v_received (the client's version when it sent the request / got the answer),
 *   and its diagnostics are exactly those of a fresh analysis of version V;
 * - every edit of a code action to the document is versioned (documentChanges) with such a V, and
 *   a quick fix's edits are exactly the edits of that finding's fix in a fresh analysis of V;
 * - a push client's publishes never go back in version, and the last one is the final version
 *   with the diagnostics of a fresh analysis.
 */
const SERVER_CANCELLED = -32802;
const KEYS = Array.from({ length: 6 }, (_, i) => `ghp_${randomString(36, undefined, 900 + i)}`);

function tsSource(): string {
  const base = generateTsServer({ lines: 200, seed: 5, findings: 6 });
  // More planted keys, so every version has diagnostics whose version can be checked.
  return base + KEYS.map((k, i) => `export const githubToken${i} = "${k}";\n`).join('');
}

function pySource(): string {
  const base = generatePyServer({ lines: 200, seed: 7, findings: 4 });
  return base + KEYS.map((k, i) => `GITHUB_TOKEN_${i} = "${k}"\n`).join('');
}

function composeSource(): string {
  const services = Array.from({ length: 12 }, (_, i) => [
    `  svc${i}:`, `    image: ghcr.io/example/svc${i}:1.${i}`, '    environment:',
    `      GITHUB_TOKEN: "${KEYS[i % KEYS.length]}"`, `      LOG_LEVEL: info`, `      DATABASE_URL: postgres://app:Pw${randomString(12, undefined, 50 + i)}@db:5432/app`,
    '    ports:', `      - "${8000 + i}:8000"`,
  ].join('\n'));
  return `services:\n${services.join('\n')}\n`;
}

const TYPED = 'abcxyz_ 0123(.,"\'{}:;=';

/** The client's copy of the document: every version's text, and random realistic edits. */
class Mirror {
  readonly texts = new Map<number, string>();
  constructor(public text: string, public version = 1) { this.texts.set(version, text); }

  edit(rnd: () => number): { range: any; text: string } {
    const index = new LineIndex(this.text);
    const at = Math.floor(rnd() * (this.text.length + 1));
    const roll = rnd();
    let start = at;
    let end = at;
    let insert = '';
    if (roll < 0.55) insert = TYPED[Math.floor(rnd() * TYPED.length)];
    else if (roll < 0.8) end = Math.min(this.text.length, at + 1);
    else if (roll < 0.93) { end = Math.min(this.text.length, at + Math.floor(rnd() * 12)); insert = ['apiKey', 'token', ' ', '\n', 'process.env.X', '""'][Math.floor(rnd() * 6)]; }
    else if (roll < 0.97) { start = index.lineStart(index.positionAt(at).line); end = start; insert = `const secret${Math.floor(rnd() * 100)} = "${KEYS[Math.floor(rnd() * KEYS.length)]}";\n`; }
    else { const line = index.positionAt(at).line; start = index.lineStart(line); end = Math.min(this.text.length, index.lineEnd(line) + 1); }
    const range = { start: index.positionAt(start), end: index.positionAt(end) };
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    this.version++;
    this.texts.set(this.version, this.text);
    return { range, text: insert };
  }
}

interface StormOptions { pull: boolean; file: string; languageId: string; source: string; changes: number; pullEvery: number; actionEvery: number; seed: number; compareEvery: number }

async function storm(opts: StormOptions) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-storm-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules/\n.env\n');
  const file = path.join(root, opts.file);
  const host = new NodeHost([root], true);
  const fresh = new Map<number, Finding[]>();
  const analysed = (v: number, text: string) => {
    if (!fresh.has(v)) fresh.set(v, analyze({ path: file, languageId: opts.languageId, text }, DEFAULT_SETTINGS, { host }).findings);
    return fresh.get(v)!;
  };
  const asWire = (findings: Finding[], v: number) => JSON.parse(JSON.stringify(findings.map((f) => toDiagnostic(f, v))));

  const client = new TestLspClient();
  const problems: string[] = [];
  const counts = { pullsAnswered: 0, pullsCancelled: 0, pullsChecked: 0, actionRequests: 0, actions: 0, quickFixesChecked: 0, versionedEdits: 0 };
  try {
    await client.initialize({ pull: opts.pull, rootPath: root });
    const uri = client.open(file, opts.source, opts.languageId);
    const mirror = new Mirror(opts.source);
    if (opts.pull) assert.ok((await client.pull(uri)).items.length > 0, 'the document starts with diagnostics');
    const rnd = seededRandom(opts.seed);
    const pending: Promise<void>[] = [];

    for (let i = 0; i < opts.changes; i++) {
      // Yield now and then so answers arrive mid-storm (the versions they name then vary).
      if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      // Mid-storm settings change: the server forgets its settings and asks the client again, so
      // the pulls waiting for that answer see later edits land and must be cancelled.
      if (i === Math.floor(opts.changes / 2)) void client.changeConfiguration({});
      const change = mirror.edit(rnd);
      assert.equal(client.change(uri, [change]), mirror.version);

      if (opts.pull && i % opts.pullEvery === opts.pullEvery - 1) {
        const sent = mirror.version;
        pending.push(client.pull(uri).then((report) => {
          const received = mirror.version;
          counts.pullsAnswered++;
          const versions = new Set(report.items.map((d: any) => d.data.version));
          if (versions.size > 1) { problems.push(`pull at v${sent}: items from several versions ${[...versions]}`); return; }
          const v = versions.size ? [...versions][0] as number : sent;
          if (v < sent || v > received) problems.push(`pull sent at v${sent}, answered at v${received}, is for v${v}`);
          else if (counts.pullsAnswered % opts.compareEvery === 0 || i >= opts.changes - opts.pullEvery) {
            counts.pullsChecked++;
            if (!isDeepStrictEqual(report.items, asWire(analysed(v, mirror.texts.get(v)!), v))) problems.push(`pull at v${sent}: diagnostics of v${v} differ from a fresh analysis`);
          }
        }, (e) => {
          if (e?.code === SERVER_CANCELLED && e?.data?.retriggerRequest === true) counts.pullsCancelled++;
          else problems.push(`pull at v${sent} failed: ${e?.code} ${e?.message}`);
        }));
      }

      if (i % opts.actionEvery === opts.actionEvery - 1) {
        // What an up-to-date client would send: the diagnostics of the current version under the cursor.
        const sent = mirror.version;
        const diagnostics = asWire(analysed(sent, mirror.text), sent).slice(0, 3);
        if (!diagnostics.length) continue;
        counts.actionRequests++;
        const only = counts.actionRequests % 4 === 0 ? ['source.fixAll.secretzero'] : undefined;
        pending.push(client.codeActions(uri, diagnostics[0].range, diagnostics, only).then((actions) => {
          const received = mirror.version;
          for (const a of actions) {
            counts.actions++;
            if (a.edit?.changes?.[uri]) { problems.push(`"${a.title}" edits the document without a version`); continue; }
            for (const dc of a.edit?.documentChanges ?? []) {
              if (dc.textDocument?.uri !== uri) continue;
              counts.versionedEdits++;
              const v = dc.textDocument.version;
              if (!(v >= sent && v <= received)) { problems.push(`"${a.title}" sent at v${sent}, answered at v${received}, edits v${v}`); continue; }
              if (a.kind !== 'quickfix' || a.title.includes('Suppress')) continue;
              // The edits are those of the finding's fix in a fresh analysis of the version they name.
              const candidates = analysed(v, mirror.texts.get(v)!).flatMap((f) => f.fixes.filter((x) => x.title === a.title).map((x) => JSON.stringify(x.edits)));
              counts.quickFixesChecked++;
              if (!candidates.includes(JSON.stringify(dc.edits))) problems.push(`"${a.title}" at v${v}: edits are not a fix of a fresh analysis of v${v}`);
            }
          }
        }, (e) => { problems.push(`code action at v${sent} failed: ${e?.code} ${e?.message}`); }));
      }
    }

    await Promise.all(pending);
    const final = mirror.version;
    const expected = asWire(analysed(final, mirror.text), final);
    assert.ok(expected.length > 0, 'the final text still has findings to compare');
    if (opts.pull) {
      let report;
      for (let attempt = 0; !report && attempt < 20; attempt++) {
        report = await client.pull(uri).catch((e) => { if (e?.code !== SERVER_CANCELLED) throw e; return undefined; });
      }
      assert.deepEqual(report.items, expected, 'after the storm, pulled diagnostics equal a fresh analysis of the final text');
    } else {
      await client.waitFor(() => client.published.get(uri)?.version === final, 60_000, `a publish for the final version ${final}`);
      // Let any late publish arrive: none may be for an older version.
      await new Promise((r) => setTimeout(r, 600));
      const mine = client.publishes.filter((p) => p.uri === uri);
      for (let k = 1; k < mine.length; k++) {
        if ((mine[k].version ?? 0) < (mine[k - 1].version ?? 0)) problems.push(`publish for v${mine[k].version} after v${mine[k - 1].version}`);
      }
      const last = client.published.get(uri)!;
      assert.equal(last.version, final, 'the last publish is for the final version');
      assert.deepEqual(last.diagnostics, expected, 'the last publish equals a fresh analysis of the final text');
      counts.pullsAnswered = mine.length; // publishes, for the summary
    }
    assert.deepEqual(problems, [], problems.slice(0, 10).join('\n'));
    return { counts, final, client };
  } finally {
    await client.shutdown();
  }
}

describe('edit storm: 1,000 incremental changes with requests in between', () => {
  it('pull client, TypeScript: pulls answer for the version asked or are cancelled; code actions edit versions no older than asked; final diagnostics equal a fresh analysis', async () => {
    const { counts, final } = await storm({ pull: true, file: 'src/server.ts', languageId: 'typescript', source: tsSource(), changes: 1000, pullEvery: 10, actionEvery: 40, compareEvery: 5, seed: 1 });
    console.log(`TS pull storm: ${final - 1} changes; pulls ${counts.pullsAnswered} answered (${counts.pullsChecked} compared with a fresh analysis), ${counts.pullsCancelled} cancelled; ${counts.actionRequests} code-action requests, ${counts.actions} actions, ${counts.versionedEdits} versioned edits, ${counts.quickFixesChecked} quick fixes compared`);
    assert.equal(final, 1001);
    assert.ok(counts.pullsAnswered + counts.pullsCancelled === 100, 'every pull got an answer');
    assert.ok(counts.pullsAnswered > 0 && counts.versionedEdits > 0 && counts.quickFixesChecked > 0, 'the checks had something to check');
  });

  it('pull client, Python (500 changes): incremental lezer reparses give the diagnostics of a fresh analysis', async () => {
    const { counts, final } = await storm({ pull: true, file: 'src/server.py', languageId: 'python', source: pySource(), changes: 500, pullEvery: 10, actionEvery: 25, compareEvery: 3, seed: 4 });
    assert.equal(final, 501);
    assert.ok(counts.pullsAnswered > 0 && counts.pullsChecked > 0 && counts.versionedEdits > 0, JSON.stringify(counts));
  });

  it('pull client, compose YAML (300 changes)', async () => {
    const { counts } = await storm({ pull: true, file: 'compose.yaml', languageId: 'yaml', source: composeSource(), changes: 300, pullEvery: 10, actionEvery: 30, compareEvery: 4, seed: 2 });
    assert.ok(counts.pullsAnswered > 0 && counts.versionedEdits > 0, JSON.stringify(counts));
  });

  it('push client, TypeScript: publishes never go back in version; the last is the final version with a fresh analysis', async () => {
    const { counts, final } = await storm({ pull: false, file: 'src/server.ts', languageId: 'typescript', source: tsSource(), changes: 1000, pullEvery: 10, actionEvery: 100, compareEvery: 5, seed: 3 });
    console.log(`TS push storm: ${final - 1} changes; ${counts.pullsAnswered} publishes; ${counts.actionRequests} code-action requests, ${counts.versionedEdits} versioned edits, ${counts.quickFixesChecked} quick fixes compared`);
    assert.equal(final, 1001);
  });
});
