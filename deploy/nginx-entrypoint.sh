#!/bin/sh
# nginx in the Docker deployment: the same template local_run.sh fills, filled for the containers.
set -eu
mkdir -p /var/cache/nginx/cinema /var/log/nginx
# The TLS listener when both files are given (paths inside the container: deploy/tls is mounted on /etc/nginx/tls).
tls_listener=""
if [ -n "${NGINX_TLS_CERT}" ] && [ -n "${NGINX_TLS_KEY}" ]; then
  tls_listener="listen ${NGINX_TLS_PORT} ssl; ssl_certificate ${NGINX_TLS_CERT}; ssl_certificate_key ${NGINX_TLS_KEY};"
fi
# A set_real_ip_from line for each address or CIDR of the load balancers in front (spaces or commas between).
real_ip_from=""
trusted_proxy_geo=""
for proxy in $(echo "${NGINX_TRUSTED_PROXIES}" | tr ',' ' '); do
  case $proxy in *[!0-9A-Fa-f.:/]*) echo "NGINX_TRUSTED_PROXIES: '$proxy' is not an address or a CIDR" >&2; exit 1 ;; esac
  real_ip_from="${real_ip_from}set_real_ip_from $proxy; "
  trusted_proxy_geo="${trusted_proxy_geo}$proxy 1; "
done
sed -e "s#@RUN_DIR@#/var/run#g" -e "s#@LOG_DIR@#/var/log/nginx#g" -e "s#@TMP_DIR@#/var/cache/nginx/cinema#g" \
    -e "s#@HTML_DIR@#/usr/share/nginx/cinema#g" -e "s#@MIME_TYPES@#/etc/nginx/mime.types#g" \
    -e "s#@USER_DIRECTIVE@#user nginx;#g" -e "s#@NGINX_PORT@#${NGINX_PORT}#g" \
    -e "s#@AUTH_ADDRESS@#${AUTH_ADDRESS}#g" -e "s#@UGC_SERVERS@#server ${UGC_ADDRESS} max_fails=3 fail_timeout=10s;#g" \
    -e "s#@ASYNC_API_ADDRESS@#${ASYNC_API_ADDRESS}#g" -e "s#@RECSYS_ADDRESS@#${RECSYS_ADDRESS}#g" \
    -e "s#@AUTH_RATE@#${NGINX_AUTH_RATE}#g" -e "s#@AUTH_BURST@#${NGINX_AUTH_BURST}#g" \
    -e "s#@WRITE_RATE@#${NGINX_WRITE_RATE}#g" -e "s#@WRITE_BURST@#${NGINX_WRITE_BURST}#g" \
    -e "s#@WRITE_DELAY@#${NGINX_WRITE_DELAY}#g" \
    -e "s#@REFRESH_RATE@#${NGINX_REFRESH_RATE}#g" -e "s#@REFRESH_BURST@#${NGINX_REFRESH_BURST}#g" \
    -e "s#@SECURITY_HEADERS@#/etc/nginx/cinema/security-headers.conf#g" -e "s#@TLS_LISTENER@#${tls_listener}#g" \
    -e "s#@REAL_IP_FROM@#${real_ip_from}#g" -e "s#@TRUSTED_PROXY_GEO@#${trusted_proxy_geo}#g" \
    /etc/nginx/cinema/nginx.conf.template >/etc/nginx/nginx.conf
exec nginx -g 'daemon off;'
