import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { message } from '../../../secrets/message.js';
import {
  AUDIENCE_PLACEHOLDER, JWT_AUDIENCE_RULE, audienceCheckOnTitle, audienceDisabledMessage, audienceFixTitle, audienceNotCheckedMessage,
  audienceNotRequiredMessage,
} from '../../common/wording/jwt-audience-not-verified.js';
import { sitesOf, valuesOf, type PyFileIndex } from '../fileIndex.js';
import { importedPath } from '../httpClients.js';
import { symbolPathOf } from '../literalSites.js';
import { appendArgumentEdit, appendDictEntryEdit, argumentStart, pyQuote, removeArgumentEdit, removeDictEntryEdit } from '../pyEdits.js';
import { stringValue } from '../strings.js';
import { callOf, children, dictEntriesOf, dottedPath, enclosingFunction, keywordArg, objectOf, positionalArg, textOf, type PyCall, type PyDictEntry, type PyNode } from '../syntax.js';

/** PyJWT (`import jwt`), python-jose (`from jose import jwt`), authlib (`from authlib.jose import jwt`). */
type Library = 'pyjwt' | 'jose' | 'authlib';

const PYJWT_DECODE = /^jwt(\.api_jwt)?\.(decode|decode_complete)$|^jwt\.PyJWT\(\)\.(decode|decode_complete)$/;

function libraryOf(idx: PyFileIndex, call: PyCall): Library | undefined {
  const path = importedPath(idx, call.callee);
  if (path) {
    if (PYJWT_DECODE.test(path)) return 'pyjwt';
    if (path === 'jose.jwt.decode') return 'jose';
    if (path === 'authlib.jose.jwt.decode' || path === 'authlib.jose.JsonWebToken().decode') return 'authlib';
    return undefined;
  }
  // A decoder the file builds: `decoder = jwt.PyJWT()`, `jwt = JsonWebToken(["RS256"])`.
  if (call.callee.name !== 'MemberExpression' || call.callee.getChild('PropertyName') === null) return undefined;
  if (textOf(idx.src, call.callee.getChild('PropertyName')!) !== 'decode') return undefined;
  const recv = objectOf(call.callee);
  const name = recv && (recv.name === 'VariableName' || recv.name === 'MemberExpression') ? dottedPath(idx.src, recv) : undefined;
  if (!recv || !name) return undefined;
  for (const v of valuesOf(idx, name, recv)) {
    if (v.name !== 'CallExpression') continue;
    const ctor = importedPath(idx, v.firstChild);
    if (ctor === 'jwt.PyJWT') return 'pyjwt';
    if (ctor === 'authlib.jose.JsonWebToken') return 'authlib';
  }
  return undefined;
}

/** A dict literal an argument is, or a name bound once (in its scope or the module) to one. */
function dictOf(idx: PyFileIndex, n: PyNode | undefined): { dict: PyNode; inline: boolean } | undefined {
  if (!n) return undefined;
  if (n.name === 'DictionaryExpression') return { dict: n, inline: true };
  if (n.name !== 'VariableName') return undefined;
  const values = valuesOf(idx, textOf(idx.src, n), n);
  return values.length === 1 && values[0].name === 'DictionaryExpression' ? { dict: values[0], inline: false } : undefined;
}

function entry(idx: PyFileIndex, dict: PyNode, key: string): PyDictEntry | undefined {
  return dictEntriesOf(dict).find((e) => stringValue(idx.src, e.key) === key);
}

const isFalse = (src: string, n: PyNode | undefined) => n?.name === 'Boolean' && textOf(src, n) === 'False';
const isNone = (n: PyNode | undefined) => n?.name === 'None';

/**
 * jwt-audience-not-verified in Python: PyJWT and python-jose `jwt.decode(token, key, …)` without
 * `audience` or with `options={"verify_aud": False}`, and authlib `jwt.decode(token, key)` without
 * `claims_options` that check `aud`. Decoding with `verify_signature` off is not verification and
 * is not judged; neither are calls whose options or keyword arguments the file does not show
 * (`**kwargs`, options built elsewhere). The fix adds a placeholder audience the user must edit.
 */
