# build_app SERVICE VERSION [PREFIX]: PREFIX/SERVICE:VERSION (PREFIX defaults to $APP_PREFIX), a
# busybox httpd app with the MariaDB client for /deps; the contract is in scripts/build-images.sh's usage.
build_app() {
  local svc=$1 ver=$2 prefix=${3:-$APP_PREFIX} tag id t0 root
  tag="$prefix/$svc:$ver"
  [[ $svc =~ ^[a-z0-9]+([._-][a-z0-9]+)*$ ]] || die "bad service name '$svc'"
  [[ $ver =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "bad version '$ver'"
  id=$(build_id app "$svc" "$ver" "$prefix")
  if up_to_date "$tag" "$id"; then log "$tag up to date"; echo "$tag"; return 0; fi
  t0=$(date +%s)
  root=$(new_root "app-$svc-$ver")
  # the MariaDB client (MySQL's protocol) and exactly its shared libraries, for /deps
  extract_debs "$root" mariadb-client-core libmariadb3 libc6 libedit2 libbsd0 libmd0 libncurses6 libtinfo6 \
    libssl3 zlib1g libstdc++6 libgcc-s1
  prune "$root"
  base_skeleton "$root"
  install_busybox "$root"
  cp -a "$FILES/app/." "$root/"
  mkdir -p "$root/www/deps"
  mkdir -p "$root/etc/shop"
  printf '%s\n' "$svc" >"$root/etc/shop/service"
  printf '%s\n' "$ver" >"$root/etc/shop/version"
  chroot "$root" /bin/sh -c 'command -v nc >/dev/null && wget --help 2>&1 | grep -q Usage' ||
    die "shell tools broken in the app image root"
  chroot "$root" /usr/bin/mariadb --version >/dev/null || die "the MariaDB client does not run in the app image root"
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "ENV SERVICE_NAME=$svc" "ENV SERVICE_VERSION=$ver" \
    "LABEL org.shop.build-id=$id" "LABEL org.shop.service=$svc" "LABEL org.opencontainers.image.version=$ver" \
    "EXPOSE 8080" "WORKDIR /" 'CMD ["/usr/local/bin/app-entrypoint.sh"]'
  rm -rf "$root"
  finish "$tag" "$t0"
}
