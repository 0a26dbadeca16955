# Shared by the image builders in this directory (sourced by scripts/build-images.sh):
# Debian packages into a root filesystem, busybox tools, `docker import`, and build ids.
# Expects IMAGES (this directory), CACHE, DEBS, FORCE and PATH_IN_IMAGE to be set.

FILES="$IMAGES/files"

log() { echo "build-images: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ensure_docker() {
  if ! timeout 10 docker info >/dev/null 2>&1; then
    "$IMAGES/../docker-engine.sh" start >/dev/null
  fi
}

# build_id KIND ARGS... : hash of what goes into an image of KIND (this file, the kind's builder,
# the files it copies, the shared ones) and its arguments; a change to any of them rebuilds it
build_id() {
  local kind=$1
  shift
  {
    (cd "$IMAGES" && find common.sh "$kind.sh" files/base files/busybox "files/$kind" -type f 2>/dev/null |
      LC_ALL=C sort | xargs sha256sum)
    printf '%s\n' "$kind" "$@"
  } | sha256sum | cut -c1-16
}

# 0 = tag exists with this build id (skip), 1 = build needed
up_to_date() {
  local tag=$1 id=$2 have
  [ -z "$FORCE" ] || return 1
  have=$(docker image inspect --format '{{index .Config.Labels "org.shop.build-id"}}' "$tag" 2>/dev/null) || return 1
  if [ "$have" = "$id" ]; then return 0; fi
  log "$tag exists with build id '${have}', want '$id': rebuilding"
  return 1
}

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

# extract_debs ROOT PKG... : dpkg -x the packages' newest cached .debs into ROOT
extract_debs() {
  local root=$1 p f
  shift
  fetch_debs "$@"
  for p in "$@"; do
    f=$(ls -1 "$DEBS/${p}"_*.deb | sort -V | tail -1)
    dpkg-deb -x "$f" "$root"
  done
}

# install_busybox ROOT: busybox-static with applet symlinks (never over existing files), dash as
# /bin/sh, and an nc that knows -z. Why dash: Debian's busybox-static ash runs its own applets
# before searching PATH ("standalone shell"), so `sh -c 'nc -z ...'` (docker CMD-SHELL health
# checks) would bypass the nc wrapper. dash needs only libc.so.6 + ld.so, copied from libc6 if
# ROOT does not have them yet.
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
  # Debian's busybox-static nc has no -z: files/busybox/usr/bin/nc wraps it.
  rm -f "$root/usr/bin/nc"
  cp -a "$FILES/busybox/." "$root/"
}

# base_skeleton ROOT: /etc files (files/base), /tmp, /run, and the files docker bind-mounts over
base_skeleton() {
  local root=$1
  mkdir -p "$root"/{etc,tmp,run/lock,var/tmp,var/lock,root,proc,sys,dev}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp -a "$FILES/base/." "$root/"
  : >"$root/etc/hosts"
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
}

# prune ROOT: strip documentation and init-system files from an extracted tree
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

# new_root NAME: an empty build directory
new_root() {
  local dir="$CACHE/build/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "$dir"
}

# finish TAG START_SECONDS: report the build and print the tag
finish() {
  local size
  size=$(docker image inspect --format '{{.Size}}' "$1")
  log "built $1 in $(($(date +%s) - $2))s ($((size / 1024)) KiB)"
  echo "$1"
}
