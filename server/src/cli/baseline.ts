import * as fs from 'node:fs';
import * as path from 'node:path';
import { findingKey } from '../core/baseline.js';
import type { FileReport } from './scan.js';

/**
 * A baseline records today's findings by key (rule, path, hash of the secret or construct,
 * enclosing symbol) — never by line and never the secret — so a large repository can adopt
 * secretzero and fail CI only on new findings. Keys are counted: two equal findings in one symbol
 * need two entries, so a third one is still new.
 */
export interface BaselineFile {
  version: 1;
  tool: 'secretzero';
  entries: { fingerprint: string; ruleId: string; path: string; symbolPath?: string; count: number }[];
}

function relative(cwd: string, p: string): string {
  return (path.relative(cwd, p) || p).split(path.sep).join('/');
}

export function buildBaseline(reports: FileReport[], cwd: string): BaselineFile {
  const entries = new Map<string, BaselineFile['entries'][number]>();
  for (const r of reports) {
    const rel = relative(cwd, r.path);
    for (const f of r.findings) {
      const key = findingKey(f, rel);
      const e = entries.get(key);
      if (e) e.count++;
      else entries.set(key, { fingerprint: key, ruleId: f.ruleId, path: rel, ...(f.symbolPath ? { symbolPath: f.symbolPath } : {}), count: 1 });
    }
  }
  const sorted = [...entries.values()].sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, tool: 'secretzero', entries: sorted };
}

export function writeBaseline(file: string, baseline: BaselineFile): void {
  fs.writeFileSync(file, JSON.stringify(baseline, null, 2) + '\n');
}

export class BaselineError extends Error {}

export function readBaseline(file: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BaselineError(`cannot read baseline "${file}": ${(e as NodeJS.ErrnoException).code ?? 'not valid JSON'}`);
  }
  const b = parsed as BaselineFile;
  if (!b || b.tool !== 'secretzero' || b.version !== 1 || !Array.isArray(b.entries)) {
    throw new BaselineError(`"${file}" is not a secretzero baseline (version 1)`);
  }
  return b;
}

/** The reports with every finding the baseline already records removed. */
export function subtractBaseline(reports: FileReport[], baseline: BaselineFile, cwd: string): { reports: FileReport[]; known: number } {
  const remaining = new Map(baseline.entries.map((e) => [e.fingerprint, e.count]));
  let known = 0;
  const out: FileReport[] = [];
  for (const r of reports) {
    const rel = relative(cwd, r.path);
    const findings = r.findings.filter((f) => {
      const key = findingKey(f, rel);
      const left = remaining.get(key) ?? 0;
      if (left <= 0) return true;
      remaining.set(key, left - 1);
      known++;
      return false;
    });
    if (findings.length) out.push({ ...r, findings });
  }
  return { reports: out, known };
}
