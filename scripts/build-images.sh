#!/usr/bin/env bash
# Build the local container images for the end-to-end "test" environment,
# without pulling anything: each image is a root filesystem assembled from
# Debian packages (apt-get download + dpkg -x) and loaded with `docker import`.
#
# Usage: scripts/build-images.sh [--force] COMMAND [ARGS...]
#
#   app SERVICE VERSION             localhost:5000/shop/SERVICE:VERSION
#   app SERVICE:VERSION [...]       (several at once)
#   nginx                           nginx:stable   (Debian nginx 1.22 + busybox)
#   registry                        registry:2     (Debian docker-registry 2.8, :5000)
#   base                            nginx + registry
#   all [SERVICE:VERSION ...]       base + the given apps
#   list                            show the images this script manages
#   selftest                        smoke-test the images on a throwaway bridge
#                                   network (LB over 2 replicas, DNS alias,
#                                   healthcheck, registry /v2/), then clean up
#
#   --force   rebuild even if the tag exists with the same build id
#
# An existing tag is reused when its label org.shop.build-id matches (a hash of
# this script and the image's arguments); otherwise it is rebuilt. Starts the
# engine with scripts/docker-engine.sh if docker does not answer.
#
# App image contract (busybox httpd):
#   PORT unset -> 8080; PORT set to a number -> that port;
#   PORT "" / "none" / "0" -> worker mode: no listener, touches /tmp/healthy every 5s.
#   GET /        -> "service=<svc> replica=<hostname> version=<version>" (CGI)
#   GET /healthz -> 200 "ok"
#   /bin/sh, wget, nc, nslookup are busybox applets. Service/version are baked in
#   /etc/shop/{service,version} and ENV SERVICE_NAME/SERVICE_VERSION.
#
# Environment: APP_IMAGE_PREFIX (default localhost:5000/shop),
#              IMAGE_CACHE_DIR (default /var/cache/shop-images: debs + build trees).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
PREFIX=${APP_IMAGE_PREFIX:-localhost:5000/shop}
CACHE=${IMAGE_CACHE_DIR:-/var/cache/shop-images}
DEBS="$CACHE/debs"
NGINX_TAG=nginx:stable
REGISTRY_TAG=registry:2
FORCE=
PATH_IN_IMAGE=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { echo "build-images: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ensure_docker() {
  if ! timeout 10 docker info >/dev/null 2>&1; then
    "$HERE/docker-engine.sh" start >/dev/null
  fi
}

# build id: hash of this script + the image kind/arguments
build_id() { { cat "$SELF"; printf '%s\n' "$@"; } | sha256sum | cut -c1-16; }

# 0 = tag exists with this build id (skip), 1 = build needed
up_to_date() {
  local tag=$1 id=$2 have
  [ -z "$FORCE" ] || return 1
  have=$(docker image inspect --format '{{index .Config.Labels "org.shop.build-id"}}' "$tag" 2>/dev/null) || return 1
  if [ "$have" = "$id" ]; then return 0; fi
  log "$tag exists with build id '${have}', want '$id': rebuilding"
  return 1
}

# ---- Debian packages -------------------------------------------------------
apt_download() {
  (cd "$DEBS" && apt-get download -o APT::Sandbox::User=root "$@" >>"$CACHE/apt.log" 2>&1)
}

# fetch_debs PKG... : make sure a .deb of each package is in $DEBS
fetch_debs() {
  local p missing=()
  mkdir -p "$DEBS"
  for p in "$@"; do
    compgen -G "$DEBS/${p}_*.deb" >/dev/null || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  log "downloading ${missing[*]}"
  if ! apt_download "${missing[@]}"; then
    apt-get update >>"$CACHE/apt.log" 2>&1 || true
    apt_download "${missing[@]}" || { tail -5 "$CACHE/apt.log" >&2; die "apt-get download ${missing[*]} failed"; }
  fi
}

# extract_debs ROOT PKG... : dpkg -x the packages' .debs into ROOT
extract_debs() {
  local root=$1 p f
  shift
  fetch_debs "$@"
  for p in "$@"; do
    # newest cached version of the package
    f=$(ls -1 "$DEBS/${p}"_*.deb | sort -V | tail -1)
    dpkg-deb -x "$f" "$root"
  done
}

