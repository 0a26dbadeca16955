#!/usr/bin/env bash
# scripts/toolchain.sh — provide the real Terraform toolchain offline (idempotent).
#
# What it does (everything lives in one cache directory):
#   1. Terraform CLI: `terraform` from PATH if present; otherwise OpenTofu built from
#      its Go module into $CACHE/bin/tofu (also with --tofu, to force/test the fallback).
#   2. Providers built from their Go modules (Go module proxy only) into an unpacked
#      provider filesystem mirror:
#        $CACHE/mirror/registry.terraform.io/<ns>/<type>/<version>/linux_amd64/terraform-provider-<type>_v<version>
#      and the same binaries (hard links) under $CACHE/mirror/registry.opentofu.org/...,
#      where `tofu` looks for unqualified sources like "kreuzwerker/docker".
#      A provider whose binary is already in the mirror is not rebuilt. A provider whose
#      Go module cannot be downloaded is skipped with a warning (the script still succeeds).
#   3. $CACHE/terraformrc: CLI config that installs these providers only from the mirror.
#   4. For every provider in the mirror: $CACHE/schemas/<type>-<version>.json
#      (`terraform providers schema -json`, provider key registry.terraform.io/<ns>/<type>).
#   5. Prints shell `export` lines on stdout (progress goes to stderr).
#
# Usage:
#   eval "$(scripts/toolchain.sh)"          # build/check everything, then export the env
#   scripts/toolchain.sh --env              # same as no flag (prints the export lines)
#   scripts/toolchain.sh --tofu             # use OpenTofu even if terraform is on PATH
#   scripts/toolchain.sh --only-tofu        # just build OpenTofu into $CACHE/bin, print nothing
#   scripts/toolchain.sh --help
#
# Exported variables (stdout):
#   TOOLCHAIN_CACHE           the cache directory
#   TF_CLI_CONFIG_FILE        $CACHE/terraformrc (mirror-only provider installation)
#   TERRAFORM_BINARY_NAME     "terraform" or "tofu" (honoured by cdktf and scripts/validate.ts)
#   PATH                      $CACHE/bin prepended (holds tofu when built)
#   CHECKPOINT_DISABLE=1      no version-check calls home
#   TF_CLI_ARGS_providers_lock  -fs-mirror=<the mirror>: `terraform providers lock` (which cdktf
#                             runs before a stack's first init) reads the mirror, not the registry
#   DOCKER_PROVIDER_VERSION   version of kreuzwerker/docker in the mirror (if built)
#   DOCKER_PROVIDER_SCHEMA    its schema JSON (if produced)
#   ALICLOUD_PROVIDER_VERSION version of aliyun/alicloud in the mirror (if built)
#   ALICLOUD_PROVIDER_SCHEMA  its schema JSON (only if the alicloud provider was built)
#
# Input environment (all optional):
#   TOOLCHAIN_CACHE        cache dir (default $HOME/.cache/cdktf-service-platform)
#   TOOLCHAIN_TOFU_VERSION OpenTofu module version (default below)
#   DOCKER_MODULE_VERSION / DOCKER_PROVIDER_VERSION       Go module version / provider version
#   ALICLOUD_MODULE_VERSION / ALICLOUD_PROVIDER_VERSION   idem
#   TOOLCHAIN_SKIP_ALICLOUD=1  do not try the (huge) alicloud build
#
# Why the docker provider is not 3.6.2: its repository's go.mod declares
# `module github.com/terraform-providers/terraform-provider-docker` and has no /v3 suffix,
# so Go can never resolve the tag v3.6.2; only commit pseudo-versions are fetchable, and
# the module proxy reachable here serves only v0.0.0-20260916201441-96d331c98ff4 (= 4.6.0).
# Set DOCKER_MODULE_VERSION to the pseudo-version of the v3.6.2 commit (and
# DOCKER_PROVIDER_VERSION=3.6.2) where the proxy has it.
set -euo pipefail

