#!/usr/bin/env bash
# The scan step of action.yml. Reads its inputs from SECRETZERO_* variables, prints the findings to
# the job log, writes SARIF when asked, and sets the step outputs `sarif` and `findings`.
set -euo pipefail
cli="$SECRETZERO_HOME/bin/secretzero.js"
# Paths are separated by spaces or new lines (a YAML block scalar gives one a line).
read -r -a paths <<<"$(printf '%s' "${SECRETZERO_PATHS:-}" | tr '\n' ' ')"
[ "${#paths[@]}" -gt 0 ] || paths=(.)
fail_on=${SECRETZERO_FAIL_ON:-high}
json=$(mktemp)
trap 'rm -f "$json"' EXIT
args=(scan "${paths[@]}" --format json --output "$json")
if [ "$fail_on" = never ]; then args+=(--fail-on low); else args+=(--fail-on "$fail_on"); fi
if [ -n "${SECRETZERO_BASELINE:-}" ]; then args+=(--baseline "$SECRETZERO_BASELINE"); fi
if [ -n "${SECRETZERO_SARIF:-}" ]; then args+=(--sarif "$SECRETZERO_SARIF"); fi

status=0
node "$cli" "${args[@]}" || status=$?
findings=0
if [ -s "$json" ]; then
  # One line a finding in the job log, as the text format prints them; the count for the output.
  findings=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const f of r.findings) console.error(`${f.path}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
    console.log(r.findings.length);' "$json")
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "sarif=${SECRETZERO_SARIF:-}"; echo "findings=$findings"; } >>"$GITHUB_OUTPUT"
fi
if [ "$status" = 1 ] && [ "$fail_on" = never ]; then status=0; fi
exit "$status"
