import type { AnalysisContext } from '../context.js';
import { parseShell, type Word } from '../../lang/shell.js';
import { symbolPathFor, type DockerModel, type Instr, type Pair } from './model.js';
import { runScript } from './run.js';
import { message } from '../../secrets/message.js';

const RULE = 'tls-verification-disabled';
const NAME = 'NODE_TLS_REJECT_UNAUTHORIZED';

/** Commands whose arguments are assignments into the environment. */
const ASSIGNING_COMMANDS = new Set(['export', 'env', 'declare', 'typeset', 'readonly', 'local']);

const WHY = {
  ENV: 'for every connection the server makes: anyone on the network path can read the credentials it sends',
  ARG: "for the build's RUN steps: a package install or download can be served tampered code or leak the build's credentials",
  RUN: 'for this RUN step: a package install or download can be served tampered code or leak the credentials it sends',
} as const;

/**
 * tls-verification-disabled in a Dockerfile: `ENV`/`ARG NODE_TLS_REJECT_UNAUTHORIZED=0` and the
 * same assignment inside a `RUN` (`RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci`, `export …`). The ENV
 * and ARG pairs are claimed, whatever their value, so no other rule judges them as secrets.
 */
export function checkTlsDisabled(ctx: AnalysisContext, model: DockerModel, claimed: Set<Pair>): void {
  for (const instr of model.instrs) {
    if (instr.keyword === 'ENV' || instr.keyword === 'ARG') {
      for (const pair of instr.pairs) {
        if (pair.name !== NAME) continue;
        claimed.add(pair);
        if (pair.value?.trim() === '0') report(ctx, instr, instr.keyword, pair.start, pair.end, pair.valueStart + pair.rawValue.indexOf('0'));
      }
    } else if (instr.keyword === 'RUN') {
      const { text, offset } = runScript(ctx, instr) ?? { text: '', offset: 0 };
      for (const word of runAssignments(text)) {
        const start = offset + word.start;
        report(ctx, instr, 'RUN', start, offset + word.end, start + word.raw.lastIndexOf('0'));
      }
    }
  }
}

/** Reports `start`–`end`; the safe fix turns the `0` at `zeroAt` into `1`. */
function report(ctx: AnalysisContext, instr: Instr, where: keyof typeof WHY, start: number, end: number, zeroAt: number): void {
  ctx.report({
    ruleId: RULE,
    start,
    end,
    message: message`${where === 'RUN' ? '' : `${where} `}${NAME}=0 turns off TLS certificate verification ${WHY[where]}. Remove it; trust a private CA with NODE_EXTRA_CA_CERTS instead.`,
    fingerprintSource: `${where} ${NAME}=0`,
    symbolPath: symbolPathFor(instr, NAME),
    fixes: [{
      title: `secretzero (${RULE}): set ${NAME}=1`,
      applicability: 'safe',
      isPreferred: true,
      edits: [ctx.edit(zeroAt, zeroAt + 1, '1')],
    }],
  });
}

/**
 * The words of a RUN script that set NODE_TLS_REJECT_UNAUTHORIZED to 0: a command's leading
 * assignments (`NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci`) and the arguments of `export`, `env`…
 * Read with the shell lexer, so the same text quoted inside an `echo` does not count.
 */
function runAssignments(script: string): Word[] {
  const found: Word[] = [];
  for (const pipeline of parseShell(script)) {
    for (const { words } of pipeline.commands) {
      const check = (w: Word) => { if (w.value === `${NAME}=0`) found.push(w); };
      let i = 0;
      while (i < words.length && isAssignment(words[i])) check(words[i++]);
      if (i < words.length && ASSIGNING_COMMANDS.has(words[i].value)) {
        for (const w of words.slice(i + 1)) {
          if (w.value.startsWith('-')) continue; // declare -x, env -i
          if (!isAssignment(w)) break;
          check(w);
        }
      }
    }
  }
  return found;
}

function isAssignment(w: Word): boolean {
  return /^[A-Za-z_]\w*=/.test(w.value);
}
