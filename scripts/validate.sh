#!/usr/bin/env bash
# scripts/validate.sh — `terraform init` + `terraform validate` for synthesized stacks,
# with the real provider binaries from the offline mirror made by scripts/toolchain.sh.
#
# Usage:
#   scripts/validate.sh [--override-provider NS/TYPE=VERSION]... [STACK_DIR]...
#     STACK_DIR   a directory holding the stack's *.tf.json / *.tf
#                 (default: every directory in cdktf.out/stacks/*)
#     --override-provider kreuzwerker/docker=4.6.0
#                 pin that provider to VERSION via an override file, replacing the
#                 stack's own constraint (use when the mirror has another version than
#                 the bindings target; also VALIDATE_PROVIDER_OVERRIDES="a/b=1.0 c/d=2.0").
#                 Today: --override-provider kreuzwerker/docker="$DOCKER_PROVIDER_VERSION"
#                 (the bindings pin "~> 3.0" but only 4.6.0 can be built here).
#
#     --allow-blocked
#                 a stack needing a provider the mirror does not hold is reported as
#                 BLOCKED (with the provider's name) instead of FAIL; the exit code then
#                 reflects only real failures. Without it such a stack fails.
#
# Environment: TF_CLI_CONFIG_FILE and TERRAFORM_BINARY_NAME as exported by
# `eval "$(scripts/toolchain.sh)"`; when TF_CLI_CONFIG_FILE is unset this script runs
# scripts/toolchain.sh itself (which may build providers the first time).
#
# Each stack is copied to a temporary directory (without .terraform/ and
# .terraform.lock.hcl: locally built providers never match registry checksums), then
#   terraform init -backend=false -input=false   and   terraform validate -json
# run there. Prints one PASS/FAIL line with timings per stack (stdout), diagnostics of
# failures, and exits 1 if any stack fails (2 on usage errors).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a OVERRIDES <<<"${VALIDATE_PROVIDER_OVERRIDES:-}"
STACKS=()
ALLOW_BLOCKED=0
while [ $# -gt 0 ]; do
  case "$1" in
    --override-provider) [ $# -ge 2 ] || { echo "missing value for $1" >&2; exit 2; }; OVERRIDES+=("$2"); shift 2 ;;
    --override-provider=*) OVERRIDES+=("${1#*=}"); shift ;;
    --allow-blocked) ALLOW_BLOCKED=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) STACKS+=("$1"); shift ;;
  esac
