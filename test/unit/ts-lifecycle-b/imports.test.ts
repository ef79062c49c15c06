import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisContext } from '../../../server/src/core/analyzers/context.js';
import { ensureNamedImport, moduleBindings, usesCommonJs } from '../../../server/src/core/analyzers/typescript/imports.js';
import { classify } from '../../../server/src/core/classify.js';
import { parseTypeScript } from '../../../server/src/core/analyzers/typescript/parse.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { assertParses } from './support.js';

const MOD = '@aws-sdk/credential-providers';

function add(path: string, text: string, name = 'fromInstanceMetadata'): { ref: string; out: string } {
  const kind = classify(path);
  const ctx = new AnalysisContext({ path, text }, kind, undefined);
  const sf = parseTypeScript(path, text, (kind as { scriptKind: 'ts' | 'js' }).scriptKind);
  const r = ensureNamedImport(ctx, sf, MOD, name);
  const out = r.edit ? applyEdits(text, [r.edit]) : text;
  assertParses(path, out);
  return { ref: r.ref, out };
}

describe('ensureNamedImport', () => {
  it('adds an ES import after the last import, in the file\'s quotes and semicolon style', () => {
    assert.deepEqual(add('/ws/a.ts', 'import a from "a"\nimport { b } from "b"\n\nrun(a, b)\n'), {
      ref: 'fromInstanceMetadata',
      out: 'import a from "a"\nimport { b } from "b"\nimport { fromInstanceMetadata } from "@aws-sdk/credential-providers"\n\nrun(a, b)\n',
    });
  });

  it('adds a require after the last require in CommonJS', () => {
    assert.equal(add('/ws/a.cjs', "const a = require('a');\nconst { b } = require('b');\nrun(a, b);\n").out,
      "const a = require('a');\nconst { b } = require('b');\nconst { fromInstanceMetadata } = require('@aws-sdk/credential-providers');\nrun(a, b);\n");
  });

  it('keeps CRLF line endings', () => {
    assert.equal(add('/ws/a.ts', "import a from 'a';\r\nrun(a);\r\n").out,
      "import a from 'a';\r\nimport { fromInstanceMetadata } from '@aws-sdk/credential-providers';\r\nrun(a);\r\n");
  });

  it('extends `import { x } from` the module, single-line and one-per-line with a trailing comma', () => {
    assert.equal(add('/ws/a.ts', `import { fromIni } from '${MOD}';\n`).out, `import { fromIni, fromInstanceMetadata } from '${MOD}';\n`);
    assert.equal(add('/ws/a.ts', `import {\n  fromEnv,\n  fromIni,\n} from '${MOD}';\n`).out,
      `import {\n  fromEnv,\n  fromIni,\n  fromInstanceMetadata,\n} from '${MOD}';\n`);
    assert.equal(add('/ws/a.ts', `import def from '${MOD}';\n`).out, `import def, { fromInstanceMetadata } from '${MOD}';\n`);
  });

  it('extends `const { x } = require()` of the module', () => {
    assert.equal(add('/ws/a.js', `const { fromEnv } = require('${MOD}');\n`).out, `const { fromEnv, fromInstanceMetadata } = require('${MOD}');\n`);
  });

  it('reuses existing bindings: the name, an alias, a namespace, a module object', () => {
    assert.deepEqual(add('/ws/a.ts', `import { fromInstanceMetadata } from '${MOD}';\n`).ref, 'fromInstanceMetadata');
    assert.deepEqual(add('/ws/a.ts', `import { fromInstanceMetadata as imds } from '${MOD}';\n`), { ref: 'imds', out: `import { fromInstanceMetadata as imds } from '${MOD}';\n` });
    assert.equal(add('/ws/a.ts', `import * as providers from '${MOD}';\n`).ref, 'providers.fromInstanceMetadata');
    assert.equal(add('/ws/a.cjs', `const p = require('${MOD}');\n`).ref, 'p.fromInstanceMetadata');
    assert.equal(add('/ws/a.cjs', `const { fromInstanceMetadata: fim } = require('${MOD}');\n`).ref, 'fim');
  });

  it('does not treat a type-only import as a value binding', () => {
    assert.equal(add('/ws/a.ts', `import type { fromIni } from '${MOD}';\n`).out,
      `import type { fromIni } from '${MOD}';\nimport { fromInstanceMetadata } from '${MOD}';\n`);
  });

  it('goes after a shebang, a header comment and directives when the file imports nothing', () => {
    assert.equal(add('/ws/a.js', "#!/usr/bin/env node\n// tool\n'use strict';\nrun();\n").out,
      "#!/usr/bin/env node\n// tool\n'use strict';\nconst { fromInstanceMetadata } = require('@aws-sdk/credential-providers');\n\nrun();\n");
    assert.equal(add('/ws/a.ts', '// header\nexport const x = 1;\n').out,
      "// header\nimport { fromInstanceMetadata } from '@aws-sdk/credential-providers';\n\nexport const x = 1;\n");
    assert.equal(add('/ws/a.mjs', '').out, "import { fromInstanceMetadata } from '@aws-sdk/credential-providers';\n");
  });
});

describe('moduleBindings / usesCommonJs', () => {
  const sfOf = (path: string, text: string) => parseTypeScript(path, text, path.endsWith('ts') ? 'ts' : 'js');

  it('maps local names to modules for every import and require form', () => {
    const sf = sfOf('/ws/a.ts', [
      "import d from 'm1';", "import * as ns from 'm2';", "import { a as b, c } from 'm3';", "import eq = require('m4');",
      "const r = require('m5');", "const { x: y, z } = require('m6');", "const p = require('m7').prop;", "const dyn = await import('m8');",
    ].join('\n'));
    assert.deepEqual(Object.fromEntries(moduleBindings(sf)), {
      d: { module: 'm1', imported: 'default' }, ns: { module: 'm2', imported: '*' }, b: { module: 'm3', imported: 'a' },
      c: { module: 'm3', imported: 'c' }, eq: { module: 'm4', imported: 'module' }, r: { module: 'm5', imported: 'module' },
      y: { module: 'm6', imported: 'x' }, z: { module: 'm6', imported: 'z' }, p: { module: 'm7', imported: 'prop' },
      dyn: { module: 'm8', imported: 'module' },
    });
  });

  it('tells CommonJS from ES modules', () => {
    assert.equal(usesCommonJs(sfOf('/ws/a.js', "const a = require('a');")), true);
    assert.equal(usesCommonJs(sfOf('/ws/a.js', 'module.exports = {};')), true);
    assert.equal(usesCommonJs(sfOf('/ws/a.js', "'use strict';\nrun();")), true);
    assert.equal(usesCommonJs(sfOf('/ws/a.cjs', 'run();')), true);
    assert.equal(usesCommonJs(sfOf('/ws/a.js', "import a from 'a';")), false);
    assert.equal(usesCommonJs(sfOf('/ws/a.js', 'export const a = 1;')), false);
    assert.equal(usesCommonJs(sfOf('/ws/a.mjs', "'use strict';")), false);
    assert.equal(usesCommonJs(sfOf('/ws/a.ts', 'run();')), false);
  });
});
