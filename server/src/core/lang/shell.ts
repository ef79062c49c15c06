/**
 * Just enough of a POSIX shell lexer to follow secrets through shell text (a workflow's `run:`,
 * a Dockerfile `RUN`): words with their quoting and expansions, pipelines, redirections, heredocs
 * and line continuations. It never executes anything and never fails: unknown syntax becomes words.
 * Offsets are into the script text.
 *
 * Every "does this text use $NAME" question in the analyzers comes here, so quoting is judged
 * one way: `'$X'` and `\$X` are literal text, `"$X"` and `${X:-y}` are uses.
 */

export interface Expansion {
  kind: 'expression' | 'variable';
  /** The expression (`secrets.NPM_TOKEN`) of `${{ … }}`, or the variable name of `$X` / `${X…}`. */
  name: string;
  start: number;
  end: number;
  /** False for forms that do not produce the value (`${#X}` is a length, `${!X}` an indirection). */
  valueOf: boolean;
}

export interface Word {
  start: number;
  end: number;
  raw: string;
  /** Quotes removed, escapes resolved, expansions kept as written. */
  value: string;
  /** Script offset each character of `value` came from. */
  at: number[];
  /** Any quoting or escaping in the word (a heredoc delimiter written so disables expansion). */
  quoted: boolean;
  expansions: Expansion[];
}

export interface Heredoc {
  delimiter: string;
  quoted: boolean;
  start: number;
  end: number;
  expansions: Expansion[];
}

export interface Redirect {
  op: string;
  /** The file descriptor written before the operator (`2>`), '' when none. */
  fd: string;
  target?: Word;
  heredoc?: Heredoc;
}

export interface Command { words: Word[]; redirects: Redirect[] }
export interface Pipeline { commands: Command[] }

const WORD_BREAK = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '<', '>', '(', ')']);

export function parseShell(src: string): Pipeline[] {
  const pipelines: Pipeline[] = [];
  let pipeline: Pipeline = { commands: [] };
  let cmd: Command = { words: [], redirects: [] };
  const pending: Heredoc[] = [];
  const endCommand = () => {
    if (cmd.words.length || cmd.redirects.length) pipeline.commands.push(cmd);
    cmd = { words: [], redirects: [] };
  };
  const endPipeline = () => {
    endCommand();
    if (pipeline.commands.length) pipelines.push(pipeline);
    pipeline = { commands: [] };
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') { i += 3; continue; }
    if (c === '\n') {
      endPipeline();
      i++;
      if (pending.length) i = readHeredocBodies(src, i, pending.splice(0));
      continue;
    }
    if (c === '#') {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
      continue;
    }
    if (c === ';' || c === '(' || c === ')') { endPipeline(); i++; continue; }
    if (c === '&') {
      if (src[i + 1] === '>') { i = readRedirect(src, i, '', cmd, pending); continue; }
      endPipeline();
      i += src[i + 1] === '&' ? 2 : 1;
      continue;
    }
    if (c === '|') {
      if (src[i + 1] === '|') { endPipeline(); i += 2; continue; }
      endCommand();
      i += src[i + 1] === '&' ? 2 : 1;
      continue;
    }
    if (c === '<' || c === '>') { i = readRedirect(src, i, '', cmd, pending); continue; }
    const w = readWord(src, i);
    i = Math.max(w.end, i + 1);
    if (/^\d+$/.test(w.raw) && (src[i] === '<' || src[i] === '>')) {
      i = readRedirect(src, i, w.raw, cmd, pending);
      continue;
    }
    if (w.raw.length) cmd.words.push(w);
  }
  endPipeline();
  return pipelines;
}

const REDIRECT_OPS = ['&>>', '&>', '<<<', '<<-', '<<', '>>', '>|', '>&', '<&', '<>', '>', '<'];