log() { printf '[toolchain] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

MODE="env"
FORCE_TOFU=0
for arg in "$@"; do
  case "$arg" in
    --env) MODE="env" ;;
    --tofu) FORCE_TOFU=1 ;;
    --only-tofu) MODE=only-tofu; FORCE_TOFU=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

CACHE="${TOOLCHAIN_CACHE:-$HOME/.cache/cdktf-service-platform}"
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
BIN="$CACHE/bin"
MIRROR="$CACHE/mirror"
SCHEMAS="$CACHE/schemas"
SRC="$CACHE/src"
LOGS="$CACHE/logs"
CLI_CONFIG="$CACHE/terraformrc"
PLATFORM=linux_amd64
mkdir -p "$BIN" "$MIRROR/registry.terraform.io" "$SCHEMAS" "$SRC" "$LOGS"
# OpenTofu's mirror scan does not follow directory symlinks: drop the one older
# versions of this script made (the providers get hard links instead, see below).
[ -L "$MIRROR/registry.opentofu.org" ] && rm "$MIRROR/registry.opentofu.org"

TOFU_MODULE=github.com/opentofu/opentofu
TOFU_VERSION="${TOOLCHAIN_TOFU_VERSION:-v1.10.10}"

DOCKER_MODULE=github.com/kreuzwerker/terraform-provider-docker
DOCKER_MODULE_VERSION="${DOCKER_MODULE_VERSION:-v0.0.0-20260916201441-96d331c98ff4}"
DOCKER_PROVIDER_VERSION="${DOCKER_PROVIDER_VERSION:-4.6.0}"

ALICLOUD_MODULE=github.com/aliyun/terraform-provider-alicloud
ALICLOUD_MODULE_VERSION="${ALICLOUD_MODULE_VERSION:-v1.247.0}"
ALICLOUD_PROVIDER_VERSION="${ALICLOUD_PROVIDER_VERSION:-1.247.0}"

export CHECKPOINT_DISABLE=1
# Builds: no VCS stamping (sources come from module zips), never edit go.mod/go.sum.
export GOFLAGS="-buildvcs=false -mod=readonly"

command -v go >/dev/null 2>&1 || die "go is required to build providers/OpenTofu"

