#!/bin/sh
printf 'Content-Type: text/plain\r\n\r\n'
echo "service=$(cat /etc/shop/service) replica=$(hostname) version=$(cat /etc/shop/version)"