function readRedirect(src: string, i: number, fd: string, cmd: Command, pending: Heredoc[]): number {
  const op = REDIRECT_OPS.find((o) => src.startsWith(o, i)) ?? src[i];
  i += op.length;
  for (;;) {
    if (src[i] === ' ' || src[i] === '\t') i++;
    else if (src[i] === '\\' && src[i + 1] === '\n') i += 2;
    else break;
  }
  const redirect: Redirect = { op, fd };
  if (i < src.length && !WORD_BREAK.has(src[i])) {
    const target = readWord(src, i);
    i = target.end;
    redirect.target = target;
    if (op === '<<' || op === '<<-') {
      const heredoc: Heredoc = { delimiter: target.value, quoted: target.quoted, start: -1, end: -1, expansions: [] };
      redirect.heredoc = heredoc;
      pending.push(heredoc);
    }
  }
  cmd.redirects.push(redirect);
  return i;
}

function readHeredocBodies(src: string, i: number, heredocs: Heredoc[]): number {
  for (const h of heredocs) {
    h.start = i;
    h.end = src.length;
    while (i < src.length) {
      const nl = src.indexOf('\n', i);
      const lineEnd = nl < 0 ? src.length : nl;
      const line = src.slice(i, lineEnd).replace(/\r$/, '');
      if (line.replace(/^\t+/, '') === h.delimiter) {
        h.end = i;
        i = lineEnd + 1;
        break;
      }
      i = lineEnd + 1;
    }
    const body = src.slice(h.start, Math.min(h.end, src.length));
    // A quoted delimiter (`<<'EOF'`) keeps `$X` literal; `${{ }}` is substituted before the shell runs.
    scanText(body, h.start, h.expansions, !h.quoted);
  }
  return Math.min(i, src.length);
}

function readWord(src: string, i: number): Word {
  const start = i;
  const chars: string[] = [];
  const at: number[] = [];
  const expansions: Expansion[] = [];
  let quoted = false;
  const add = (s: string, offset: number) => {
    for (let k = 0; k < s.length; k++) { chars.push(s[k]); at.push(offset + k); }
  };
  while (i < src.length) {
    const c = src[i];
    if (WORD_BREAK.has(c)) break;
    if (c === '\\') {
      if (src[i + 1] === '\n') { i += 2; continue; }
      if (i + 1 < src.length) { quoted = true; add(src[i + 1], i + 1); i += 2; continue; }
      i++;
      continue;
    }
    if (c === "'") {
      quoted = true;
      const close = src.indexOf("'", i + 1);
      const end = close < 0 ? src.length : close;
      add(src.slice(i + 1, end), i + 1);
      scanText(src.slice(i + 1, end), i + 1, expansions, false);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i = readDouble(src, i + 1, add, expansions);
      continue;
    }
    if (c === '$') { i = readDollar(src, i, add, expansions); continue; }
    if (c === '`') { i = readBacktick(src, i, add, expansions); continue; }
    add(c, i);
    i++;
  }
  return { start, end: i, raw: src.slice(start, i), value: chars.join(''), at, quoted, expansions };
}

/** A `…` command substitution: kept as text, and scanned for expansions inside. Returns the index after it. */
function readBacktick(src: string, i: number, add: (s: string, at: number) => void, expansions: Expansion[]): number {
  const end = closing(src, i + 1, '`');
  add(src.slice(i, end), i);
  expansions.push(...subshellExpansions(src.slice(i + 1, end - 1), i + 1));
  return end;
}

function readDouble(src: string, i: number, add: (s: string, at: number) => void, expansions: Expansion[]): number {
  while (i < src.length && src[i] !== '"') {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length) {
      const n = src[i + 1];
      if (n === '\n') { i += 2; continue; }
      if ('$`"\\'.includes(n)) { add(n, i + 1); i += 2; continue; }
      add(c, i);
      i++;
      continue;
    }
    if (c === '$') { i = readDollar(src, i, add, expansions); continue; }
    if (c === '`') { i = readBacktick(src, i, add, expansions); continue; }
    add(c, i);
    i++;
  }
  return i + 1;
}

