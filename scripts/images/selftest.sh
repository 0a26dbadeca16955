# selftest: smoke-test the images on a throwaway bridge network (a load balancer over two
# replicas, DNS alias, healthchecks for http, tcp and worker mode, registry /v2/), then clean up.
selftest() {
  local p="imgselftest-$$" net port rport out i web=() ok=1
  net="$p-net"
  # shellcheck disable=SC2064
  trap "docker rm -fv $p-web-1 $p-web-2 $p-worker $p-api $p-lb $p-reg >/dev/null 2>&1 || true; docker network rm $net >/dev/null 2>&1 || true" EXIT
  build_app selftest 0.0.1 >/dev/null
  build_nginx >/dev/null
  build_registry >/dev/null
  local img="$APP_PREFIX/selftest:0.0.1"
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
  docker create --name "$p-lb" --network "$net" -p 127.0.0.1::80 "$NGINX_TAG" >/dev/null
  docker cp "$FILES/selftest/nginx.conf" "$p-lb:/etc/nginx/nginx.conf"
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
