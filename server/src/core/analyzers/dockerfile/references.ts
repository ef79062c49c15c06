/**
 * Variable references in Dockerfile text: `$NAME`, `${NAME}` and every `${NAME<op>…}` form
 * (`:-`, `-`, `:+`, `:?`, `#`, `%`, `/`, `^`, `,`) that both Docker and the shell understand.
 * RUN lines are shell text Docker does not expand itself, but the ARG/ENV value is in the
 * command's environment, so a textual reference is what "uses" it.
 */

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new Map<string, RegExp>();

function referencePattern(name: string): RegExp {
  let re = cache.get(name);
  if (!re) {
    const n = escapeRe(name);
    re = new RegExp(`\\$(?:\\{${n}(?=[}:#%/^,@+=?-])|${n}(?![A-Za-z0-9_]))`);
    cache.set(name, re);
  }
  return re;
}

export function referencesVariable(text: string, name: string): boolean {
  return text.includes(name) && referencePattern(name).test(text);
}

/** True when the value is nothing but a reference to `name` (`$NAME`, `${NAME}`, `${NAME:-x}`). */
export function isReferenceTo(value: string, name: string): boolean {
  const v = value.trim();
  const n = escapeRe(name);
  return new RegExp(`^(?:\\$${n}|\\$\\{${n}(?::?[-+?=][^}]*)?\\})$`).test(v);
}