# fetch_module MODULE VERSION -> prints a writable source dir ($SRC/<name>@<version>).
# `go install module@version` refuses modules whose go.mod has replace directives
# (OpenTofu) or declares another path (docker), so: download, copy, build in the copy.
fetch_module() {
  local mod="$1" ver="$2" dest json dir
  dest="$SRC/$(basename "$mod")@$ver"
  if [ -f "$dest/.complete" ]; then echo "$dest"; return 0; fi
  log "downloading Go module $mod@$ver"
  local tmp; tmp="$(mktemp -d)"
  # Run outside any module so the download is independent of this repo.
  if ! json="$(cd "$tmp" && GOFLAGS="" go mod download -json "$mod@$ver" 2>&1)"; then
    rm -rf "$tmp"
    log "cannot download $mod@$ver: $(printf '%s' "$json" | grep -o '"Error": *"[^"]*' | head -1 | sed 's/"Error": *"//')"
    return 1
  fi
  rm -rf "$tmp"
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')"
  [ -n "$dir" ] && [ -d "$dir" ] || { log "no source dir for $mod@$ver"; return 1; }
  rm -rf "$dest"
  cp -r "$dir" "$dest"
  chmod -R u+w "$dest"
  touch "$dest/.complete"
  echo "$dest"
}

# go_build SRC_DIR PKG OUT LDFLAGS LOGNAME -> builds with -trimpath, records time/memory.
go_build() {
  local src="$1" pkg="$2" out="$3" ldflags="$4" name="$5" t0 t1
  local logf="$LOGS/build-$name.log"
  t0=$(date +%s)
  log "building $name (log: $logf)"
  local timecmd=()
  [ -x /usr/bin/time ] && timecmd=(/usr/bin/time -v)
  if ! (cd "$src" && "${timecmd[@]}" go build -trimpath -ldflags="$ldflags" -o "$out.tmp" "$pkg") >"$logf" 2>&1; then
    tail -20 "$logf" >&2
    rm -f "$out.tmp"
    return 1
  fi
  mv "$out.tmp" "$out"
  t1=$(date +%s)
  local rss; rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$logf")"
  log "built $name in $((t1 - t0))s${rss:+, peak RSS $((rss / 1024)) MiB}, $(du -h "$out" | cut -f1)"
}

# ---------------------------------------------------------------- 1. CLI binary
build_tofu() {
  local out="$BIN/tofu"
  if [ -x "$out" ]; then log "OpenTofu present: $out"; return 0; fi
  local src
  src="$(fetch_module "$TOFU_MODULE" "$TOFU_VERSION")" || die "OpenTofu source unavailable"
  go_build "$src" ./cmd/tofu "$out" "-s -w -X $TOFU_MODULE/version.dev=no" "tofu-$TOFU_VERSION" || die "OpenTofu build failed"
}

if [ "$MODE" = only-tofu ]; then build_tofu; exit 0; fi

if [ "$FORCE_TOFU" = 0 ] && command -v terraform >/dev/null 2>&1; then
  TF_NAME=terraform
  TF="$(command -v terraform)"
else
  build_tofu
  TF_NAME=tofu
  TF="$BIN/tofu"
fi
log "using $TF_NAME: $TF ($("$TF" version 2>/dev/null | head -1))"

# ---------------------------------------------------------------- 3. CLI config
# Written first so step 4 can use it. Both registry hostnames are mirror-only.
cat >"$CLI_CONFIG".tmp <<EOF
# Generated by scripts/toolchain.sh: providers come only from the local mirror.
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/*/*", "registry.opentofu.org/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*", "registry.opentofu.org/*/*"]
  }
}
disable_checkpoint = true
EOF
mv "$CLI_CONFIG".tmp "$CLI_CONFIG"

# ---------------------------------------------------------------- 2. providers
# provider_path NS TYPE VERSION -> path of the binary in the unpacked mirror layout
provider_path() {
  echo "$MIRROR/registry.terraform.io/$1/$2/$3/$PLATFORM/terraform-provider-$2_v$3"
}

# build_provider NS TYPE VERSION MODULE MODULE_VERSION LDFLAGS_EXTRA
build_provider() {
  local ns="$1" type="$2" ver="$3" mod="$4" modver="$5" extra="$6" out src
  out="$(provider_path "$ns" "$type" "$ver")"
  if [ -x "$out" ]; then
    log "provider $ns/$type $ver present"
  else
    src="$(fetch_module "$mod" "$modver")" || return 1
    mkdir -p "$(dirname "$out")"
    go_build "$src" . "$out" "-s -w $extra" "$type-$ver" || return 1
  fi
  local tofu_out="${out/\/registry.terraform.io\///registry.opentofu.org/}"
  if [ ! "$tofu_out" -ef "$out" ]; then
    mkdir -p "$(dirname "$tofu_out")"
    ln -f "$out" "$tofu_out" 2>/dev/null || cp -f "$out" "$tofu_out"
  fi
}

DOCKER_OK=0 ALICLOUD_OK=0
if build_provider kreuzwerker docker "$DOCKER_PROVIDER_VERSION" "$DOCKER_MODULE" \
  "$DOCKER_MODULE_VERSION" "-X main.version=$DOCKER_PROVIDER_VERSION"; then
  DOCKER_OK=1
else
  log "WARNING: kreuzwerker/docker $DOCKER_PROVIDER_VERSION not available"
fi
if [ "${TOOLCHAIN_SKIP_ALICLOUD:-0}" = 1 ]; then
  log "alicloud skipped (TOOLCHAIN_SKIP_ALICLOUD=1)"
  [ -x "$(provider_path aliyun alicloud "$ALICLOUD_PROVIDER_VERSION")" ] && ALICLOUD_OK=1