done
if [ ${#STACKS[@]} -eq 0 ]; then
  for d in "$ROOT"/cdktf.out/stacks/*/; do [ -d "$d" ] && STACKS+=("${d%/}"); done
  [ ${#STACKS[@]} -gt 0 ] || { echo "no stacks in $ROOT/cdktf.out/stacks (run cdktf synth first)" >&2; exit 2; }
fi

if [ -z "${TF_CLI_CONFIG_FILE:-}" ]; then
  eval "$("$ROOT/scripts/toolchain.sh")"
fi
TF="${TERRAFORM_BINARY_NAME:-terraform}"
command -v "$TF" >/dev/null 2>&1 || { echo "terraform binary '$TF' not found" >&2; exit 2; }
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fs", b - a }'; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# override_file DIR: writes DIR/zz_validate_override.tf.json for the requested overrides
# that match a provider the stack requires (by source, in its *.tf.json files).
override_file() {
  [ ${#OVERRIDES[@]} -gt 0 ] || return 0
  node - "$1" "${OVERRIDES[@]}" <<'EOF'
const fs = require('fs'), path = require('path');
const [dir, ...specs] = process.argv.slice(2);
const norm = (s) => s.toLowerCase().replace(/^registry\.(terraform\.io|opentofu\.org)\//, '');
const want = new Map(specs.map((s) => { const i = s.lastIndexOf('='); return [norm(s.slice(0, i)), s.slice(i + 1)]; }));
const out = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.tf.json'))) {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  for (const tb of [].concat(doc.terraform || [])) {
    for (const rp of [].concat(tb.required_providers || [])) {
      for (const [name, req] of Object.entries(rp)) {
        const src = typeof req === 'object' && req.source ? norm(req.source) : `hashicorp/${name}`;
        if (want.has(src)) out[name] = { source: req.source || src, version: want.get(src) };
      }
    }
  }
}
if (Object.keys(out).length) {
  fs.writeFileSync(path.join(dir, 'zz_validate_override.tf.json'),
    JSON.stringify({ terraform: { required_providers: out } }, null, 2));
}
EOF
}

# missing_providers DIR: the provider sources the stack requires that the mirror lacks.
missing_providers() {
  node - "$1" "${TOOLCHAIN_CACHE:-$HOME/.cache/cdktf-service-platform}/mirror/registry.terraform.io" <<'EOF'
const fs = require('fs'), path = require('path');
const [dir, mirror] = process.argv.slice(2);
const missing = new Set();
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.tf.json'))) {
  const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  for (const tb of [].concat(doc.terraform || [])) {
    for (const rp of [].concat(tb.required_providers || [])) {
      for (const [name, req] of Object.entries(rp)) {
        const src = (typeof req === 'object' && req.source ? req.source : `hashicorp/${name}`).toLowerCase();
        if (!fs.existsSync(path.join(mirror, src))) missing.add(src);
      }
    }
  }
}
console.log([...missing].sort().join(' '));
EOF
}

# diagnostics FILE: human summary of `validate -json` output
diagnostics() {
  node - "$1" <<'EOF'
const r = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
for (const d of r.diagnostics || []) {
  const at = d.range ? ` (${d.range.filename}:${d.range.start.line})` : '';
  console.log(`    ${d.severity}: ${d.summary}${at}${d.detail ? ' — ' + d.detail.split('\n')[0] : ''}`);
}
process.exit(r.valid ? 0 : 1);
EOF
}

FAILED=0
BLOCKED=0
TOTAL0="$(now)"
for stack in "${STACKS[@]}"; do
  name="$(basename "$stack")"
  [ -d "$stack" ] || { echo "FAIL $name: not a directory ($stack)"; FAILED=$((FAILED + 1)); continue; }
  w="$WORK/$name"
  mkdir -p "$w"
  tar -C "$stack" --exclude=./.terraform --exclude=./.terraform.lock.hcl -cf - . | tar -C "$w" -xf -
  override_file "$w"
  missing="$(missing_providers "$w")"
  if [ -n "$missing" ] && [ "$ALLOW_BLOCKED" -eq 1 ]; then
    echo "BLOCKED $name: provider(s) $missing not in the mirror (scripts/toolchain.sh could not build them here)"
    BLOCKED=$((BLOCKED + 1)); continue
  fi
  t0="$(now)"
  if ! (cd "$w" && "$TF" init -backend=false -input=false -no-color >"$w.init.log" 2>&1); then
    echo "FAIL $name: init failed after $(secs "$t0" "$(now)")"
    sed 's/^/    /' "$w.init.log" | grep -v '^ *$' | tail -15
    FAILED=$((FAILED + 1)); continue
  fi
  t1="$(now)"
  (cd "$w" && "$TF" validate -json -no-color >"$w.validate.json" 2>"$w.validate.err") || true
  t2="$(now)"
  if [ -s "$w.validate.json" ] && summary="$(diagnostics "$w.validate.json")"; then
    echo "PASS $name (init $(secs "$t0" "$t1"), validate $(secs "$t1" "$t2"))"
    [ -z "$summary" ] || echo "$summary"
  else
    echo "FAIL $name (init $(secs "$t0" "$t1"), validate $(secs "$t1" "$t2"))"
    [ -z "${summary:-}" ] || echo "$summary"
    [ -s "$w.validate.err" ] && sed 's/^/    /' "$w.validate.err" | tail -15
    FAILED=$((FAILED + 1))
  fi
  summary=""
done
echo "validated ${#STACKS[@]} stack(s) in $(secs "$TOTAL0" "$(now)"): $(( ${#STACKS[@]} - FAILED - BLOCKED )) passed, $FAILED failed, $BLOCKED blocked"
[ "$FAILED" -eq 0 ]
