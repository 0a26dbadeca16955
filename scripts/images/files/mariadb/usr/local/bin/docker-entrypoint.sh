#!/bin/sh
# The official mariadb image's contract for the store container: MARIADB_DATABASE, MARIADB_USER
# and MARIADB_PASSWORD make a database and an account with every right on it (MYSQL_* work too);
# root logs in through the local socket only (MARIADB_RANDOM_ROOT_PASSWORD / _ROOT_PASSWORD are
# accepted and unused); healthcheck.sh --connect checks as an account of its own. Unlike the
# official image, an empty data directory starts from system tables made when the image was
# built (a second, not the seconds mariadb-install-db takes), and the accounts are ensured at every
# start, before the server takes connections (--init-file): a rotated secret takes effect when the
# container is replaced. No password reaches a command line.
set -eu
[ "${1:-mariadbd}" = mariadbd ] || exec "$@"

database=${MARIADB_DATABASE:-${MYSQL_DATABASE:-}}
user=${MARIADB_USER:-${MYSQL_USER:-}}
password=${MARIADB_PASSWORD:-${MYSQL_PASSWORD:-}}
datadir=/var/lib/mysql

mkdir -p /run/mysqld "$datadir"
if [ ! -d "$datadir/mysql" ]; then
  echo "docker-entrypoint: $datadir is empty: copying the system tables made at build time"
  cp -a /usr/share/mysql-seed/. "$datadir/"
fi
chown -R mysql:mysql /run/mysqld "$datadir"

# SQL text: a string literal doubles its quotes and backslashes; an identifier doubles its backticks.
# printf, not echo: dash's echo would read the backslashes of a password.
literal() { printf "'%s'" "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")"; }
identifier() { printf '`%s`' "$(printf '%s' "$1" | sed -e 's/`/``/g')"; }
sql() { printf '%s\n' "$*" >>"$init"; }

umask 077
init=/run/mysqld/init.sql
: >"$init"
check=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
sql "CREATE USER IF NOT EXISTS 'healthcheck'@'127.0.0.1' IDENTIFIED BY '$check';"
sql "ALTER USER 'healthcheck'@'127.0.0.1' IDENTIFIED BY '$check';"
printf '[client]\nuser=healthcheck\npassword=%s\nhost=127.0.0.1\nprotocol=tcp\n' "$check" >"$datadir/.my-healthcheck.cnf"
[ -z "$database" ] || sql "CREATE DATABASE IF NOT EXISTS $(identifier "$database");"
if [ -n "$user" ] && [ -n "$password" ]; then
  account="$(literal "$user")@'%'"
  sql "CREATE USER IF NOT EXISTS $account IDENTIFIED BY $(literal "$password");"
  sql "ALTER USER $account IDENTIFIED BY $(literal "$password");"
  [ -z "$database" ] || sql "GRANT ALL PRIVILEGES ON $(identifier "$database").* TO $account;"
fi
chown mysql:mysql "$init" "$datadir/.my-healthcheck.cnf"
exec mariadbd --init-file="$init"