elif build_provider aliyun alicloud "$ALICLOUD_PROVIDER_VERSION" "$ALICLOUD_MODULE" \
  "$ALICLOUD_MODULE_VERSION" ""; then
  ALICLOUD_OK=1
else
  log "WARNING: aliyun/alicloud $ALICLOUD_PROVIDER_VERSION not available; no alicloud provider or schema"
fi

# ---------------------------------------------------------------- 4. schemas
# schema NS TYPE VERSION -> $SCHEMAS/<type>-<version>.json (rebuilt if older than the binary)
schema() {
  local ns="$1" type="$2" ver="$3" bin out tmp
  bin="$(provider_path "$ns" "$type" "$ver")"
  out="$SCHEMAS/$type-$ver.json"
  if [ -s "$out" ] && [ "$out" -nt "$bin" ]; then log "schema present: $out"; return 0; fi
  tmp="$(mktemp -d)"
  # Fully qualified source so tofu also keys the schema as registry.terraform.io/...
  cat >"$tmp/main.tf" <<EOF
terraform {
  required_providers {
    $type = { source = "registry.terraform.io/$ns/$type", version = "$ver" }
  }
}
EOF
  log "producing schema $out"
  if ! (cd "$tmp" && TF_CLI_CONFIG_FILE="$CLI_CONFIG" "$TF" init -input=false -no-color >"$LOGS/schema-$type-init.log" 2>&1 \
        && TF_CLI_CONFIG_FILE="$CLI_CONFIG" "$TF" providers schema -json >"$out.tmp" 2>"$LOGS/schema-$type.err"); then
    cat "$LOGS/schema-$type-init.log" "$LOGS/schema-$type.err" >&2 || true
    rm -rf "$tmp" "$out.tmp"
    die "schema for $ns/$type $ver failed"
  fi
  mv "$out.tmp" "$out"
  rm -rf "$tmp"
  log "schema $out ($(du -h "$out" | cut -f1))"
}
[ "$DOCKER_OK" = 1 ] && schema kreuzwerker docker "$DOCKER_PROVIDER_VERSION"
[ "$ALICLOUD_OK" = 1 ] && schema aliyun alicloud "$ALICLOUD_PROVIDER_VERSION"

# ---------------------------------------------------------------- 5. environment
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
echo "export TOOLCHAIN_CACHE=$(q "$CACHE")"
echo "export TF_CLI_CONFIG_FILE=$(q "$CLI_CONFIG")"
echo "export TERRAFORM_BINARY_NAME=$(q "$TF_NAME")"
echo "case \":\$PATH:\" in *:$(q "$BIN"):*) ;; *) export PATH=$(q "$BIN"):\"\$PATH\" ;; esac"
echo "export CHECKPOINT_DISABLE=1"
# Before a stack's first init, `cdktf deploy/diff/destroy` run `terraform providers lock`, which
# ignores the CLI configuration's mirror and asks the origin registry unless given one.
echo "export TF_CLI_ARGS_providers_lock=$(q "-fs-mirror=$MIRROR")"
if [ "$DOCKER_OK" = 1 ]; then
  echo "export DOCKER_PROVIDER_VERSION=$(q "$DOCKER_PROVIDER_VERSION")"
  echo "export DOCKER_PROVIDER_SCHEMA=$(q "$SCHEMAS/docker-$DOCKER_PROVIDER_VERSION.json")"
fi
if [ "$ALICLOUD_OK" = 1 ]; then
  echo "export ALICLOUD_PROVIDER_VERSION=$(q "$ALICLOUD_PROVIDER_VERSION")"
  echo "export ALICLOUD_PROVIDER_SCHEMA=$(q "$SCHEMAS/alicloud-$ALICLOUD_PROVIDER_VERSION.json")"
else
  echo "# aliyun/alicloud $ALICLOUD_PROVIDER_VERSION not built: ALICLOUD_PROVIDER_SCHEMA left unset"
fi
log "done"
