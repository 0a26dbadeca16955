#!/bin/sh
# The official mariadb image's healthcheck.sh, for the checks the store container uses:
#   --connect             a client connects over TCP (as the account the entrypoint made for it)
#   --innodb_initialized  and InnoDB is ready
set -eu
query="SELECT 1"
for arg in "$@"; do
  case "$arg" in
    --connect) ;;
    --innodb_initialized) query="SELECT 1 FROM information_schema.ENGINES WHERE ENGINE = 'InnoDB' AND SUPPORT IN ('YES', 'DEFAULT')" ;;
    *) echo "healthcheck.sh: unknown check $arg" >&2; exit 2 ;;
  esac
done
[ "$(mariadb --defaults-extra-file=/var/lib/mysql/.my-healthcheck.cnf --batch --skip-column-names -e "$query")" = 1 ]
