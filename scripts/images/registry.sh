# build_registry: registry:2 from Debian's docker-registry, serving :5000 with the upstream
# image's contract (CMD is the config file, files/registry/entrypoint.sh).
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
  mkdir -p "$root/var/lib/registry"
  ln -s /usr/bin/docker-registry "$root/bin/registry"
  cp -a "$FILES/registry/." "$root/"
  chroot "$root" /usr/bin/docker-registry --version >/dev/null || die "registry binary does not run in the image root"
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "LABEL org.shop.build-id=$id" \
    "LABEL org.opencontainers.image.version=$(chroot "$root" /usr/bin/docker-registry --version | awk '{print $3}')" \
    "EXPOSE 5000" "WORKDIR /" 'ENTRYPOINT ["/entrypoint.sh"]' 'CMD ["/etc/docker/registry/config.yml"]'
  rm -rf "$root"
  finish "$tag" "$t0"
}
