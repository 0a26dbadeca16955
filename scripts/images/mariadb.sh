# build_mariadb: mariadb:10.11 from Debian's MariaDB server (MySQL's protocol on :3306), with the
# official image's environment contract and healthcheck.sh (files/mariadb/usr/local/bin), data in
# /var/lib/mysql; the system tables are made here, once, for an empty data directory to start from.
build_mariadb() {
  local tag=$MARIADB_TAG id t0 root tmp
  id=$(build_id mariadb)
  if up_to_date "$tag" "$id"; then log "$tag up to date"; echo "$tag"; return 0; fi
  t0=$(date +%s)
  root=$(new_root mariadb)
  # the server, the client (the entrypoint's sed runs under busybox), and exactly their shared libraries
  extract_debs "$root" mariadb-server-core mariadb-client-core mariadb-common libmariadb3 \
    libc6 libaio1 libcrypt1 libgcc-s1 libnuma1 libpcre2-8-0 libssl3 libstdc++6 libsystemd0 liburing2 zlib1g \
    libcap2 libgcrypt20 libgpg-error0 liblz4-1 liblzma5 libzstd1 libedit2 libbsd0 libmd0 libncurses6 libtinfo6
  prune "$root"
  rm -rf "$root"/etc/mysql/*
  base_skeleton "$root"
  install_busybox "$root"
  echo "mysql:x:999:999:MariaDB:/nonexistent:/usr/sbin/nologin" >>"$root/etc/passwd"
  echo "mysql:x:999:" >>"$root/etc/group"
  mkdir -p "$root/var/lib/mysql" "$root/run/mysqld"
  cp -a "$FILES/mariadb/." "$root/"
  chroot "$root" /lib64/ld-linux-x86-64.so.2 --list /usr/sbin/mariadbd >/dev/null || die "mariadbd shared libraries incomplete in $root"
  chroot "$root" /usr/sbin/mariadbd --version >/dev/null || die "mariadbd does not run in the image root"
  chroot "$root" /usr/bin/mariadb --version >/dev/null || die "the mariadb client does not run in the image root"
  # the system tables an empty data directory starts from (no account of the services is in them)
  chroot "$root" /usr/bin/mariadb-install-db --user=mysql --datadir=/usr/share/mysql-seed --auth-root-authentication-method=socket \
    --skip-test-db --skip-name-resolve --cross-bootstrap >"$CACHE/mariadb-install-db.log" 2>&1 || { tail -20 "$CACHE/mariadb-install-db.log" >&2; die "mariadb-install-db failed in the image root"; }
  rm -rf "$root"/run/mysqld/* "$root"/tmp/*
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "LABEL org.shop.build-id=$id" \
    "LABEL org.opencontainers.image.version=$(chroot "$root" /usr/sbin/mariadbd --version | awk '{print $3}')" \
    "EXPOSE 3306" "VOLUME /var/lib/mysql" "WORKDIR /" \
    'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' 'CMD ["mariadbd"]'
  rm -rf "$root"
  finish "$tag" "$t0"
}
