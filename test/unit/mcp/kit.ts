import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createScanner, parseTree, type ParseError } from 'jsonc-parser';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS, type Finding, type Fix, type WorkspaceHost } from '../../../server/src/core/types.js';
import { FIXTURES } from '../../helpers/fixtures.js';

export const RULE = 'mcp-config-literal-secret';
/** The generic rules this one must shadow: a fixture line may carry only the MCP finding. */
export const SHADOWED = ['hardcoded-credential', 'connection-string-password'];
export const FIXTURE_DIR = path.join(FIXTURES, RULE);

/** Every fixture, by client: realistic paths, since the path decides the client. */
export const CLIENT_FIXTURES: Record<string, string> = {
  vscode: 'vscode/.vscode/mcp.json',
  'vscode-user': 'vscode-user/Code/User/mcp.json',
  'vscode-user-settings': 'vscode-user/Code/User/settings.json',
  cursor: 'cursor/.cursor/mcp.json',
  'claude-code': 'claude-code/.mcp.json',
  'claude-code-user': 'claude-code/.claude.json',
  'claude-desktop': 'claude-desktop/claude_desktop_config.json',
  windsurf: 'windsurf/.codeium/windsurf/mcp_config.json',
  cline: 'cline/cline_mcp_settings.json',
  zed: 'zed/zed/settings.json',
  generic: 'generic/mcp.json',
};

export function fixedPathOf(fixture: string): string {
  return fixture.replace(/\.json$/, '.fixed.json');
}

export function mcpFindings(filePath: string, text: string, host?: WorkspaceHost): Finding[] {
  return analyze({ path: filePath, text }, DEFAULT_SETTINGS, { host }).findings.filter((f) => f.ruleId === RULE);
}

export function parseErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors;
}

export function assertValidJsonc(text: string, what: string): void {
  assert.deepEqual(parseErrors(text), [], `${what}: the fixed text must parse as JSONC`);
}

/** The comments of a JSONC text (by the tokenizer: `//` inside a URL string is no comment). */
export function commentsOf(text: string): string[] {
  // jsonc-parser's SyntaxKind is a const enum, which isolatedModules cannot read: its values.
  const LINE_COMMENT = 12, BLOCK_COMMENT = 13, EOF = 17;
  const scanner = createScanner(text, false);
  const out: string[] = [];
  for (let kind: number = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) out.push(scanner.getTokenValue());
  }
  return out;
}

export function trailingCommaCount(text: string): number {
  return (text.match(/,\s*(\/\/[^\n]*\s*)*[}\]]/g) ?? []).length;
}

/**
 * Applies the fix `pick` chooses to the first MCP finding, again and again, checking after every
 * step that the file still parses and exactly that finding went away. Returns the final text.
 */
export function fixAll(filePath: string, text: string, pick: (f: Finding) => Fix | undefined = (f) => f.fixes[0], host?: WorkspaceHost): string {
  let current = text;
  for (let step = 0; step < 50; step++) {
    const findings = mcpFindings(filePath, current, host);
    if (!findings.length) return current;
    const fix = pick(findings[0]);
    assert.ok(fix, `no fix for the finding at line ${findings[0].range.start.line + 1} of ${filePath}`);
    const next = applyEdits(current, fix.edits);
    assertValidJsonc(next, `${filePath} after "${fix.title}"`);
    const after = mcpFindings(filePath, next, host);
    assert.equal(after.length, findings.length - 1, `${filePath}: "${fix.title}" must remove exactly its finding`);
    current = next;
  }
  assert.fail(`${filePath}: fixes do not converge`);
}
