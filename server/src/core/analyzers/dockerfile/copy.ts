import * as path from 'node:path';
import type { Fix, TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { isExcluded, loadDockerignore, missingLines, type DockerIgnore, type WantedLine } from './dockerignore.js';
import { insertFlags, removeInstruction, removeItems } from './edits.js';
import { copyTokens, flagValue, symbolPathFor, type DockerModel, type Instr, type Token } from './model.js';
import { classifySecretPath, fileSecretId, globSecretSample, isGlob, type SecretFile } from './secretFiles.js';
import { message } from '../../secrets/message.js';
import { destinationDir, reachesFinalImage, workdirAt } from './stages.js';

const RULE = 'dockerfile-copy-secret-file';
const TITLE = `secretzero (${RULE})`;

/** `.`, `./`, `*`: the whole build context. */
const WHOLE_CONTEXT = new Set(['', '*', '**']);

/**
 * COPY/ADD of credential files from the build context, and `COPY . <dest>` when the
 * `.dockerignore` does not keep `.env` out. `COPY --from=<stage>` copies from another stage,
 * heredoc sources are inline text and ADD of a URL downloads: none of them reads the context.
 */
export function checkCopies(ctx: AnalysisContext, model: DockerModel): void {
  let dockerignore: DockerIgnore | undefined;
  for (const instr of model.instrs) {
    if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
    if (flagValue(instr, 'from') !== undefined) continue;
    const tokens = copyTokens(ctx, instr);
    if (tokens.length < 2 || tokens.some((t) => t.value.startsWith('<<'))) continue;
    dockerignore ??= loadDockerignore(ctx);
    const sources = tokens.slice(0, -1);
    sources.forEach((src, index) => {
      if (src.value.includes('$') || /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(src.value)) return;
      const rel = contextRelative(src.value);
      if (rel === undefined) return;
      // A builder stage's files ship only if the final image's lineage copies them out of it.
      if (WHOLE_CONTEXT.has(rel)) {
        const dir = destinationDir(instr, tokens);
        if (reachesFinalImage(ctx, model, instr, dir === undefined ? undefined : path.posix.join(dir, '.env'))) checkWholeContext(ctx, instr, src, dockerignore!);
      } else if (reachesFinalImage(ctx, model, instr, copyTarget(instr, tokens, rel))) {
        checkSource(ctx, instr, tokens, index, rel, dockerignore!);
      }
    });
  }
}

/** Strips `./` and a leading `/` (both mean the context root); undefined outside the context. */
function contextRelative(source: string): string | undefined {
  let rel = source.replace(/\\/g, '/');
  while (rel.startsWith('./')) rel = rel.slice(2);
  rel = rel.replace(/^\/+/, '');
  if (rel === '.') rel = '';
  if (rel === '..' || rel.startsWith('../')) return undefined;
  return rel;
}

const DOTENV_LINES: WantedLine[] = [
  { line: '.env', probes: ['.env'] },
  { line: '.env.*', probes: ['.env.local', '.env.production', '.env.development'] },
  { line: '!.env.example', probes: ['.env.example'] },
];

function checkWholeContext(ctx: AnalysisContext, instr: Instr, src: Token, di: DockerIgnore): void {
  if (isExcluded(di, '.env')) return;
  const why = di.exists ? `${path.basename(di.path)} does not exclude .env` : 'no .dockerignore excludes .env';
  const lines = missingLines(di, DOTENV_LINES);
  ctx.report({
    ruleId: RULE,
    start: src.start,
    end: src.end,
    message: message`${instr.keyword} ${src.value} sends the whole build context into an image layer and ${why}: a local .env file and the secrets in it would ship with the image.`,
    fingerprintSource: `${instr.keyword} ${src.value}`,
    symbolPath: symbolPathFor(instr),
    fixes: [{
      title: `${TITLE}: add ${lines.join(', ')} to .dockerignore — keep local secrets out of the build context; pass them at run time (docker run --env-file)`,
      applicability: 'unsafe',
      isPreferred: true,
      edits: [],
      externalEdits: [ctx.appendToFile(di.path, lines)],
    }],
  });
}

function checkSource(ctx: AnalysisContext, instr: Instr, tokens: Token[], index: number, rel: string, di: DockerIgnore): void {
  const probe = isGlob(rel) ? globSecretSample(rel) : rel;
  if (!probe) return;
  const file = classifySecretPath(probe);
  if (!file || isExcluded(di, probe)) return;
  const src = tokens[index];
  const fixes: Fix[] = [];
  const mount = file.buildTime && !isGlob(rel) ? mountFix(ctx, instr, tokens, index, rel) : undefined;
  if (mount) fixes.push(mount);
  fixes.push(dockerignoreFix(ctx, instr, tokens, index, rel, file, di, !mount));
  ctx.report({
    ruleId: RULE,
    start: src.start,
    end: src.end,
    message: message`${instr.keyword} puts ${src.value} (${file.what}) into an image layer: anyone who pulls the image can extract it, even if a later step deletes it.`,
    fingerprintSource: `${instr.keyword} ${rel}`,
    symbolPath: symbolPathFor(instr),
    fixes,
  });
}

/** Drops one source; a COPY left with no source goes entirely. */
function dropSource(ctx: AnalysisContext, instr: Instr, tokens: Token[], index: number): TextEdit[] {
  if (tokens.length === 2) return [removeInstruction(ctx, instr)];
  return removeItems(ctx, instr, tokens, new Set([index]));
}

function dockerignoreFix(ctx: AnalysisContext, instr: Instr, tokens: Token[], index: number, rel: string, file: SecretFile, di: DockerIgnore, isPreferred: boolean): Fix {
  const glob = isGlob(rel);
  const lines = missingLines(di, [{ line: rel, probes: [glob ? globSecretSample(rel)! : rel] }]);
  const id = fileSecretId(rel);
  const then = file.dotenv
    ? `pass its variables at run time (docker run --env-file ${glob ? '<file>' : rel})`
    : glob || file.directory
      ? 'a step that needs a credential file must mount it (RUN --mount=type=secret,id=<id>,target=<path>; docker build --secret id=<id>,src=<file>)'
      : `a step that needs it must mount it (RUN --mount=type=secret,id=${id},target=…; docker build --secret id=${id},src=${rel})`;
  return {
    title: `${TITLE}: add ${rel} to .dockerignore and drop it from this ${instr.keyword} — ${then}`,
    applicability: 'unsafe',
    isPreferred,
    edits: dropSource(ctx, instr, tokens, index),
    externalEdits: lines.length ? [ctx.appendToFile(di.path, lines)] : [],
  };
}

/** Where the copied file lands, or undefined when that cannot be known from the Dockerfile. */
function copyTarget(instr: Instr, tokens: Token[], rel: string): string | undefined {
  const dest = tokens[tokens.length - 1].value;
  if (dest.includes('$')) return undefined;
  const base = path.posix.basename(rel);
  const intoDir = dest.endsWith('/') || dest === '.' || tokens.length > 2;
  let abs: string;
  if (dest.startsWith('/')) abs = path.posix.resolve(dest);
  else {
    const cwd = workdirAt(instr);
    if (!cwd) return undefined;
    abs = path.posix.resolve(cwd, dest);
  }
  return intoDir ? path.posix.join(abs, base) : abs;
}

/**
 * For files a build step reads (`.npmrc`, `.netrc`…): stop copying it and mount it as a secret at
 * the same path for every later RUN of the stage, which saw it there before.
 */
function mountFix(ctx: AnalysisContext, instr: Instr, tokens: Token[], index: number, rel: string): Fix | undefined {
  const body = instr.stage?.body ?? [];
  const runs = body.slice(body.indexOf(instr) + 1).filter((i) => i.keyword === 'RUN');
  const target = copyTarget(instr, tokens, rel);
  if (!runs.length || !target) return undefined;
  const id = fileSecretId(rel);
  const flag = `--mount=type=secret,id=${id},target=${target}`;
  const edits = dropSource(ctx, instr, tokens, index);
  for (const run of runs) {
    const already = run.flags.some((f) => f.getName().toLowerCase() === 'mount' && (f.getValue() ?? '').split(',').includes(`target=${target}`));
    if (!already) edits.push(insertFlags(ctx, run, [flag]));
  }
  return {
    title: `${TITLE}: mount ${rel} as a build secret — RUN ${flag}; build with docker build --secret id=${id},src=${rel} (a step that deletes the file must stop doing so)`,
    applicability: 'unsafe',
    isPreferred: true,
    edits,
  };
}
