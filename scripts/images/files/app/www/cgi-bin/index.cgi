#!/bin/sh
# GET / names the replica; GET /deps/ (GET /deps redirects there) checks each store the container
# was given, with the credentials it was given. busybox httpd sends a CGI's own status line only.
case "$REQUEST_URI" in
  /deps | /deps/*) exec /usr/local/bin/deps ;;
esac
printf 'Content-Type: text/plain\r\n\r\n'
echo "service=$(cat /etc/shop/service) replica=$(hostname) version=$(cat /etc/shop/version)"
