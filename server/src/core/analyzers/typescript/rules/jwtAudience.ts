import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import type { TextEdit } from '../../../types.js';
import { symbolPathOf } from '../syntax.js';
import { walkMatches } from '../walkMatches.js';
import { isWholeModule, moduleOf, quoteStyle } from '../imports.js';
import { constInitializer, findProperty, objectLiteralOf, unwrap } from '../staticValues.js';
import { insertProperty } from '../objectEdits.js';
import { AUDIENCE_PLACEHOLDER, JWT_AUDIENCE_RULE, audienceFixTitle, audienceNotCheckedMessage } from '../../common/wording/jwt-audience-not-verified.js';

const RULE = JWT_AUDIENCE_RULE;
const PLACEHOLDER = AUDIENCE_PLACEHOLDER;

type Library = 'jose' | 'jsonwebtoken';

/**
 * Which verify function a call is: jose `jwtVerify` (imported, `jose.jwtVerify`) or jsonwebtoken
 * `verify` (`jwt.verify`, `jsonwebtoken.verify`, `verify` imported from it). Both take at least
 * a token and a key, which keeps out fastify's `request.jwtVerify()` and other one-argument verifiers.
 */
function libraryOf(sf: ts.SourceFile, call: ts.CallExpression): Library | undefined {
  if (call.arguments.length < 2) return undefined;
  const callee = unwrap(call.expression);
  if (ts.isIdentifier(callee)) {
    const b = moduleOf(sf, callee.text);
    if (b?.module === 'jose' && b.imported === 'jwtVerify') return 'jose';
    if (b?.module === 'jsonwebtoken' && b.imported === 'verify') return 'jsonwebtoken';
    if (!b && callee.text === 'jwtVerify') return 'jose';
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return undefined;
  const receiver = callee.expression.text;
  const b = moduleOf(sf, receiver);
  const method = callee.name.text;
  if (method === 'jwtVerify' && (b ? b.module === 'jose' : receiver === 'jose')) return 'jose';
  if (method === 'verify') {
    if (b) return b.module === 'jsonwebtoken' && (isWholeModule(b) || b.imported === 'default') ? 'jsonwebtoken' : undefined;
    if (receiver === 'jwt' || receiver === 'jsonwebtoken') return 'jsonwebtoken';
  }
  return undefined;
}

function isFunctionValue(e: ts.Expression): boolean {
  const u = unwrap(e);
  if (ts.isArrowFunction(u) || ts.isFunctionExpression(u)) return true;
  if (ts.isIdentifier(u)) {
    const init = constInitializer(u);
    if (init) return ts.isArrowFunction(init) || ts.isFunctionExpression(init);
    return hasFunctionDeclaration(u);
  }
  return false;
}

function hasFunctionDeclaration(id: ts.Identifier): boolean {
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if ((ts.isBlock(n) || ts.isSourceFile(n)) && n.statements.some((s) => ts.isFunctionDeclaration(s) && s.name?.text === id.text)) return true;
  }
  return false;
}

/** What the options argument says about `audience`. */
type Options =
  | { kind: 'absent'; insertBefore?: ts.Expression } // no options (jsonwebtoken: maybe a callback where they go)
  | { kind: 'undefined'; node: ts.Expression } // `undefined` / `null` passed explicitly
  | { kind: 'object'; obj: ts.ObjectLiteralExpression }
  | { kind: 'has-audience' }
  | { kind: 'unknown' };

function optionsOf(lib: Library, call: ts.CallExpression): Options {
  const third = call.arguments[2];
  if (!third) return { kind: 'absent' };
  if (lib === 'jsonwebtoken' && isFunctionValue(third)) return { kind: 'absent', insertBefore: third };
  const u = unwrap(third);
  if (u.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(u) && u.text === 'undefined')) return { kind: 'undefined', node: third };
  const obj = objectLiteralOf(third);
  if (!obj) return { kind: 'unknown' };
  const aud = findProperty(obj, 'audience');
  if (aud === 'unknown') return { kind: 'unknown' };
  return aud ? { kind: 'has-audience' } : { kind: 'object', obj };
}

/**
 * jwt-audience-not-verified: jose `jwtVerify` / jsonwebtoken `verify` with no `audience` in their
 * options (or no options). Options that are not a literal (nor a same-file const literal) are
 * not judged. The fix adds an `audience` placeholder the user must fill in.
 */
export function checkJwtAudience(ctx: AnalysisContext, sf: ts.SourceFile): void {
  walkMatches(sf, /jwtVerify|\bverify\b/g, (n) => {
    if (!ts.isCallExpression(n)) return;
    const lib = libraryOf(sf, n);
    if (!lib) return;
    const opts = optionsOf(lib, n);
    if (opts.kind === 'has-audience' || opts.kind === 'unknown') return;
    const q = quoteStyle(sf);
    const edit = fixEdit(ctx, sf, n, opts, `audience: ${q}${PLACEHOLDER}${q}`);
    const fn = lib === 'jose' ? 'jwtVerify' : 'jwt.verify';
    ctx.report({
      ruleId: RULE,
      start: n.getStart(sf),
      end: n.getEnd(),
      message: audienceNotCheckedMessage(fn),
      fingerprintSource: n.getText(sf),
      symbolPath: symbolPathOf(n),
      fixes: edit ? [{
        title: audienceFixTitle(`audience: ${q}${PLACEHOLDER}${q}`),
        applicability: 'unsafe',
        isPreferred: true,
        edits: [edit],
      }] : [],
    });
  });
}

function fixEdit(ctx: AnalysisContext, sf: ts.SourceFile, call: ts.CallExpression, opts: Options, prop: string): TextEdit | undefined {
  switch (opts.kind) {
    case 'object':
      return insertProperty(ctx, sf, opts.obj, prop);
    case 'undefined':
      return ctx.edit(opts.node.getStart(sf), opts.node.getEnd(), `{ ${prop} }`);
    case 'absent': {
      if (opts.insertBefore) return ctx.edit(opts.insertBefore.getStart(sf), opts.insertBefore.getStart(sf), `{ ${prop} }, `);
      const args = call.arguments;
      const last = args[args.length - 1];
      // After a trailing comma the new argument follows it; otherwise it gets its own comma.
      if (args.hasTrailingComma) {
        const comma = sf.text.indexOf(',', last.getEnd()) + 1;
        return ctx.edit(comma, comma, ` { ${prop} },`);
      }
      return ctx.edit(last.getEnd(), last.getEnd(), `, { ${prop} }`);
    }
    default:
      return undefined;
  }
}