function readDollar(src: string, i: number, add: (s: string, at: number) => void, expansions: Expansion[]): number {
  if (src.startsWith('${{', i)) {
    const close = src.indexOf('}}', i + 3);
    const end = close < 0 ? src.length : close + 2;
    expansions.push({ kind: 'expression', name: src.slice(i + 3, close < 0 ? src.length : close).trim(), start: i, end, valueOf: true });
    add(src.slice(i, end), i);
    return end;
  }
  if (src[i + 1] === '{') {
    const end = balanced(src, i + 1, '{', '}');
    const body = src.slice(i + 2, end - 1);
    const m = /^([#!]?)([A-Za-z_][A-Za-z0-9_]*)/.exec(body);
    if (m) expansions.push({ kind: 'variable', name: m[2], start: i, end, valueOf: m[1] === '' });
    scanText(body.slice(m ? m[0].length : 0), i + 2 + (m ? m[0].length : 0), expansions, true);
    add(src.slice(i, end), i);
    return end;
  }
  if (src[i + 1] === '(') {
    const end = balanced(src, i + 1, '(', ')');
    expansions.push(...subshellExpansions(src.slice(i + 2, end - 1), i + 2));
    add(src.slice(i, end), i);
    return end;
  }
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1, i + 256));
  if (m) {
    const end = i + 1 + m[0].length;
    expansions.push({ kind: 'variable', name: m[0], start: i, end, valueOf: true });
    add(src.slice(i, end), i);
    return end;
  }
  add('$', i);
  return i + 1;
}

/** Index just past the bracket matching the one at `i`, skipping quoted text. */
function balanced(src: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') { k++; continue; }
    if (c === "'" && open === '(') { k = closing(src, k + 1, "'") - 1; continue; }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return k + 1;
  }
  return src.length;
}

function closing(src: string, i: number, quote: string): number {
  for (let k = i; k < src.length; k++) {
    if (src[k] === '\\') { k++; continue; }
    if (src[k] === quote) return k + 1;
  }
  return src.length;
}

const EXPANSIONS = /\$\{\{([\s\S]*?)\}\}|\$\{([#!]?)([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Expansions in text the lexer does not take apart (heredoc bodies, command substitutions,
 * single-quoted strings): `${{ }}` always, `$X` only where the shell would expand it.
 */
function scanText(text: string, base: number, out: Expansion[], variables: boolean): void {
  for (const m of text.matchAll(EXPANSIONS)) {
    const start = base + m.index!;
    const end = start + m[0].length;
    if (m[1] !== undefined) out.push({ kind: 'expression', name: m[1].trim(), start, end, valueOf: true });
    else if (variables && text[m.index! - 1] !== '\\') {
      out.push({ kind: 'variable', name: m[3] ?? m[4], start, end, valueOf: (m[2] ?? '') === '' });
    }
  }
}

/** Every expansion of a lexed script: in words, redirect targets and heredoc bodies. */
export function expansionsOf(pipelines: Pipeline[]): Expansion[] {
  const out: Expansion[] = [];
  for (const p of pipelines) {
    for (const c of p.commands) {
      for (const w of c.words) out.push(...w.expansions);
      for (const r of c.redirects) out.push(...(r.heredoc?.expansions ?? []), ...(r.target?.expansions ?? []));
    }
  }
  return out;
}

/** A command substitution is a script with quoting of its own (`$(echo '$X')` is literal): lex it, offsets moved to `base`. */
function subshellExpansions(script: string, base: number): Expansion[] {
  return expansionsOf(parseShell(script)).map((e) => ({ ...e, start: e.start + base, end: e.end + base }));
}

/** Commands that run their `-c` argument (or a heredoc on their stdin) as a script of its own. */
const SCRIPT_RUNNERS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'su', 'runuser']);

