import { parseArgs } from 'node:util';
import { SEVERITIES, type Severity } from '../core/types.js';

export type Format = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  paths: string[];
  format: Format;
  failOn: Severity;
  output?: string;
  /** Also write a SARIF report here, whatever --format prints (a CI log in text, SARIF for upload). */
  sarif?: string;
  ignore: string[];
  disable: string[];
  quiet: boolean;
  baseline?: string;
  writeBaseline?: string;
  /** Worker threads for the scan; undefined = one per core. */
  jobs?: number;
  /** A named folder in which no file could be read exits 0 instead of 2. */
  allowEmpty: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: secretzero scan [paths...] [options]

Scans files and folders for credential mistakes (honours .gitignore; skips node_modules,
build output, lock, minified and binary files).

Options:
  --format text|json|sarif     output format (default: text)
  --fail-on critical|high|medium|low
                               exit 1 when a finding at or above this severity remains (default: high)
  --output FILE                write the report to FILE instead of standard output
  --sarif FILE                 also write a SARIF 2.1.0 report to FILE (for code scanning uploads)
  --ignore GLOB                skip paths matching GLOB (repeatable)
  --disable RULE               turn a rule off (repeatable)
  --baseline FILE              report only findings not recorded in FILE
  --write-baseline FILE        record today's findings in FILE and exit 0
  --jobs N                     scan on N worker threads (default: one per two cores)
  --allow-empty                exit 0 when a named folder yields no file to scan (default: exit 2)
  --quiet                      no summary line on standard error
  -h, --help                   this help
  -v, --version                print the version

A folder named on the command line is scanned even when an enclosing repository's .gitignore
excludes it; the ignore files inside it still apply. A scan that reads no file says why.

Exit status: 0 nothing at or above the threshold, 1 findings remain, 2 usage error, unreadable
path, or no file scanned under a named folder (see --allow-empty).`;

export function parseScanArgs(argv: string[]): ScanArgs | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'high' },
        output: { type: 'string', short: 'o' },
        sarif: { type: 'string' },
        ignore: { type: 'string', multiple: true, default: [] },
        disable: { type: 'string', multiple: true, default: [] },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        quiet: { type: 'boolean', short: 'q', default: false },
        'allow-empty': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const [command, ...paths] = parsed.positionals;
  if (command !== 'scan') throw new UsageError(command ? `unknown command "${command}"` : 'missing command: scan');
  if (!['text', 'json', 'sarif'].includes(v.format!)) throw new UsageError(`--format must be text, json or sarif (got "${v.format}")`);
  if (!(SEVERITIES as readonly string[]).includes(v['fail-on']!)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} (got "${v['fail-on']}")`);
  const jobs = v.jobs === undefined ? undefined : Number(v.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 256)) throw new UsageError(`--jobs must be a whole number from 1 to 256 (got "${v.jobs}")`);
  return {
    paths: paths.length ? paths : ['.'],
    format: v.format as Format,
    failOn: v['fail-on'] as Severity,
    output: v.output,
    sarif: v.sarif,
    ignore: v.ignore as string[],
    disable: v.disable as string[],
    quiet: v.quiet!,
    baseline: v.baseline,
    writeBaseline: v['write-baseline'],
    jobs,
    allowEmpty: v['allow-empty']!,
  };
}
