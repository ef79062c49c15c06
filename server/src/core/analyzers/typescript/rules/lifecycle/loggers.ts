import ts from 'typescript';
import { dottedName } from '../../syntax.js';
import { type SecretFlow, unwrap } from '../../dataflow/index.js';

/**
 * Where text goes to a log: `console.*`, `process.stdout/stderr.write`, logger objects (by name, or
 * bound to `pino()`, `winston.createLogger()`, `bunyan.createLogger()`, `log4js.getLogger()`,
 * `x.child()`), and functions made by `debug('ns')`.
 */

const LEVELS = new Set(['info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'log', 'verbose', 'silly', 'notice', 'critical', 'http', 'success']);
const LOGGER_NAME = /^(_?logger|_?log|\$log|consola|signale|winston|bunyan|pino|log4js|loglevel)$|[a-z0-9_](Logger|Log)$/;
const LOGGER_MODULES = /^(pino|winston|bunyan|log4js|loglevel|consola|signale|roarr|tslog)$/;
const LOGGER_FACTORY = /^(pino|createLogger|getLogger|makeLogger|buildLogger|child)$/;

function requiredModule(e: ts.Expression): string | undefined {
  const u = unwrap(e);
  return ts.isCallExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'require' && u.arguments[0] && ts.isStringLiteralLike(u.arguments[0])
    ? u.arguments[0].text : undefined;
}

/** The value of a binding is a call that makes a logger (`pino()`, `winston.createLogger(…)`, `logger.child(…)`). */
function isLoggerFactoryCall(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  if (!ts.isCallExpression(u)) return false;
  const c = unwrap(u.expression);
  if (ts.isIdentifier(c)) return LOGGER_FACTORY.test(c.text) || LOGGER_MODULES.test(flow.index.importedFrom.get(c.text) ?? '');
  if (ts.isPropertyAccessExpression(c)) return LOGGER_FACTORY.test(c.name.text);
  const mod = requiredModule(c);
  return !!mod && LOGGER_MODULES.test(mod);
}

function isDebugFactoryCall(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  if (!ts.isCallExpression(u)) return false;
  const c = unwrap(u.expression);
  if (ts.isIdentifier(c)) return c.text === 'createDebug' || c.text === 'debug' || flow.index.importedFrom.get(c.text) === 'debug';
  if (ts.isPropertyAccessExpression(c)) return c.name.text === 'extend' && isDebugFunction(c.expression, flow);
  return requiredModule(c) === 'debug';
}

function isDebugFunction(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  if (!ts.isIdentifier(u)) return false;
  const b = flow.bindingOf(u);
  return !!b && b.values.length > 0 && b.values.every((v) => !v.path.length && isDebugFactoryCall(v.expr, flow));
}

function isLoggerObject(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  const name = dottedName(u);
  const last = name?.split('.').pop();
  if (last && LOGGER_NAME.test(last)) return true;
  if (ts.isIdentifier(u)) {
    const b = flow.bindingOf(u);
    return !!b && b.values.some((v) => !v.path.length && isLoggerFactoryCall(v.expr, flow));
  }
  return ts.isCallExpression(u) && isLoggerFactoryCall(u, flow);
}

/** `console.log`, `logger.info`, `debugLog`… for a call that writes its arguments to a log; else undefined. */
export function logSinkName(call: ts.CallExpression, flow: SecretFlow): string | undefined {
  const c = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(c)) {
    const recv = dottedName(c.expression);
    const m = c.name.text;
    if (recv === 'console') return `console.${m}`;
    if ((recv === 'process.stdout' || recv === 'process.stderr') && m === 'write') return `${recv}.write`;
    if (LEVELS.has(m) && isLoggerObject(c.expression, flow)) return `${recv ?? 'logger'}.${m}`;
    return undefined;
  }
  if (ts.isIdentifier(c) && isDebugFunction(c, flow)) return `${c.text} (debug)`;
  return undefined;
}

/** The arguments of a log call that are logged (`console.assert`'s condition is not). */
export function loggedArguments(call: ts.CallExpression, sink: string): readonly ts.Expression[] {
  return sink === 'console.assert' ? call.arguments.slice(1) : call.arguments;
}

/** A statement that only writes to a log (used to tell a catch that only logs). */
export function isLogStatement(s: ts.Statement, flow: SecretFlow): boolean {
  if (ts.isEmptyStatement(s)) return true;
  if (!ts.isExpressionStatement(s)) return false;
  const e = unwrap(s.expression);
  return ts.isCallExpression(e) && !!logSinkName(e, flow);
}

/** `console.error`, `logger.warn`: a logging function passed by reference (`.catch(console.error)`). */
export function isLogFunctionReference(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  if (ts.isPropertyAccessExpression(u)) {
    const recv = dottedName(u.expression);
    return recv === 'console' || (LEVELS.has(u.name.text) && isLoggerObject(u.expression, flow));
  }
  return ts.isIdentifier(u) && isDebugFunction(u, flow);
}

/** `new Error(…)`, `new McpError(…)`, `Error(…)`: an error whose message is built from its arguments. */
export function isErrorConstruction(e: ts.NewExpression | ts.CallExpression): boolean {
  const c = unwrap(e.expression);
  const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
  return /(^|[a-z])(Error|Exception)$/.test(name) && (ts.isNewExpression(e) || name === 'Error' || /^[A-Z]/.test(name));
}
