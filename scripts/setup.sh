#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine and synthesizes
# every environment into cdktf.out/:
#   1. Debian packages the tests use (nginx checks the generated load balancer config; curl runs
#      the lines `npm run up` prints);
#   2. the offline Terraform toolchain (scripts/toolchain.sh: Terraform or OpenTofu, and
#      providers built from their Go modules into a local mirror); its exports are saved
#      in .toolchain.env for later shells (`set -a; . ./.toolchain.env; set +a`);
#   3. npm dependencies, then `npm run gen`, which generates the alicloud bindings into .gen/
#      from the provider schema committed in schemas/ (ALICLOUD_PROVIDER_SCHEMA, a
#      `terraform providers schema -json` file, overrides it). Not an install script: the
#      published package would carry it to every consumer, who gets the bindings built;
#   4. `cdktf synth` of test, prerelease and production.
# Needs nothing beside the clone and no Terraform Registry: Debian's packages, npm and the Go
# module proxy. Idempotent: a second run reuses the package installs, the toolchain cache and
# the bindings.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
# A relative override names a file from where the caller stands, not from the repository.
if [ -n "${ALICLOUD_PROVIDER_SCHEMA:-}" ]; then
  ALICLOUD_PROVIDER_SCHEMA="$(cd "$(dirname "$ALICLOUD_PROVIDER_SCHEMA")" && pwd)/$(basename "$ALICLOUD_PROVIDER_SCHEMA")"
  export ALICLOUD_PROVIDER_SCHEMA
fi

packages=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
# npm run up prints a curl line per route; the e2e suite runs them
command -v curl >/dev/null 2>&1 || packages+=(curl)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

scripts/toolchain.sh > .toolchain.env
set -a; . ./.toolchain.env; set +a

npm ci --no-audit --no-fund
npm run gen
npx cdktf synth
