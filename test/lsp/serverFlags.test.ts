import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_NODE_FLAGS } from '../../server/src/node/serverFlags.js';
import { TestLspClient } from '../helpers/lspClient.js';

/**
 * The VS Code extension starts the server with SERVER_NODE_FLAGS. A flag this Node does not know
 * makes it exit before the server runs ("bad option"), so start it the same way and use it.
 */
describe('the server under the flags the extension starts it with', () => {
  it('starts, analyses an edited document and shuts down cleanly', async () => {
    assert.ok(SERVER_NODE_FLAGS.length > 0);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-flags-'));
    const client = new TestLspClient(undefined, undefined, undefined, SERVER_NODE_FLAGS);
    const exited = new Promise<never>((_, reject) => client.proc.once('exit', (code) => reject(new Error(`the server's Node exited (${code}): ${client.stderr}`))));
    try {
      await Promise.race([client.initialize({ pull: true, rootPath: root }), exited]);
      const uri = client.open(path.join(root, 'src', 'index.ts'), 'const name = "x";\n', 'typescript');
      assert.equal((await client.pull(uri)).items.length, 0);
      const secret = 'sk-proj-Qm9vX3tZ8rL2wN5pK7jHT3BlbkFJ4gF6dS1aY0uE9iO3bV8cT2xR';
      client.change(uri, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 16 } }, text: `apiKey = "${secret}"` }]);
      const items = (await client.pull(uri)).items;
      assert.deepEqual(items.map((d: any) => d.code), ['hardcoded-credential']);
      if (process.platform === 'linux') {
        const argv = fs.readFileSync(`/proc/${client.proc.pid}/cmdline`, 'utf8').split('\0');
        for (const f of SERVER_NODE_FLAGS) assert.ok(argv.includes(f), `${f} reached the server's Node (${argv.join(' ')})`);
      }
      await client.shutdown();
    } finally {
      client.proc.kill();
    }
  });
});
