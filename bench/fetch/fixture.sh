#!/usr/bin/env bash
# The download benchmark's server: nginx on 127.0.0.1 serving the reference workloads, and their URL lists.
#   fixture.sh start DIR [PORT]   DIR/www/small: 10,000 x 16 KiB   -> DIR/small.txt
#                                 DIR/www/large: 4 x 256 MiB        -> DIR/large.txt
#                                 /capped/NAME: the large files at 16 MB/s per connection; /slow/NAME at 200 KB/s;
#                                 the same tree on PORT+1, a mirror
#                                 (-> DIR/capped.txt)
#   fixture.sh stop DIR
# Needs the Debian package nginx. Files are random bytes, made once and kept in DIR.
set -euo pipefail
action=${1:?usage: fixture.sh start|stop DIR [PORT]}
root=$(realpath -m "${2:?usage: fixture.sh start|stop DIR [PORT]}")
port=${3:-8089}

make_files() {
    mkdir -p "$root/www/small" "$root/www/large"
    if [ ! -e "$root/www/small/s09999.bin" ]; then
        # One random stream cut into 10,000 files of exactly 16 KiB.
        head -c $((10000 * 16384)) /dev/urandom | split --bytes=16384 --numeric-suffixes --suffix-length=5 --additional-suffix=.bin - "$root/www/small/s"
    fi
    for n in 0 1 2 3; do
        [ -e "$root/www/large/l$n.bin" ] || head -c $((256 << 20)) /dev/urandom > "$root/www/large/l$n.bin"
    done
}

write_lists() {
    local base="http://127.0.0.1:$port"
    (cd "$root/www/small" && ls -1 | sed "s|^|$base/small/|") > "$root/small.txt"
    (cd "$root/www/large" && ls -1 | sed "s|^|$base/large/|") > "$root/large.txt"
    (cd "$root/www/large" && ls -1 | sed "s|^|$base/capped/|") > "$root/capped.txt"
}

case $action in
start)
    make_files
    mkdir -p "$root/nginx/temp"
    cat > "$root/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $root/nginx/nginx.pid;
error_log $root/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $root/nginx/temp;
    proxy_temp_path $root/nginx/temp;
    fastcgi_temp_path $root/nginx/temp;
    uwsgi_temp_path $root/nginx/temp;
    scgi_temp_path $root/nginx/temp;
    server {
        listen 127.0.0.1:$port;
        root $root/www;
        # The large files at 16 MB/s per connection (segmented downloads), and at 200 KB/s (progress to watch).
        location /capped/ { limit_rate 16m; alias $root/www/large/; }
        location /slow/ { limit_rate 200k; alias $root/www/large/; }
    }
    # The same tree on the next port: a second host, to use as a mirror.
    server {
        listen 127.0.0.1:$((port + 1));
        root $root/www;
        location /capped/ { limit_rate 16m; alias $root/www/large/; }
    }
}
CONF
    nginx -c "$root/nginx/nginx.conf"
    write_lists
    echo "nginx on http://127.0.0.1:$port serving $root/www ($(wc -l < "$root/small.txt") small, $(wc -l < "$root/large.txt") large)"
    ;;
stop)
    if [ -e "$root/nginx/nginx.pid" ]; then
        kill "$(cat "$root/nginx/nginx.pid")"
        echo "nginx stopped"
    fi
    ;;
*)
    echo "usage: fixture.sh start|stop DIR [PORT]" >&2
    exit 1
    ;;
esac
