// Entry point VS Code loads in the extension host (`extensionTestsPath`): runs the tests in order
// with node's assert and reports `N passed, N failed`; a rejected promise fails the run.
import { tests } from './extension.test';

export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, fn] of tests) {
    const started = Date.now();
    try {
      await fn();
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n  ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${tests.length} VS Code tests failed`);
}
