import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerfileVariables, isReferenceTo, readsVariable, referenceName, variablesRead } from '../../../server/src/core/lang/shell.js';
import { isPlaceholder, isReference } from '../../../server/src/core/secrets/placeholder.js';
import { checkFixture } from '../../helpers/fixtures.js';
import { fixture, findingsOf, only } from '../dockerfile/helpers.js';

const uses = (script: string) => readsVariable(script, 'TOKEN');

describe('shell words: does shell text read $NAME', () => {
  it('unquoted and double-quoted references are reads', () => {
    for (const s of ['echo $TOKEN', 'echo "$TOKEN"', 'echo "x${TOKEN}y"', "echo '$A'\"$TOKEN\"", 'curl -H "Bearer \'$TOKEN\'"']) {
      assert.equal(uses(s), true, s);
    }
  });

  it('single-quoted and escaped references are literal text', () => {
    for (const s of ["echo '$TOKEN'", "echo '${TOKEN}'", 'echo \\$TOKEN', 'echo "\\$TOKEN"', 'echo "\\${TOKEN}"', '# echo $TOKEN']) {
      assert.equal(uses(s), false, s);
    }
  });

  it('braces with modifiers read the variable; ${#X} and ${!X} do not read its value', () => {
    for (const m of ['', ':-x', '-x', ':+x', ':?missing', ':=x', '#npm_', '%%.*', '/a/b', '^^', ',,']) {
      assert.equal(uses(`echo "\${TOKEN${m}}"`), true, m);
    }
    assert.equal(uses('echo ${#TOKEN} ${!TOKEN}'), false);
    assert.equal(uses('echo ${OTHER:-$TOKEN}'), true, 'a reference inside a default');
  });

  it('word boundaries: a longer name is another variable', () => {
    for (const s of ['echo $TOKEN_X', 'echo ${TOKENS}', 'echo $TOKEN2', 'echo $MY_TOKEN', 'echo ${TOKEN_X:-1}']) {
      assert.equal(uses(s), false, s);
    }
    for (const s of ['echo $TOKEN.x', 'echo $TOKEN-x', 'echo "$TOKEN"x', 'echo $TOKEN/path', 'x=$TOKEN;']) {
      assert.equal(uses(s), true, s);
    }
  });

  it('command substitutions are scripts with quotes of their own', () => {
    assert.equal(uses('echo "$(printf %s \'$TOKEN\')"'), false);
    assert.equal(uses('echo "$(printf %s "$TOKEN")"'), true);
    assert.equal(uses('echo `printf %s $TOKEN`'), true);
  });

  it('heredocs: expanded unless the delimiter is quoted, and a heredoc fed to a shell is a script', () => {
    assert.equal(uses('cat <<EOF > f\n$TOKEN\nEOF'), true);
    assert.equal(uses("cat <<'EOF' > f\n$TOKEN\nEOF"), false);
    assert.equal(uses("bash <<'EOF'\necho $TOKEN\nEOF"), true);
  });

  it('a script handed to another shell is read with that shell\'s quoting', () => {
    for (const s of ["sh -c 'echo $TOKEN'", "bash -ec 'echo $TOKEN'", "sudo -u app /bin/sh -c 'echo $TOKEN'", "eval 'echo $TOKEN'"]) {
      assert.equal(uses(s), true, s);
    }
    assert.equal(uses("sh -c 'echo \\$TOKEN'"), false);
    assert.equal(uses("sh -c \"echo '\\$TOKEN'\""), false);
    assert.equal(uses("echo -c '$TOKEN'"), false, 'echo is no shell');
  });

  it('collects every name read, once', () => {
    assert.deepEqual([...variablesRead('A=$B "${C:-$D}" \'$E\' \\$F $(x "$G")')].sort(), ['B', 'C', 'D', 'G']);
  });
});

