#!/bin/sh
# nginx in the Docker deployment: the same template local_run.sh fills, filled for the containers.
set -eu
mkdir -p /var/cache/nginx/cinema /var/log/nginx
sed -e "s#@RUN_DIR@#/var/run#g" -e "s#@LOG_DIR@#/var/log/nginx#g" -e "s#@TMP_DIR@#/var/cache/nginx/cinema#g" \
    -e "s#@HTML_DIR@#/usr/share/nginx/cinema#g" -e "s#@MIME_TYPES@#/etc/nginx/mime.types#g" \
    -e "s#@USER_DIRECTIVE@#user nginx;#g" -e "s#@NGINX_PORT@#${NGINX_PORT}#g" \
    -e "s#@AUTH_ADDRESS@#${AUTH_ADDRESS}#g" -e "s#@UGC_SERVERS@#server ${UGC_ADDRESS} max_fails=3 fail_timeout=10s;#g" \
    -e "s#@ASYNC_API_ADDRESS@#${ASYNC_API_ADDRESS}#g" -e "s#@RECSYS_ADDRESS@#${RECSYS_ADDRESS}#g" \
    -e "s#@AUTH_RATE@#${NGINX_AUTH_RATE}#g" -e "s#@AUTH_BURST@#${NGINX_AUTH_BURST}#g" \
    /etc/nginx/cinema/nginx.conf.template >/etc/nginx/nginx.conf
exec nginx -g 'daemon off;'