# install busybox-static into ROOT with applet symlinks (never over existing files),
# and dash as /bin/sh. Why dash: Debian's busybox-static ash runs its own applets
# before searching PATH ("standalone shell"), so `sh -c 'nc -z ...'` (docker
# CMD-SHELL health checks) would bypass the nc -z wrapper below. dash needs only
# libc.so.6 + ld.so, copied from libc6 if ROOT does not have them yet.
install_busybox() {
  local root=$1 tmp a
  tmp=$(mktemp -d)
  extract_debs "$tmp" busybox-static dash
  mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin"
  install -m 0755 "$tmp/bin/busybox" "$root/bin/busybox"
  install -m 0755 "$tmp/bin/dash" "$root/bin/dash"
  ln -sf dash "$root/bin/sh"
  rm -rf "$tmp"
  if [ ! -e "$root/lib/x86_64-linux-gnu/libc.so.6" ]; then
    tmp=$(mktemp -d)
    extract_debs "$tmp" libc6
    mkdir -p "$root/lib/x86_64-linux-gnu" "$root/lib64"
    cp -a "$tmp"/lib/x86_64-linux-gnu/{libc.so.6,ld-linux-x86-64.so.2} "$root/lib/x86_64-linux-gnu/"
    cp -a "$tmp/lib64/ld-linux-x86-64.so.2" "$root/lib64/"
    rm -rf "$tmp"
  fi
  while read -r a; do
    [ -n "$a" ] && [ "$a" != bin/busybox ] || continue
    [ -e "$root/$a" ] || [ -L "$root/$a" ] || ln -s /bin/busybox "$root/$a"
  done < <("$root/bin/busybox" --list-full)
  # Debian's busybox-static nc has no -z: wrap it so health checks like
  # `nc -z 127.0.0.1 8085` work (connect with empty stdin, exit status = open/closed)
  rm -f "$root/usr/bin/nc"
  cat >"$root/usr/bin/nc" <<'EOF_NC'
#!/bin/sh
# nc wrapper: adds -z (zero-I/O connect test) to busybox nc; other uses pass through.
zero=
for a in "$@"; do case "$a" in -z* | -[!-]*z*) zero=1 ;; esac; done
[ -n "$zero" ] || exec /bin/busybox nc "$@"
wait=2 verbose=
while [ $# -gt 0 ]; do
  case "$1" in
    -w) wait=$2; shift ;;
    -w*) wait=${1#-w} ;;
    -*) case "$1" in *v*) verbose=1 ;; esac ;;
    *) break ;;
  esac
  shift
done
[ $# -ge 2 ] || { echo "usage: nc -z [-v] [-w SECS] HOST PORT[-PORT]..." >&2; exit 2; }
host=$1
shift
rc=1
for spec in "$@"; do
  p=${spec%-*}
  while [ "$p" -le "${spec#*-}" ]; do
    if /bin/busybox nc -w "$wait" "$host" "$p" </dev/null >/dev/null 2>&1; then
      rc=0
      [ -z "$verbose" ] || echo "$host ($p) open" >&2
    else
      [ -z "$verbose" ] || echo "$host ($p) closed" >&2
    fi
    p=$((p + 1))
  done
done
exit $rc
EOF_NC
  chmod 0755 "$root/usr/bin/nc"
}

# common skeleton: /etc files, /tmp, /run
base_skeleton() {
  local root=$1
  mkdir -p "$root"/{etc,tmp,run/lock,var/tmp,var/lock,root,proc,sys,dev}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
nginx:x:101:101:nginx:/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
www-data:x:33:
nginx:x:101:
nogroup:x:65534:
EOF
  printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\n' >"$root/etc/nsswitch.conf"
  # docker bind-mounts these over the files at run time
  : >"$root/etc/hosts"
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
}

# strip documentation and init-system files from an extracted tree
prune() {
  local root=$1
  rm -rf "$root"/usr/share/{doc,man,info,lintian,locale,vim,apport,bug,initramfs-tools} \
    "$root"/etc/{init.d,ufw,logrotate.d,default,systemd} "$root"/lib/systemd \
    "$root"/usr/lib/x86_64-linux-gnu/gconv "$root"/usr/share/i18n
}

# import_rootfs ROOT TAG CHANGE... : docker import with --change instructions
import_rootfs() {
  local root=$1 tag=$2 c args=() old
  shift 2
  for c in "$@"; do args+=(--change "$c"); done
  old=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
  tar --numeric-owner -C "$root" -c . | docker import "${args[@]}" - "$tag" >/dev/null
  # drop the image this tag pointed to before, unless something still uses it
  if [ -n "$old" ] && [ "$old" != "$(docker image inspect --format '{{.Id}}' "$tag")" ]; then
    docker image rm "$old" >/dev/null 2>&1 || true
  fi
}

new_root() {
  local dir="$CACHE/build/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "$dir"
}

