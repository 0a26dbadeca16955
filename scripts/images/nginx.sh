# build_nginx: nginx:stable from Debian's nginx, with busybox tools (the load balancer's
# entrypoint uses sh and nslookup) and getent; logs go to the container's stdout/stderr.
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
  cp -a "$FILES/nginx/." "$root/"
  # sanity: every shared library resolves and the default config loads
  chroot "$root" /lib64/ld-linux-x86-64.so.2 --list /usr/sbin/nginx >/dev/null ||
    die "nginx shared libraries incomplete in $root"
  chroot "$root" /usr/sbin/nginx -t -q || die "nginx -t failed in the image root"
  rm -f "$root/run/nginx.pid" "$root"/var/log/nginx/*
  ln -sf /dev/stdout "$root/var/log/nginx/access.log"
  ln -sf /dev/stderr "$root/var/log/nginx/error.log"
  import_rootfs "$root" "$tag" \
    "ENV PATH=$PATH_IN_IMAGE" "LABEL org.shop.build-id=$id" \
    "LABEL org.opencontainers.image.version=$(chroot "$root" /usr/sbin/nginx -v 2>&1 | sed 's|.*/||')" \
    "EXPOSE 80" "WORKDIR /" "CMD [\"nginx\", \"-g\", \"daemon off;\"]"
  rm -rf "$root"
  finish "$tag" "$t0"
}
