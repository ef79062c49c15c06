import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The folder holding the rule markdown shipped with the server: beside the bundle (dist/ →
 * ../rules) in a package, three levels up when running from source in tests.
 */
const RULES_DIR = [path.join(__dirname, '..', 'rules'), path.join(__dirname, '..', '..', '..', 'rules')]
  .find((d) => fs.existsSync(path.join(d, 'hardcoded-credential.md'))) ?? path.join(__dirname, '..', 'rules');

/** A rule's documentation as a file URI the editor opens locally (no network). */
export function ruleDocUri(ruleId: string): string {
  return pathToFileURL(path.join(RULES_DIR, `${ruleId}.md`)).toString();
}
