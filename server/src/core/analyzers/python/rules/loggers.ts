import { functionAt, resolvedPath, valuesOf, type PyFileIndex } from '../fileIndex.js';
import { dottedPath, enclosingFunction, lastName, objectOf, textOf, type PyCall, type PyNode } from '../syntax.js';

/**
 * Where Python text goes to a log: `print`, `sys.stdout/stderr.write`, the `logging` module,
 * logger objects (by name, or bound to `logging.getLogger()`, `structlog.get_logger()`, loguru's
 * `logger`, `.bind()`/`.getChild()`), `warnings.warn`, `click.echo`/`typer.echo`, and a FastMCP
 * `Context`'s log methods (`await ctx.info(…)` sends the text to the client).
 */

const LEVELS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'trace', 'success']);
const LOGGER_NAME = /^_*(logger|log|LOGGER|LOG)$|_(logger|log)$|Logger$/;
const LOGGER_FACTORY = /^(getLogger|get_logger|getChild|bind|new|opt|LoggerAdapter|BoundLogger|wrap_logger)$/;
/** Keyword arguments of log calls that are not logged text. */
const NOT_LOGGED = new Set(['exc_info', 'stack_info', 'stacklevel', 'file', 'sep', 'end', 'flush', 'category', 'err', 'nl', 'color', 'level']);

export interface PyLogSink {
  /** How the message names the sink: `print`, `logger.info`, `logging.warning`, `ctx.info`. */
  sink: string;
  /** The arguments whose text is logged. */
  args: PyNode[];
  /** `logger` imported from a module of this project (`from .log import logger`): it may redact. */
  projectLogger: boolean;
}

function isLoggerObject(idx: PyFileIndex, e: PyNode, depth = 0): boolean {
  if (depth > 4) return false;
  const path = resolvedPath(idx, e) ?? '';
  if (path === 'logging' || /^(loguru\.logger|structlog)$/.test(path)) return true;
  const last = lastName(dottedPath(idx.src, e)) ?? '';
  if (LOGGER_NAME.test(last)) return true;
  if (e.name === 'CallExpression') return LOGGER_FACTORY.test(lastName(resolvedPath(idx, e.firstChild)) ?? '');
  if (e.name === 'VariableName' || (e.name === 'MemberExpression' && path.startsWith('self.'))) {
    return valuesOf(idx, dottedPath(idx.src, e) ?? '', e).some((v) => v.name === 'CallExpression' && isLoggerObject(idx, v, depth + 1));
  }
  return false;
}

/** A FastMCP `Context` parameter (`ctx: Context`): its `info`/`debug`/`warning`/`error`/`log` send log messages to the client. */
function isMcpContext(idx: PyFileIndex, e: PyNode): boolean {
  if (e.name !== 'VariableName') return false;
  const fnNode = enclosingFunction(e);
  const p = fnNode && functionAt(idx, fnNode)?.params.find((q) => q.name === textOf(idx.src, e));
  return !!p?.annotation && /\bContext\b/.test(textOf(idx.src, p.annotation));
}

function isBuiltin(idx: PyFileIndex, name: string): boolean {
  return !idx.functionsByName.has(name) && !idx.imports.has(name) && !valuesOf(idx, name, idx.root).length;
}

export function pyLogSink(idx: PyFileIndex, call: PyCall): PyLogSink | undefined {
  const logged = (all = true) => call.args.filter((a) => !(a.name && NOT_LOGGED.has(a.name)) && (all || !a.name)).map((a) => a.value);
  const callee = call.callee;
  const path = resolvedPath(idx, callee) ?? '';
  if (callee.name === 'VariableName') {
    const name = textOf(idx.src, callee);
    if (name === 'print' && isBuiltin(idx, 'print')) return { sink: 'print', args: logged(false), projectLogger: false };
    if (/^(pprint\.pprint|warnings\.warn|click\.echo|click\.secho|typer\.echo|typer\.secho|rich\.print)$/.test(path)) return { sink: name, args: logged(false), projectLogger: false };
    if (/^logging\.\w+$/.test(path) && LEVELS.has(lastName(path)!)) return { sink: path, args: logged(), projectLogger: false };
    return undefined;
  }
  if (callee.name !== 'MemberExpression') return undefined;
  const recv = objectOf(callee);
  const m = lastName(dottedPath(idx.src, callee)) ?? '';
  if (!recv) return undefined;
  const recvText = dottedPath(idx.src, recv) ?? 'logger';
  if (/^sys\.(stdout|stderr)\.write$/.test(path)) return { sink: path, args: logged(false), projectLogger: false };
  if (/^(pprint\.pprint|warnings\.warn|click\.echo|click\.secho|typer\.echo|typer\.secho|rich\.print)$/.test(path)) return { sink: path, args: logged(false), projectLogger: false };
  if (!LEVELS.has(m)) return undefined;
  if (isMcpContext(idx, recv)) return { sink: `${recvText}.${m}`, args: logged(), projectLogger: false };
  if (!isLoggerObject(idx, recv)) return undefined;
  const root = /^\w+/.exec(recvText)?.[0] ?? '';
  const origin = idx.imports.get(root) ?? '';
  return { sink: `${recvText}.${m}`, args: logged(), projectLogger: origin.startsWith('.') };
}

/** `ValueError(…)`, `HTTPException(detail=…)`, `McpError(ErrorData(message=…))`, `ToolError(…)`: an exception whose message is built from its arguments. */
export function isExceptionConstruction(idx: PyFileIndex, call: PyCall): boolean {
  const name = lastName(resolvedPath(idx, call.callee)) ?? '';
  return /^[A-Z]\w*(Error|Exception)$|^(Error|Exception|ErrorData)$/.test(name);
}
