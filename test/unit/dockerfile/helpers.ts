import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze.js';
import { DEFAULT_SETTINGS, type Finding, type Fix, type WorkspaceHost } from '../../../server/src/core/types.js';
import { FIXTURES } from '../../helpers/fixtures.js';

export const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);
export const read = (p: string) => fs.readFileSync(p, 'utf8');

/** Findings for a Dockerfile text analysed under `asPath` (a Dockerfile name decides the analyzer). */
export function findingsOf(text: string, asPath = '/ws/Dockerfile', host?: WorkspaceHost): Finding[] {
  return analyze({ path: asPath, text }, DEFAULT_SETTINGS, { host }).findings;
}

export function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** The text a finding's range covers. */
export function rangeText(text: string, f: Finding): string {
  const lines = text.split(/\r?\n/);
  const { start, end } = f.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

export function fixTitled(f: Finding, titleIncludes: string): Fix {
  const fix = f.fixes.find((x) => x.title.includes(titleIncludes));
  assert.ok(fix, `no fix titled …${titleIncludes}… on ${f.ruleId} line ${f.range.start.line + 1}: [${f.fixes.map((x) => x.title).join(' | ')}]`);
  return fix;
}

/** Secrets planted in the fixtures: no message or fix title may repeat one. */
export const PLANTED_SECRETS = [
  'sk-proj-7NDzcoURoWnmvuKRxp9lT3BlbkFJQjV0PD7UpfrEZzojHgbCZ2cQa0tP',
  'sk-ant-api03-Ax2WCKZXBtdaMoJNLJrQsjYCD64QSDRrdSqiRWOemp6VqUXa',
  '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',
  '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',
  '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',
  'xoxb-002193743267-8glswDo1FIGmhG8iRz3UNbnW',
  'hf_HSgXuKg5NRh0tR1a6iPL1lDYjzxtY3BlRP',
  'glpat-8CodFuI4RIdo5KjA42Rf',
  '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',
  'hvs.7CvsCfmFblBAcmmWnUEAxbyHfqz3VQ',
  'Zq8vPc2LmW4xTn7R',
];

export function assertNoSecretInOutput(findings: Finding[]): void {
  for (const f of findings) {
    for (const s of PLANTED_SECRETS) {
      assert.ok(!f.message.includes(s), `${f.ruleId} message repeats a secret: ${f.message}`);
      for (const fix of f.fixes) assert.ok(!fix.title.includes(s), `${f.ruleId} fix title repeats a secret: ${fix.title}`);
    }
  }
}
