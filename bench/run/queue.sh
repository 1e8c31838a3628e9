#!/usr/bin/env bash
# atelier run with a local pool against the same jobs through a Redis queue, on one machine: 1000 x `sleep 0.01`,
# local -j4 against --queue with 2 workers x -j2 and redis-server on loopback, in rotation. The targets: the queue
# keeps >= 0.8x the local throughput; signed jobs (--queue-secret) cost at most 5% of the queue's throughput, TLS
# (rediss:// to a second redis-server speaking only TLS, with a CA made here) at most 15%.
#   bench/run/queue.sh [ROUNDS] [JOBS]
# Needs: redis-server (Debian, built with TLS), openssl, GNU time.
set -euo pipefail
rounds=${1:-5}
jobs=${2:-1000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
port=6401
tls_port=6402

# A CA and a server certificate for 127.0.0.1, for the TLS server.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out "$work/ca.crt" -subj /CN=bench-ca -days 1 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout "$work/server.key" -out "$work/server.csr" -subj /CN=localhost 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$work/san"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -out "$work/server.crt" -days 1 -extfile "$work/san" 2>/dev/null
head -c 32 /dev/urandom | base64 > "$work/secret"

redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$work/redis.pid" >/dev/null
redis-server --port 0 --tls-port "$tls_port" --tls-cert-file "$work/server.crt" --tls-key-file "$work/server.key" \
    --tls-ca-cert-file "$work/ca.crt" --tls-auth-clients no --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$work/redis-tls.pid" >/dev/null
trap 'kill $(cat "$work/redis.pid") $(cat "$work/redis-tls.pid") 2>/dev/null; rm -rf "$work"' EXIT
source "$here/../install.sh"
install_atelier "$work"
atelier=$ATELIER
printf "0.01\n%.0s" $(seq "$jobs") > "$work/values"  # each job: sleep 0.01

queued() {  # queued NAME ADDRESS [OPTIONS...]: 2 workers x -j2 and one run, all with OPTIONS
    local queue=$2; shift 2
    "$atelier" worker --queue "$queue" -j 2 "$@" 2>/dev/null & w1=$!
    "$atelier" worker --queue "$queue" -j 2 "$@" 2>/dev/null & w2=$!
    /usr/bin/time -f "%e" -o "$work/time" "$atelier" run --quiet --queue "$queue" "$@" sleep < "$work/values" >/dev/null
    kill -TERM $w1 $w2; wait $w1 $w2 || true
}

for round in $(seq 1 "$rounds"); do
    for mode in local queue signed tls tls+signed; do
        case $mode in
            local) /usr/bin/time -f "%e" -o "$work/time" "$atelier" run -j4 --quiet sleep < "$work/values" >/dev/null ;;
            queue) queued "$mode" "redis://127.0.0.1:$port/bench$round" ;;
            signed) queued "$mode" "redis://127.0.0.1:$port/signed$round" --queue-secret "$work/secret" ;;
            tls) queued "$mode" "rediss://127.0.0.1:$tls_port/tls$round" --queue-ca "$work/ca.crt" ;;
            tls+signed) queued "$mode" "rediss://127.0.0.1:$tls_port/both$round" --queue-ca "$work/ca.crt" --queue-secret "$work/secret" ;;
        esac
        printf '%s\t%s\n' "$mode" "$(cat "$work/time")" >> "$work/results.tsv"
    done
done

python3 - "$work/results.tsv" "$jobs" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    mode, seconds = line.split()
    rows[mode].append(float(seconds))
jobs = int(sys.argv[2])
local = statistics.median(rows["local"])
queue = statistics.median(rows["queue"])
print(f"{jobs} x sleep 0.01, medians of {len(rows['local'])} rounds")
print("| mode | wall | jobs/s | throughput vs local | vs plain queue |")
print("|---|---:|---:|---:|---:|")
for mode, label in (("local", "local -j4"), ("queue", "--queue, 2 workers x -j2, Redis on loopback"),
                    ("signed", "--queue with --queue-secret"), ("tls", "--queue over TLS (rediss://)"),
                    ("tls+signed", "--queue over TLS, signed")):
    wall = statistics.median(rows[mode])
    print(f"| {label} | {wall:.2f} s | {jobs / wall:.0f} | {local / wall:.2f} | {queue / wall:.2f} |")
PY
