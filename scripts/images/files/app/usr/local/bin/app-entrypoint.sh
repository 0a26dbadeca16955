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
