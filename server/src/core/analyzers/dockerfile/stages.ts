import * as path from 'node:path';
import type { AnalysisContext } from '../context.js';
import { copyTokens, flagValue, type DockerModel, type Instr, type Stage, type Token } from './model.js';

/**
 * What reaches the final image of a multi-stage build. A builder stage may copy the whole context
 * (and a local .env with it); the image that ships holds only the final stage, the stages it is
 * built FROM, and what later stages copy out of a builder with `COPY --from`.
 */

/** The stage a `FROM <name>` or `COPY --from=<name>` names: an alias, or an index. */
function stageNamed(model: DockerModel, ref: string): Stage | undefined {
  if (/^\d+$/.test(ref)) return model.stages[Number(ref)];
  return model.stages.find((s) => s.alias?.toLowerCase() === ref.toLowerCase());
}

/** The final stage and every stage it is built FROM, transitively. */
function finalLineage(model: DockerModel): Set<Stage> {
  const lineage = new Set<Stage>();
  for (let s = model.stages.at(-1); s && !lineage.has(s);) {
    lineage.add(s);
    const image = s.from.node.getArguments().map((a) => a.getValue()).find((v) => !v.startsWith('--'));
    s = image ? stageNamed(model, image) : undefined;
  }
  return lineage;
}

/**
 * The working directory at `instr` when the stage sets it with absolute (or resolvable)
 * WORKDIRs; undefined when it depends on the base image or on a variable.
 */
export function workdirAt(instr: Instr): string | undefined {
  let cwd: string | undefined;
  for (const i of instr.stage?.body ?? []) {
    if (i === instr) break;
    if (i.keyword !== 'WORKDIR') continue;
    const dir = i.node.getArguments().map((a) => a.getValue()).join(' ');
    if (!dir || dir.includes('$')) return undefined;
    if (dir.startsWith('/')) cwd = path.posix.resolve(dir);
    else if (cwd) cwd = path.posix.resolve(cwd, dir);
    else return undefined;
  }
  return cwd;
}

/** The folder a COPY writes into (its destination, resolved against WORKDIR), or undefined when unknown. */
export function destinationDir(instr: Instr, tokens: Token[]): string | undefined {
  const dest = tokens[tokens.length - 1]?.value;
  if (!dest || dest.includes('$')) return undefined;
  if (dest.startsWith('/')) return path.posix.resolve(dest);
  const cwd = workdirAt(instr) ?? (instr.stage?.body.some((i) => i.keyword === 'WORKDIR') ? undefined : '/');
  return cwd === undefined ? undefined : path.posix.resolve(cwd, dest);
}

/**
 * Whether files that `instr` puts at `landed` (an absolute path in its stage; undefined when not
 * known) can reach the final image: the stage is in the final image's lineage, or a later stage
 * copies (`COPY --from`) a folder that holds `landed` and that copy reaches it in turn.
 */
export function reachesFinalImage(ctx: AnalysisContext, model: DockerModel, instr: Instr, landed: string | undefined, depth = 0): boolean {
  if (!instr.stage || model.stages.length < 2 || finalLineage(model).has(instr.stage)) return true;
  if (landed === undefined || depth > 4) return true;
  for (const later of model.stages) {
    for (const copy of later.body) {
      if (copy.keyword !== 'COPY') continue;
      const from = flagValue(copy, 'from');
      if (!from || stageNamed(model, from) !== instr.stage) continue;
      const tokens = copyTokens(ctx, copy);
      for (const src of tokens.slice(0, -1)) {
        if (src.value.includes('$') || src.value.includes('*')) return true;
        const taken = path.posix.resolve('/', src.value);
        if (taken !== '/' && landed !== taken && !landed.startsWith(`${taken}/`)) continue;
        const dir = destinationDir(copy, tokens);
        const next = dir === undefined ? undefined : path.posix.join(dir, path.posix.relative(taken, landed));
        if (reachesFinalImage(ctx, model, copy, next, depth + 1)) return true;
      }
    }
  }
  return false;
}