export function checkPyJwtAudience(ctx: AnalysisContext, idx: PyFileIndex): void {
  const src = idx.src;
  const q = pyQuote(idx);
  const placeholder = `${q}${AUDIENCE_PLACEHOLDER}${q}`;
  for (const n of sitesOf(idx, idx.calls)) {
    const call = callOf(src, n);
    if (!call || !/decode/.test(textOf(src, call.callee))) continue;
    const lib = libraryOf(idx, call);
    if (!lib || call.args.some((a) => a.star === '**')) continue;
    const positional = call.args.filter((a) => !a.name && !a.star);
    if (call.args.some((a) => a.star === '*')) continue;
    const key = positionalArg(call, 1) ?? keywordArg(call, 'key')?.value;
    if (!key) continue; // nothing to verify the signature with: decoding, not verification
    if (checksAudienceByHand(idx, n) || onlySymmetricAlgorithms(idx, call)) continue;
    const fn = textOf(src, call.callee);
    const argList = n.getChild('ArgList')!;
    const report = (msg: ReturnType<typeof audienceNotCheckedMessage>, fix?: Fix) => ctx.report({
      ruleId: JWT_AUDIENCE_RULE,
      start: n.from,
      end: n.to,
      message: msg,
      fingerprintSource: textOf(src, n),
      symbolPath: symbolPathOf(src, n),
      fixes: fix ? [fix] : [],
    });

    if (lib === 'authlib') {
      if (positional.length > 4) continue;
      const optsArg = keywordArg(call, 'claims_options')?.value ?? positionalArg(call, 3);
      const aud = `${q}aud${q}: {${q}essential${q}: True, ${q}value${q}: ${placeholder}}`;
      let edit: TextEdit | undefined;
      if (!optsArg || isNone(optsArg)) {
        const text = `claims_options={${aud}}`;
        edit = !optsArg ? appendArgumentEdit(ctx, argList, text) : ctx.edit(optsArg.from, optsArg.to, `{${aud}}`);
      } else {
        const opts = dictOf(idx, optsArg);
        if (!opts || opts.dict.getChildren('⚠').length) continue;
        if (dictEntriesOf(opts.dict).some((e) => e.key.name !== 'String') || entry(idx, opts.dict, 'aud')) continue;
        if (opts.inline) edit = appendDictEntryEdit(ctx, opts.dict, aud);
      }
      report(audienceNotCheckedMessage(fn, message`\`claims_options\` that check \`aud\``), edit && unsafeFix(audienceFixTitle(`claims_options "aud" with value ${placeholder}`), [edit]));
      continue;
    }

    if (positional.length > 4) continue; // the audience may be one of them
    if (isFalse(src, keywordArg(call, 'verify')?.value)) continue; // PyJWT 1: no verification at all
    const optsArg = keywordArg(call, 'options')?.value ?? positionalArg(call, 3);
    const opts = optsArg && !isNone(optsArg) ? dictOf(idx, optsArg) : undefined;
    if (optsArg && !isNone(optsArg) && !opts) continue; // options the file does not show
    if (opts && isFalse(src, entry(idx, opts.dict, 'verify_signature')?.value)) continue;
    // Expiry ignored too: this decode reads claims (a session id for bookkeeping), it does not admit anyone.
    if (opts && isFalse(src, entry(idx, opts.dict, 'verify_exp')?.value)) continue;
    const audienceArg = keywordArg(call, 'audience');
    const hasAudience = !!audienceArg && !isNone(audienceArg.value);
    const audienceEdit = () => (audienceArg ? ctx.edit(audienceArg.value.from, audienceArg.value.to, placeholder) : appendArgumentEdit(ctx, argList, `audience=${placeholder}`));
    const disabled = opts && entry(idx, opts.dict, 'verify_aud');
    if (disabled && isFalse(src, disabled.value)) {
      const shown = `${textOf(src, disabled.key)}: False`;
      let fix: Fix | undefined;
      if (opts.inline) {
        // `options={"verify_aud": False}` alone becomes `audience=…`; otherwise the entry goes and the audience is added.
        const optionsKw = keywordArg(call, 'options');
        const only = optionsKw && dictEntriesOf(opts.dict).length === 1 && !children(opts.dict).some((c) => c.name === '**');
        if (hasAudience) {
          fix = unsafeFix(audienceCheckOnTitle(shown), [only ? removeArgumentEdit(ctx, argList, optionsKw) : removeDictEntryEdit(ctx, opts.dict, disabled.key, disabled.value)]);
        } else {
          const edits = only && !audienceArg
            ? [ctx.edit(argumentStart(optionsKw), optionsKw.value.to, `audience=${placeholder}`)]
            : inDocumentOrder([only ? removeArgumentEdit(ctx, argList, optionsKw) : removeDictEntryEdit(ctx, opts.dict, disabled.key, disabled.value), audienceEdit()]);
          fix = unsafeFix(audienceFixTitle(`audience=${placeholder}`, `remove ${shown}`), edits);
        }
      }
      report(audienceDisabledMessage(fn, shown), fix);
      continue;
    }
    if (hasAudience) continue;
    report(audienceNotRequiredMessage(fn, message`\`audience\``), unsafeFix(audienceFixTitle(`audience=${placeholder}`), [audienceEdit()]));
  }
}

function unsafeFix(title: string, edits: TextEdit[]): Fix {
  return { title, applicability: 'unsafe', isPreferred: true, edits };
}

function inDocumentOrder(edits: TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The claims are checked by hand: after the decode in the same function, or anywhere in the same
 * class (verifiers that accept several audiences decode in one method and match `aud` in another):
 * `payload["aud"]`, `claims.get("aud")`, `"aud" in claims`.
 */
function checksAudienceByHand(idx: PyFileIndex, decode: PyNode): boolean {
  let cls: PyNode | undefined;
  for (let p = decode.parent; p; p = p.parent) if (p.name === 'ClassDefinition') { cls = p; break; }
  const fn = enclosingFunction(decode);
  const text = cls ? idx.src.slice(cls.from, cls.to) : fn ? idx.src.slice(decode.to, fn.to) : '';
  return /\[\s*["']aud["']\s*\]|\.get\(\s*["']aud["']|["']aud["']\s+(not\s+)?in\b/.test(text);
}

/**
 * `algorithms=["HS256"]` and no other: tokens signed with a secret only this server holds, so they
 * are its own (a session or upload token it issued), not tokens an identity provider issued for
 * several applications; the audience confusion this rule is about needs a shared issuer.
 */
function onlySymmetricAlgorithms(idx: PyFileIndex, call: PyCall): boolean {
  const algs = keywordArg(call, 'algorithms')?.value ?? positionalArg(call, 2);
  if (!algs || (algs.name !== 'ArrayExpression' && algs.name !== 'TupleExpression')) return false;
  const items = algs.getChildren('String').map((n) => stringValue(idx.src, n));
  return items.length > 0 && items.every((a) => !!a && /^HS(256|384|512)$/.test(a));
}