/**
 * Names of the variables whose value shell text reads: `$X`, `${X}`, `${X:-y}`, `${X:+y}`… unquoted
 * or in double quotes, never in single quotes or escaped. `${#X}` (a length) and `${!X}` (an
 * indirection) do not read X. Scripts handed to another shell are read too (`sh -c '…'`,
 * `eval '…'`, `bash <<'EOF'`): the single quotes only kept `$X` from the outer shell, the inner
 * one expands it.
 */
export function variablesRead(script: string): Set<string> {
  const names = new Set<string>();
  const visit = (src: string, depth: number) => {
    const pipelines = parseShell(src);
    for (const e of expansionsOf(pipelines)) if (e.kind === 'variable' && e.valueOf) names.add(e.name);
    if (depth >= 3) return; // `sh -c "sh -c '…'"` nested deeper than this is not worth following
    for (const p of pipelines) for (const c of p.commands) for (const inner of innerScripts(src, c)) visit(inner, depth + 1);
  };
  visit(script, 0);
  return names;
}

/** Whether shell text reads variable `name` (see variablesRead). */
export function readsVariable(script: string, name: string): boolean {
  // Most scripts never mention the name: they skip the lexer.
  return script.includes(name) && variablesRead(script).has(name);
}

function innerScripts(src: string, c: Command): string[] {
  const words = c.words.map((w) => w.value);
  if (words[0] === 'eval') return [words.slice(1).join(' ')];
  // The runner may follow a wrapper (`sudo -u app sh -c …`, `exec bash -c …`): look for it anywhere.
  const runner = words.findIndex((w) => SCRIPT_RUNNERS.has(w.slice(w.lastIndexOf('/') + 1)));
  if (runner < 0) return [];
  const flag = words.findIndex((w, k) => k > runner && /^-[A-Za-z]*c[A-Za-z]*$/.test(w));
  if (flag >= 0) return words.slice(flag + 1, flag + 2);
  return c.redirects.flatMap((r) => (r.heredoc ? [src.slice(r.heredoc.start, r.heredoc.end)] : []));
}

/**
 * The variable a word is exactly one reference to (`$X`, `${X}`, `"${X}"`, `${X:-default}`), or
 * undefined. Not one: `pre$X`, `$X$Y`, `'$X'`, `\$X`, `${#X}`, and `${X:+y}`, whose value is y.
 */
export function referenceName(word: string): string | undefined {
  const text = word.trim();
  if (!text.includes('$')) return undefined;
  const w = readWord(text, 0);
  const e = w.expansions[0];
  if (w.end !== text.length || !e || e.kind !== 'variable' || !e.valueOf) return undefined;
  if (w.value !== text.slice(e.start, e.end) || /^\$\{\w+:?\+/.test(w.value)) return undefined;
  return e.name;
}

/** Whether a word is exactly one reference to variable `name` (see referenceName). */
export function isReferenceTo(word: string, name: string): boolean {
  return referenceName(word) === name;
}

/**
 * Names of the variables Docker substitutes in an instruction's own text (ENV and LABEL values,
 * ARG defaults, FROM…): `$X` and `${X<modifier>…}` (`:-`, `:+`, `#`, `%`, `/`…), in double quotes
 * or none. Docker keeps single-quoted text and anything after the escape character literal, as the
 * shell does; unlike the shell it has no `$(…)`, backticks or comments inside a value. `escape` is
 * the file's escape character (`# escape=\``).
 */
export function dockerfileVariables(text: string, escape = '\\'): Set<string> {
  const names = new Set<string>();
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escape) i++;
    else if (c === '"') double = !double;
    else if (c === "'" && !double) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 ? text.length : close;
    } else if (c === '$') {
      const m = /^\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i + 1, i + 257));
      if (m) names.add(m[1]);
    }
  }
  return names;
}
