#!/usr/bin/env bash
# Build the local container images for the "test" environment, without pulling anything: each
# image is a root filesystem assembled from Debian packages (apt-get download + dpkg -x) and the
# files under scripts/images/files/, loaded with `docker import`. One builder per image in
# scripts/images/ (app.sh, nginx.sh, registry.sh), shared steps in scripts/images/common.sh.
#
# Usage: scripts/build-images.sh [--force] COMMAND [ARGS...]
#
#   image REF...                    build each image reference a stack names:
#                                   nginx:stable, registry:2, or PREFIX/SERVICE:VERSION (an app)
#   app SERVICE VERSION             $APP_IMAGE_PREFIX/SERVICE:VERSION
#   app SERVICE:VERSION [...]       (several at once)
#   nginx                           nginx:stable   (Debian nginx 1.22 + busybox)
#   registry                        registry:2     (Debian docker-registry 2.8, :5000)
#   mariadb                         mariadb:10.11  (Debian MariaDB 10.11, :3306; the stores' MySQL)
#   redis                           redis:7.0      (Debian Redis 7.0, :6379)
#   base                            nginx + registry
#   all [SERVICE:VERSION ...]       base + the given apps
#   list                            show the images this script manages
#   selftest                        smoke-test the images on a throwaway bridge
#                                   network (LB over 2 replicas, DNS alias,
#                                   healthcheck, registry /v2/), then clean up
#
#   --force   rebuild even if the tag exists with the same build id
#
# An existing tag is reused when its label org.shop.build-id matches (a hash of the image's
# builder, the files it copies and its arguments); otherwise it is rebuilt. Starts the engine
# with scripts/docker-engine.sh if docker does not answer.
#
# App image contract (busybox httpd):
#   PORT unset -> 8080; PORT set to a number -> that port;
#   PORT "" / "none" / "0" -> worker mode: no listener, touches /tmp/healthy every 5s.
#   GET /        -> "service=<svc> replica=<hostname> version=<version>" (CGI)
#   GET /healthz -> 200 "ok"
#   GET /deps    -> one line per store the container was given, "<store> ok" or "<store> failed: <why>",
#                   200 when all answer, 503 otherwise: mysql from MYSQL_HOST, MYSQL_PORT, MYSQL_USER,
#                   MYSQL_PASSWORD, MYSQL_DATABASE (a query as that account); redis from REDIS_HOST,
#                   REDIS_PORT, REDIS_PASSWORD (AUTH, then PING)
#   /bin/sh, wget, nc, nslookup are busybox applets. Service/version are baked in
#   /etc/shop/{service,version} and ENV SERVICE_NAME/SERVICE_VERSION.
#
# Environment: APP_IMAGE_PREFIX (default localhost:5000/shop),
#              IMAGE_CACHE_DIR (default /var/cache/shop-images: debs + build trees).
set -euo pipefail

IMAGES=$(cd "$(dirname "${BASH_SOURCE[0]}")/images" && pwd)
APP_PREFIX=${APP_IMAGE_PREFIX:-localhost:5000/shop}
CACHE=${IMAGE_CACHE_DIR:-/var/cache/shop-images}
DEBS="$CACHE/debs"
NGINX_TAG=nginx:stable
REGISTRY_TAG=registry:2
MARIADB_TAG=mariadb:10.11
REDIS_TAG=redis:7.0
FORCE=
PATH_IN_IMAGE=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
USAGE_LINES='2,43p'

# shellcheck source=images/common.sh
. "$IMAGES/common.sh"
# shellcheck source=images/app.sh
. "$IMAGES/app.sh"
# shellcheck source=images/nginx.sh
. "$IMAGES/nginx.sh"
# shellcheck source=images/registry.sh
. "$IMAGES/registry.sh"
# shellcheck source=images/mariadb.sh
. "$IMAGES/mariadb.sh"
# shellcheck source=images/redis.sh
. "$IMAGES/redis.sh"
# shellcheck source=images/selftest.sh
. "$IMAGES/selftest.sh"

# build_ref REF: the builder for an image reference as a stack names it
build_ref() {
  case "$1" in
    "$NGINX_TAG") build_nginx ;;
    "$REGISTRY_TAG") build_registry ;;
    "$MARIADB_TAG") build_mariadb ;;
    "$REDIS_TAG") build_redis ;;
    */*:*)
      local name=${1%:*}
      build_app "${name##*/}" "${1##*:}" "${name%/*}"
      ;;
    *) die "no local builder for image '$1' (nginx:stable, registry:2, mariadb:10.11, redis:7.0 or PREFIX/SERVICE:VERSION)" ;;
  esac
}

main() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --force) FORCE=1; shift ;;
      -h | --help) sed -n "$USAGE_LINES" "$0"; exit 0 ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || { sed -n "$USAGE_LINES" "$0"; exit 2; }
  local cmd=$1 a
  shift
  while [ $# -gt 0 ] && [ "${!#}" = --force ]; do FORCE=1; set -- "${@:1:$(($# - 1))}"; done
  if [ "$cmd" != list ]; then
    # Root filesystems need files owned by other users (www-data) and chroot checks.
    [ "$(id -u)" = 0 ] || die "building images needs root (files owned by www-data, chroot checks, $CACHE): run it as root, e.g. with sudo"
    ensure_docker
  fi
  mkdir -p "$CACHE"
  # serialize builds (shared build dirs and deb cache)
  exec 9>"$CACHE/.lock"
  flock 9
  case "$cmd" in
    image)
      [ $# -gt 0 ] || die "usage: image REF..."
      for a in "$@"; do build_ref "$a"; done
      ;;
    app)
      [ $# -gt 0 ] || die "usage: app SERVICE VERSION | app SERVICE:VERSION..."
      if [ $# -eq 2 ] && [[ $1 != *:* ]] && [[ $2 != *:* ]]; then
        build_app "$1" "$2"
      else
        for a in "$@"; do
          [[ $a == *:* ]] || die "expected SERVICE:VERSION, got '$a'"
          build_app "${a%%:*}" "${a#*:}"
        done
      fi
      ;;
    nginx) build_nginx ;;
    registry) build_registry ;;
    mariadb) build_mariadb ;;
    redis) build_redis ;;
    base) build_nginx; build_registry ;;
    all)
      build_nginx; build_registry
      for a in "$@"; do build_app "${a%%:*}" "${a#*:}"; done
      ;;
    list)
      docker images --format '{{.Repository}}:{{.Tag}}\t{{.ID}}\t{{.Size}}' |
        grep -E "^($APP_PREFIX/|$NGINX_TAG|$REGISTRY_TAG|$MARIADB_TAG|$REDIS_TAG|docker.io/library/(nginx:stable|registry:2|mariadb:10.11|redis:7.0))" || true
      ;;
    selftest) selftest ;;
    *) die "unknown command '$cmd' (image|app|nginx|registry|mariadb|redis|base|all|list|selftest)" ;;
  esac
}

main "$@"
