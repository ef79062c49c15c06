/**
 * What a file is for, decided by its path and (when given) the start of its text. Tests, fixtures,
 * mocks, examples, documentation, API specs and generated files hold values that look like secrets
 * far more often than they hold secrets: issue keys, sample tokens, schema examples, ids. The
 * confidence model reports only verified known formats there, at low severity, and says the role.
 */
export type FileRole = 'source' | 'test' | 'fixture' | 'example' | 'docs' | 'api-spec' | 'generated';

const TEST_DIR = /(^|\/)(tests?|__tests__|specs?|e2e|integration[-_]tests?|unit[-_]tests?|testing|cypress|playwright)\//i;
const TEST_FILE = /(^|\/)([^/]+[._-](test|spec|tests|e2e)\.[a-z0-9]+|test_[^/]+\.py|[^/]+_test\.(py|go)|conftest\.py)$/i;
const FIXTURE = /(^|\/)(fixtures?|__fixtures__|testdata|test[-_]data|mocks?|__mocks__|stubs?|snapshots?|__snapshots__|cassettes)\/|[._-](mock|fixture|stub)s?\.[a-z0-9]+$/i;
const EXAMPLE = /(^|\/)(examples?|samples?|demos?|tutorials?|playground|quickstart)\/|\.(example|sample|template|tmpl|dist)$|(^|\/)[^/]*[._-](example|sample)\.[a-z0-9]+$/i;
const DOCS = /(^|\/)(docs?|documentation|site|website|guides?|wiki)\/|\.(md|mdx|markdown|rst|adoc|txt|html?|ipynb)$/i;
const SPEC_NAME = /(^|\/)(openapi|swagger|api[-_]?spec|asyncapi)[^/]*\.(json|ya?ml)$|\.schema\.json$|(^|\/)schemas?\/[^/]+\.json$/i;
const GENERATED_NAME = /(^|\/)(generated|__generated__|gen|autogen)\/|[._](generated|gen|pb|pb2|pb2_grpc)\.[a-z0-9]+$|(^|\/)zz_generated[^/]*$|\.snap$|(^|\/)[^/]*\.baseline$/i;
const GENERATED_TEXT = /\b(Code generated .{0,80}DO NOT EDIT|@generated\b|auto[- ]?generated (by|from|file)|This (file|class) (is|was) (auto[- ]?)?generated|Do not edit the class manually)/i;
const SPEC_TEXT = /^\s*[{]?\s*["']?(openapi|swagger|asyncapi)["']?\s*:/m;

/** The role of a file: by path, then by the first 2 kB of its text (generated headers, spec roots). */
export function fileRoleOf(filePath: string, text?: string): FileRole {
  const p = filePath.replace(/\\/g, '/');
  const head = text === undefined ? '' : text.slice(0, 2048);
  if (GENERATED_NAME.test(p) || (head && GENERATED_TEXT.test(head))) return 'generated';
  if (SPEC_NAME.test(p) || (head && /\.(json|ya?ml)$/i.test(p) && SPEC_TEXT.test(head))) return 'api-spec';
  if (FIXTURE.test(p)) return 'fixture';
  if (TEST_DIR.test(p) || TEST_FILE.test(p)) return 'test';
  if (EXAMPLE.test(p)) return 'example';
  if (DOCS.test(p)) return 'docs';
  return 'source';
}

/** Words a message uses for a role ("in a test file"). */
export const ROLE_PHRASE: Record<Exclude<FileRole, 'source'>, string> = {
  test: 'a test file',
  fixture: 'a test fixture',
  example: 'an example or template',
  docs: 'documentation',
  'api-spec': 'an API specification',
  generated: 'a generated file',
};
