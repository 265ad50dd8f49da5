# Sourced by the tests that serve a site with real nginx (Debian's nginx, not a daemon):
# start_nginx DIR SERVER_BLOCK starts it on 127.0.0.1 with everything under DIR (pid,
# logs, temporary files) and waits until it answers; stop_nginx ends it. The server
# block is the caller's: the shipped deploy/nginx/hgj.conf made local by local_site_conf.
# local_status_site_conf adds the screens' status folder (below).
# reload_nginx DIR makes the running nginx read DIR/nginx.conf again (after an edit).
# Needs `fail` and "$HGJ_SOURCE_DIR".

nginx_pid=
nginx_bin=${NGINX:-/usr/sbin/nginx}
[ -x "$nginx_bin" ] || fail "$nginx_bin is missing (scripts/deps.sh installs Debian's nginx)"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The shipped server block (deploy/nginx/hgj.conf) as the test runs it: on 127.0.0.1:PORT,
# serving ROOT, with the snippet from the source tree. Everything else is as shipped.
local_site_conf() {
  local port=$1 root=$2
  sed -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$port;|" -e '/listen \[::\]:80;/d' \
      -e "s|^\( *\)root /var/www/hgj;|\1root $root;|" \
      -e "s|/etc/nginx/snippets/hgj-site.conf|$HGJ_SOURCE_DIR/deploy/nginx/hgj-site.conf|" \
      "$HGJ_SOURCE_DIR/deploy/nginx/hgj.conf"
}

# local_status_site_conf PORT ROOT STATUS_DIR sets $server to local_site_conf's block with
# the shipped status snippet (deploy/nginx/hgj-status.conf) included and pointed at
# STATUS_DIR (its copy written to STATUS_DIR.conf), as docs/kiosk.md sets it up; fails
# when either shipped file lost the line turned here.
local_status_site_conf() {
  local port=$1 root=$2 status=$3
  mkdir -p "$status"
  sed -e "s|alias /var/www/hgj-status/;|alias $status/;|" \
    "$HGJ_SOURCE_DIR/deploy/nginx/hgj-status.conf" > "$status.conf"
  grep -q "alias $status/;" "$status.conf" || fail "the status snippet has no alias to point at the test's folder"
  server=$(local_site_conf "$port" "$root" |
    sed -e "s|# include /etc/nginx/snippets/hgj-status.conf;|include $status.conf;|")
  grep -q "include $status.conf;" <<< "$server" || fail "hgj.conf has no status include line to turn on"
}

start_nginx() {
  local dir=$1 servers=$2 port=$3
  mkdir -p "$dir/logs" "$dir/temp"
  local user=
  # As root the workers would become nobody, who cannot read the test's folders.
  [ "$(id -u)" -eq 0 ] && user="user root;"
  local modules=
  [ -f /usr/lib/nginx/modules/ngx_http_dav_ext_module.so ] &&
    modules="load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;"
  cat > "$dir/nginx.conf" <<CONF
$modules
$user
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $dir/logs/access.log;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    sendfile on;
$servers
}
CONF
  "$nginx_bin" -t -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" > "$dir/nginx-t.log" 2>&1 ||
    { cat "$dir/nginx-t.log"; fail "nginx -t rejects the configuration"; }
  "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" -g 'daemon off;' \
    > "$dir/nginx.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    kill -0 "$nginx_pid" 2> /dev/null || { cat "$dir/nginx.log" "$dir/logs/error.log"; fail "nginx exited"; }
    sleep 0.1
  done
  fail "nginx did not answer on 127.0.0.1:$port within 10 s"
}

reload_nginx() {
  local dir=$1
  "$nginx_bin" -t -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" > "$dir/nginx-t.log" 2>&1 ||
    { cat "$dir/nginx-t.log"; fail "nginx -t rejects the edited configuration"; }
  kill -HUP "$nginx_pid"
}

stop_nginx() {
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2> /dev/null; then
    kill "$nginx_pid"
    wait "$nginx_pid" 2> /dev/null || true
  fi
  nginx_pid=
}