describe('shell words: is a word exactly one reference', () => {
  it('accepts $X, ${X}, quoted, with a default', () => {
    for (const w of ['$TOKEN', '${TOKEN}', '"$TOKEN"', '"${TOKEN}"', '${TOKEN:-x}', '${TOKEN-x}', ' $TOKEN ', '${TOKEN:?unset}']) {
      assert.equal(referenceName(w), 'TOKEN', w);
      assert.equal(isReferenceTo(w, 'TOKEN'), true, w);
    }
  });

  it('rejects literal, partial, other-name and non-value forms', () => {
    for (const w of ["'$TOKEN'", '\\$TOKEN', '$TOKEN_X', 'pre$TOKEN', '$TOKEN$B', '${TOKEN}x', '${#TOKEN}', '${!TOKEN}', '${TOKEN:+x}', '${{ secrets.TOKEN }}', '$(TOKEN)', '$1', 'TOKEN', '']) {
      assert.equal(isReferenceTo(w, 'TOKEN'), false, w);
    }
  });
});

describe('shell words: Dockerfile substitution (ENV, ARG defaults, LABEL)', () => {
  const vars = (text: string, escape?: string) => [...dockerfileVariables(text, escape)].sort();

  it('$X and ${X<modifier>} outside single quotes, not escaped', () => {
    assert.deepEqual(vars('$A ${B} "${C:-x}" ${D:+y} ${E#p} "\'$F\'"'), ['A', 'B', 'C', 'D', 'E', 'F']);
    assert.deepEqual(vars('\'$A\' \'${B}\' \\$C "\\${D}"'), []);
    assert.deepEqual(vars('${A:-$B}'), ['A', 'B']);
    assert.deepEqual(vars('$TOKEN_X ${TOKENS}'), ['TOKENS', 'TOKEN_X']);
    assert.deepEqual(vars('${#A} ${!B}'), []);
  });

  it('honours the file\'s escape character', () => {
    assert.deepEqual(vars('`$A \\$B', '`'), ['B']);
  });
});

describe('shell words: placeholder references', () => {
  it('a value that is one reference is a placeholder, glued text is not', () => {
    for (const v of ['$NPM_TOKEN', '${NPM_TOKEN}', '${NPM_TOKEN:-}', '${env:NPM_TOKEN}', '${input:token}']) assert.equal(isReference(v), true, v);
    for (const v of ['$NPM_TOKENx!', '$2b$12$abcdefghijklmnopqrstuv', 'npm_$TOKEN']) assert.equal(isReference(v), false, v);
    assert.equal(isPlaceholder('$NPM_TOKEN'), true);
  });
});

describe('shell words: dockerfile-arg-secret follows the quoting', () => {
  it('quoting.Dockerfile: findings match the expect markers', () => {
    checkFixture(fixture('dockerfile-arg-secret', 'quoting.Dockerfile'));
  });

  it("RUN echo '$NPM_TOKEN' does not use the ARG; RUN echo \"$NPM_TOKEN\" does", () => {
    const text = (run: string) => `FROM node:20\nARG NPM_TOKEN\n${run}\n`;
    assert.deepEqual(only(findingsOf(text("RUN echo '$NPM_TOKEN'")), 'dockerfile-arg-secret'), []);
    assert.equal(only(findingsOf(text('RUN echo "$NPM_TOKEN"')), 'dockerfile-arg-secret').length, 1);
  });

  it("ENV X='${ARG}' is literal; ENV X=\"${ARG}\" re-exports it to a later RUN", () => {
    const lines = (...l: string[]) => l.join('\n') + '\n';
    const literal = lines('FROM node:20', 'ARG GH_TOKEN', "ENV SOURCE='${GH_TOKEN}'", 'RUN echo "$SOURCE"');
    assert.deepEqual(only(findingsOf(literal), 'dockerfile-arg-secret'), []);
    const reexport = lines('FROM node:20', 'ARG GH_TOKEN', 'ENV SOURCE="${GH_TOKEN}"', 'RUN echo "$SOURCE"');
    const [f] = only(findingsOf(reexport), 'dockerfile-arg-secret');
    assert.match(f.message, /used by RUN/);
  });

  it('tls-verification-disabled reads RUN through the same script: a lone RUN heredoc is the script', () => {
    const text = 'FROM node:20\nRUN <<EOF\nNODE_TLS_REJECT_UNAUTHORIZED=0 npm ci\nEOF\nRUN echo \'NODE_TLS_REJECT_UNAUTHORIZED=0\'\n';
    const found = only(findingsOf(text), 'tls-verification-disabled');
    assert.deepEqual(found.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character]), [[2, 0, 30]]);
  });
});