finish() { # finish TAG START_SECONDS
  local size
  size=$(docker image inspect --format '{{.Size}}' "$1")
  log "built $1 in $(($(date +%s) - $2))s ($((size / 1024)) KiB)"
  echo "$1"
}

# ---- app image ---------------------------------------------------------------
build_app() {
  local svc=$1 ver=$2 tag="$PREFIX/$1:$2" id t0 root
  [[ $svc =~ ^[a-z0-9]+([._-][a-z0-9]+)*$ ]] || die "bad service name '$svc'"
  [[ $ver =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "bad version '$ver'"
  id=$(build_id app "$svc" "$ver" "$PREFIX")
  if up_to_date "$tag" "$id"; then log "$tag up to date"; echo "$tag"; return 0; fi
  t0=$(date +%s)
  root=$(new_root "app-$svc-$ver")
  base_skeleton "$root"
  install_busybox "$root"
  mkdir -p "$root/etc/shop" "$root/www/cgi-bin" "$root/usr/local/bin"
  printf '%s\n' "$svc" >"$root/etc/shop/service"
  printf '%s\n' "$ver" >"$root/etc/shop/version"
  printf 'ok\n' >"$root/www/healthz"
  # busybox httpd runs cgi-bin/index.cgi for "/" when there is no index.html
  cat >"$root/www/cgi-bin/index.cgi" <<'EOF'
#!/bin/sh
printf 'Content-Type: text/plain\r\n\r\n'
echo "service=$(cat /etc/shop/service) replica=$(hostname) version=$(cat /etc/shop/version)"
EOF
  cat >"$root/usr/local/bin/app-entrypoint.sh" <<'EOF'
#!/bin/sh
# PORT unset -> 8080; "" / none / 0 -> worker (no listener)
PORT=${PORT-8080}
touch /tmp/healthy
case "$PORT" in
  "" | none | 0)
    echo "$(cat /etc/shop/service) $(cat /etc/shop/version): worker mode on $(hostname)"
    trap 'exit 0' TERM INT
    while :; do
      touch /tmp/healthy
      sleep 5 &
      wait $!
    done
    ;;
esac
echo "$(cat /etc/shop/service) $(cat /etc/shop/version): httpd on :$PORT as $(hostname)"
httpd -f -v -p "$PORT" -h /www &
pid=$!
# On TERM the listener stops (new connections are refused and retried elsewhere by the
# load balancer); the pause lets requests in flight finish before the container exits.
trap 'kill -TERM $pid 2>/dev/null; wait $pid; sleep 1; exit 0' TERM INT
wait $pid
EOF
  chmod 0755 "$root/www/cgi-bin/index.cgi" "$root/usr/local/bin/app-entrypoint.sh"
  chroot "$root" /bin/sh -c 'command -v nc >/dev/null && wget --help 2>&1 | grep -q Usage' ||
    die "shell tools broken in the app image root"
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "ENV SERVICE_NAME=$svc" "ENV SERVICE_VERSION=$ver" \
    "LABEL org.shop.build-id=$id" "LABEL org.shop.service=$svc" "LABEL org.opencontainers.image.version=$ver" \
    "EXPOSE 8080" "WORKDIR /" 'CMD ["/usr/local/bin/app-entrypoint.sh"]'
  rm -rf "$root"
  finish "$tag" "$t0"
}

# ---- nginx:stable --------------------------------------------------------------
build_nginx() {
  local tag=$NGINX_TAG id t0 root tmp d
  id=$(build_id nginx)
  if up_to_date "$tag" "$id"; then log "$tag up to date"; echo "$tag"; return 0; fi
  t0=$(date +%s)
  root=$(new_root nginx)
  # nginx + exactly its Depends' shared libraries (libc6 needs libgcc-s1 for pthread_cancel)
  extract_debs "$root" nginx nginx-common libc6 libcrypt1 libpcre2-8-0 libssl3 zlib1g libgcc-s1
  # getent from libc-bin (glibc NSS lookups like nginx does them)
  tmp=$(mktemp -d)
  extract_debs "$tmp" libc-bin
  install -D -m 0755 "$tmp/usr/bin/getent" "$root/usr/bin/getent"
  rm -rf "$tmp"
  prune "$root"
  base_skeleton "$root"
  install_busybox "$root"
  for d in body fastcgi proxy scgi uwsgi; do mkdir -p "$root/var/lib/nginx/$d"; done
  mkdir -p "$root"/var/log/nginx "$root"/var/cache/nginx "$root"/usr/lib/nginx/modules \
    "$root"/etc/nginx/{conf.d,modules-enabled,sites-enabled} "$root"/var/www/html "$root"/usr/share/nginx/html
  chown 33:33 "$root"/var/lib/nginx/* "$root/var/cache/nginx"
  cp "$root/usr/share/nginx/html/index.html" "$root/var/www/html/index.nginx-debian.html"
  cat >"$root/etc/nginx/nginx.conf" <<'EOF'
# default config of the locally built nginx:stable image; deployments upload their own
user www-data;
worker_processes auto;
pid /run/nginx.pid;
error_log /var/log/nginx/error.log notice;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 768; }
http {
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log /var/log/nginx/access.log;
  include /etc/nginx/conf.d/*.conf;
}
EOF
  cat >"$root/etc/nginx/conf.d/default.conf" <<'EOF'
server {
  listen 80 default_server;
  root /usr/share/nginx/html;
  index index.html;
  location / { try_files $uri $uri/ =404; }
}
EOF
  # sanity: every shared library resolves and the default config loads
  chroot "$root" /lib64/ld-linux-x86-64.so.2 --list /usr/sbin/nginx >/dev/null ||
    die "nginx shared libraries incomplete in $root"
  chroot "$root" /usr/sbin/nginx -t -q || die "nginx -t failed in the image root"
  rm -f "$root/run/nginx.pid" "$root"/var/log/nginx/*
  # logs go to the container's stdout/stderr (like the official image)
  ln -sf /dev/stdout "$root/var/log/nginx/access.log"
  ln -sf /dev/stderr "$root/var/log/nginx/error.log"
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "LABEL org.shop.build-id=$id" \
    "LABEL org.opencontainers.image.version=$(chroot "$root" /usr/sbin/nginx -v 2>&1 | sed 's|.*/||')" \
    "EXPOSE 80" "WORKDIR /" "CMD [\"nginx\", \"-g\", \"daemon off;\"]"
  rm -rf "$root"
  finish "$tag" "$t0"
}

# ---- registry:2 ----------------------------------------------------------------
build_registry() {
  local tag=$REGISTRY_TAG id t0 root
  id=$(build_id registry)
  if up_to_date "$tag" "$id"; then log "$tag up to date"; echo "$tag"; return 0; fi
  t0=$(date +%s)
  root=$(new_root registry)
  extract_debs "$root" docker-registry libc6
  prune "$root"
  rm -rf "$root/etc/docker/registry"/* "$root/usr/lib/x86_64-linux-gnu/audit"
  base_skeleton "$root"
  install_busybox "$root"
  mkdir -p "$root/var/lib/registry" "$root/etc/docker/registry"
  ln -s /usr/bin/docker-registry "$root/bin/registry"
  cat >"$root/etc/docker/registry/config.yml" <<'EOF'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
EOF
  # same contract as the upstream image: CMD is the config file
  cat >"$root/entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
case "$1" in
  *.yaml | *.yml) set -- registry serve "$@" ;;
  serve | garbage-collect | help | -*) set -- registry "$@" ;;
esac
exec "$@"
EOF
  chmod 0755 "$root/entrypoint.sh"
  chroot "$root" /usr/bin/docker-registry --version >/dev/null || die "registry binary does not run in the image root"
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "LABEL org.shop.build-id=$id" \
    "LABEL org.opencontainers.image.version=$(chroot "$root" /usr/bin/docker-registry --version | awk '{print $3}')" \
    "EXPOSE 5000" "WORKDIR /" 'ENTRYPOINT ["/entrypoint.sh"]' 'CMD ["/etc/docker/registry/config.yml"]'
  rm -rf "$root"
  finish "$tag" "$t0"
}

# ---- selftest --------------------------------------------------------------------
selftest() {
  local p="imgselftest-$$" net port rport out i web=() ok=1
  net="$p-net"
  # shellcheck disable=SC2064
  trap "docker rm -fv $p-web-1 $p-web-2 $p-worker $p-api $p-lb $p-reg >/dev/null 2>&1 || true; docker network rm $net >/dev/null 2>&1 || true; rm -rf '$CACHE/$p'" EXIT
  build_app selftest 0.0.1 >/dev/null
  build_nginx >/dev/null
  build_registry >/dev/null
  local img="$PREFIX/selftest:0.0.1"
  docker network create "$net" >/dev/null
  for i in 1 2; do
    docker run -d --name "$p-web-$i" --hostname "web-$i" --network "$net" \
      --network-alias "web-$i" --network-alias web \
      --health-cmd 'wget -q -O- http://127.0.0.1:8080/healthz' --health-interval 1s --health-retries 3 \
      "$img" >/dev/null
  done
  docker run -d --name "$p-worker" --hostname worker-1 --network "$net" -e PORT=none \
    --health-cmd 'test -f /tmp/healthy' --health-interval 1s "$img" >/dev/null
  docker run -d --name "$p-api" --hostname api-1 --network "$net" -e PORT=8085 \
    --health-cmd 'nc -z 127.0.0.1 8085' --health-interval 1s "$img" >/dev/null
  mkdir -p "$CACHE/$p"
  cat >"$CACHE/$p/nginx.conf" <<'EOF'
events {}
http {
  access_log off;
  upstream web { server web-1:8080; server web-2:8080; }
  server { listen 80; location / { proxy_pass http://web; } }
}
EOF
  docker create --name "$p-lb" --network "$net" -p 127.0.0.1::80 "$NGINX_TAG" >/dev/null
  docker cp "$CACHE/$p/nginx.conf" "$p-lb:/etc/nginx/nginx.conf"
  docker start "$p-lb" >/dev/null
  docker run -d --name "$p-reg" --network "$net" -p 127.0.0.1::5000 "$REGISTRY_TAG" >/dev/null
  for i in $(seq 1 60); do
    [ "$(docker inspect -f '{{.State.Health.Status}}' "$p-web-1" "$p-web-2" "$p-worker" "$p-api" | sort -u)" = healthy ] && break
    sleep 0.5
  done
  out=$(docker inspect -f '{{.Name}} {{.State.Health.Status}}' "$p-web-1" "$p-web-2" "$p-worker" "$p-api")
  echo "$out"
  echo "$out" | awk '{print $2}' | grep -qvx healthy && { log "FAIL: healthchecks"; ok=; }
  out=$(docker exec "$p-web-1" nslookup web 2>&1 || true)
  echo "$out" | grep -A9 '^Name:' | grep '^Address' || true
  [ "$(echo "$out" | grep -c '^Address: ')" -ge 2 ] || { log "FAIL: nslookup web"; echo "$out" >&2; ok=; }
  port=$(docker port "$p-lb" 80/tcp | head -1 | sed 's/.*://')
  for i in $(seq 1 20); do curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.5; done
  for i in 1 2 3 4; do web+=("$(curl -fsS "http://127.0.0.1:$port/" || echo FAIL)"); done
  echo "via lb 127.0.0.1:$port:"
  printf '  %s\n' "${web[@]}"
  printf '%s\n' "${web[@]}" | grep -q 'replica=web-1 ' && printf '%s\n' "${web[@]}" | grep -q 'replica=web-2 ' ||
    { log "FAIL: both replicas through the LB"; ok=; }
  rport=$(docker port "$p-reg" 5000/tcp | head -1 | sed 's/.*://')
  for i in $(seq 1 20); do out=$(curl -fsS "http://127.0.0.1:$rport/v2/" 2>/dev/null) && break; sleep 0.5; done
  echo "registry 127.0.0.1:$rport/v2/: ${out:-FAIL}"
  [ "$out" = "{}" ] || { log "FAIL: registry /v2/"; ok=; }
  [ -n "$ok" ] || die "selftest failed"
  log "selftest passed"
}

# ---- main ----------------------------------------------------------------------------
main() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --force) FORCE=1; shift ;;
      -h | --help) sed -n '2,36p' "$SELF"; exit 0 ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || { sed -n '2,36p' "$SELF"; exit 2; }
  local cmd=$1 a
  shift
  while [ $# -gt 0 ] && [ "${!#}" = --force ]; do FORCE=1; set -- "${@:1:$(($# - 1))}"; done
  [ "$cmd" = list ] || ensure_docker
  mkdir -p "$CACHE"
  # serialize builds (shared build dirs and deb cache)
  exec 9>"$CACHE/.lock"
  flock 9
  case "$cmd" in
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
    base) build_nginx; build_registry ;;
    all)
      build_nginx; build_registry
      for a in "$@"; do build_app "${a%%:*}" "${a#*:}"; done
      ;;
    list)
      docker images --format '{{.Repository}}:{{.Tag}}\t{{.ID}}\t{{.Size}}' |
        grep -E "^($PREFIX/|$NGINX_TAG|$REGISTRY_TAG|docker.io/library/(nginx:stable|registry:2))" || true
      ;;
    selftest) selftest ;;
    *) die "unknown command '$cmd' (app|nginx|registry|base|all|list|selftest)" ;;
  esac
}

main "$@"
