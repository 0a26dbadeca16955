# build_redis: redis:7.0 from Debian's Redis 7.0 (:6379), with redis-cli for the healthcheck; like
# the official image, `redis-server` is the command and /data the working directory.
build_redis() {
  local tag=$REDIS_TAG id t0 root
  id=$(build_id redis)
  if up_to_date "$tag" "$id"; then log "$tag up to date"; echo "$tag"; return 0; fi
  t0=$(date +%s)
  root=$(new_root redis)
  extract_debs "$root" redis-server redis-tools libc6 libatomic1 libjemalloc2 liblzf1 libssl3 libsystemd0 libstdc++6 libgcc-s1 \
    libcap2 libgcrypt20 libgpg-error0 liblz4-1 liblzma5 libzstd1
  prune "$root"
  rm -rf "$root"/etc/redis
  base_skeleton "$root"
  install_busybox "$root"
  mkdir -p "$root/data"
  chroot "$root" /lib64/ld-linux-x86-64.so.2 --list /usr/bin/redis-server >/dev/null || die "redis-server shared libraries incomplete in $root"
  chroot "$root" /usr/bin/redis-server --version >/dev/null || die "redis-server does not run in the image root"
  chroot "$root" /usr/bin/redis-cli --version >/dev/null || die "redis-cli does not run in the image root"
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "LABEL org.shop.build-id=$id" \
    "LABEL org.opencontainers.image.version=$(chroot "$root" /usr/bin/redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/')" \
    "EXPOSE 6379" "VOLUME /data" "WORKDIR /data" 'CMD ["redis-server"]'
  rm -rf "$root"
  finish "$tag" "$t0"
}
