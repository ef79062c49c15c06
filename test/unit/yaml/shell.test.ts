import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShell } from '../../../server/src/core/lang/shell.js';

const words = (src: string) => parseShell(src).map((p) => p.commands.map((c) => c.words.map((w) => w.value)));

describe('shell lexer for run: scripts', () => {
  it('splits pipelines and commands on operators outside quotes', () => {
    assert.deepEqual(words('a 1 | b && c; d || e\nf "x | y; z"'), [
      [['a', '1'], ['b']], [['c']], [['d']], [['e']], [['f', 'x | y; z']],
    ]);
  });

  it('joins line continuations and resolves quotes and escapes', () => {
    assert.deepEqual(words("docker build \\\n  --build-arg 'A=1' \\\n  \"B=$X\" \\$Y ."), [
      [['docker', 'build', '--build-arg', 'A=1', 'B=$X', '$Y', '.']],
    ]);
  });

  it('keeps ${{ }} expressions whole, even unquoted and with spaces', () => {
    const [p] = parseShell('echo ${{ secrets.NPM_TOKEN }} done');
    const [echo] = p.commands;
    assert.deepEqual(echo.words.map((w) => w.value), ['echo', '${{ secrets.NPM_TOKEN }}', 'done']);
    assert.deepEqual(echo.words[1].expansions.map((e) => [e.kind, e.name, e.start, e.end]), [['expression', 'secrets.NPM_TOKEN', 5, 29]]);
  });

  it('finds variable expansions where the shell would expand them, not in single quotes', () => {
    const [p] = parseShell(`echo "$A" \${B:-x} '$C' "\${#D}" \\$E $(cat "$F") \`echo $G\``);
    const exps = p.commands[0].words.flatMap((w) => w.expansions).map((e) => `${e.name}:${e.valueOf}`);
    assert.deepEqual(exps, ['A:true', 'B:true', 'D:false', 'F:true', 'G:true']);
  });

  it('parses redirections with their file descriptors and targets', () => {
    const [p] = parseShell('cmd > out.txt 2>&1 >> "$GITHUB_ENV" &> all.log 2> err.log < in.txt');
    assert.deepEqual(p.commands[0].redirects.map((r) => [r.fd, r.op, r.target?.value]), [
      ['', '>', 'out.txt'], ['2', '>&', '1'], ['', '>>', '$GITHUB_ENV'], ['', '&>', 'all.log'], ['2', '>', 'err.log'], ['', '<', 'in.txt'],
    ]);
  });

  it('reads heredoc bodies after the line, quoted delimiters keep $X literal', () => {
    const src = 'cat <<EOF > a\nx=$A\nEOF\ncat <<-\'END\' > b\n\ty=$B ${{ secrets.C }}\n\tEND\necho after';
    const pipelines = parseShell(src);
    assert.deepEqual(pipelines.map((p) => p.commands[0].words.map((w) => w.value)), [['cat'], ['cat'], ['echo', 'after']]);
    const [h1] = pipelines[0].commands[0].redirects.filter((r) => r.heredoc).map((r) => r.heredoc!);
    const [h2] = pipelines[1].commands[0].redirects.filter((r) => r.heredoc).map((r) => r.heredoc!);
    assert.equal(src.slice(h1.start, h1.end), 'x=$A\n');
    assert.deepEqual(h1.expansions.map((e) => e.name), ['A']);
    assert.equal(h2.quoted, true);
    assert.deepEqual(h2.expansions.map((e) => e.name), ['secrets.C']);
  });

  it('treats <<< as a here-string, not a heredoc', () => {
    const [p] = parseShell('tee -a f <<< "$T"\necho next');
    assert.equal(p.commands[0].redirects[0].op, '<<<');
    assert.equal(p.commands[0].redirects[0].heredoc, undefined);
    assert.equal(parseShell('tee -a f <<< "$T"\necho next').length, 2);
  });

  it('skips comments, never throws on unbalanced input', () => {
    assert.deepEqual(words('echo a # b > c\n# whole line'), [[['echo', 'a']]]);
    for (const src of ['echo "unterminated', "echo 'x", 'echo $(a', 'echo ${{ x', 'cat <<EOF', 'a >', '\\', '${', '$((1+']) {
      assert.doesNotThrow(() => parseShell(src), src);
    }
  });
});
