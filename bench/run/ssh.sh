#!/usr/bin/env bash
# atelier run -S against GNU parallel -S, with two OpenSSH servers on loopback as the "hosts", same logins, same
# --ssh, in rotation. The targets (issue 31):
#   300 x `true` over 4/h1,4/h2: atelier at most 0.5x parallel's time;
#   20 files through --trc (names with spaces and quotes): the same returned files as GNU parallel's;
#   three `--semaphore -j 1 sleep 1` take >= 3 s together, and a fourth with -j 2 overlaps.
# Also measured (no target): --nonall (uname -n on each host) and --onall (50 x true on each host).
#   bench/run/ssh.sh [ROUNDS]
# Needs: root (it makes a user `atelierbench` with /bin/sh as its shell, the hosts' login: a plain server account, not
# this machine's root with its shell start-up files), openssh-server, GNU parallel, rsync (GNU parallel's --trc),
# GNU time.
set -euo pipefail
rounds=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
chmod 755 "$work"
user=atelierbench

id "$user" >/dev/null 2>&1 || useradd -m -s /bin/sh "$user"
usermod -p '*' "$user"  # no password, but not locked: sshd lets a key in
ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
cp "$work/user_key.pub" "$work/authorized_keys"
chmod 644 "$work/authorized_keys"
mkdir -p /run/sshd
pids=()
for n in 1 2; do
    port=$((2400 + n))
    cat > "$work/sshd$n.conf" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile $work/sshd$n.pid
UsePAM no
StrictModes no
UseDNS no
PasswordAuthentication no
MaxSessions 200
MaxStartups 200
EOF
    /usr/sbin/sshd -D -f "$work/sshd$n.conf" -E "$work/sshd$n.log" & pids+=($!)
    printf 'Host h%s\n  HostName 127.0.0.1\n  Port %s\n' "$n" "$port" >> "$work/ssh_config"
done
cat >> "$work/ssh_config" <<EOF
Host *
  User $user
  IdentityFile $work/user_key
  IdentitiesOnly yes
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  BatchMode yes
EOF
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
ssh=(ssh -F "$work/ssh_config")
source "$here/../install.sh"
install_atelier "$work"
atelier=$ATELIER
seq 300 > "$work/values"

for round in $(seq 1 "$rounds"); do
    /usr/bin/time -f "%e" -o "$work/time" "$atelier" run -S 4/h1,4/h2 --ssh "${ssh[*]}" true :::: "$work/values"
    printf 'atelier\t%s\n' "$(cat "$work/time")" >> "$work/results.tsv"
    /usr/bin/time -f "%e" -o "$work/time" parallel -S 4/h1,4/h2 --ssh "${ssh[*]}" true :::: "$work/values"
    printf 'parallel\t%s\n' "$(cat "$work/time")" >> "$work/results.tsv"
    /usr/bin/time -f "%e" -o "$work/time" "$atelier" run --nonall -S h1,h2 --ssh "${ssh[*]}" uname -n > /dev/null
    printf 'atelier-nonall\t%s\n' "$(cat "$work/time")" >> "$work/results.tsv"
    /usr/bin/time -f "%e" -o "$work/time" parallel --nonall -S h1,h2 --ssh "${ssh[*]}" uname -n > /dev/null
    printf 'parallel-nonall\t%s\n' "$(cat "$work/time")" >> "$work/results.tsv"
    /usr/bin/time -f "%e" -o "$work/time" "$atelier" run --onall -S h1,h2 --ssh "${ssh[*]}" true ::: $(seq 50)
    printf 'atelier-onall\t%s\n' "$(cat "$work/time")" >> "$work/results.tsv"
    /usr/bin/time -f "%e" -o "$work/time" parallel --onall -S h1,h2 --ssh "${ssh[*]}" true ::: $(seq 50)
    printf 'parallel-onall\t%s\n' "$(cat "$work/time")" >> "$work/results.tsv"
done

# 20 files there and back: each tool in a copy of the same folder; the returned files must be the same.
mkdir -p "$work/files"
for i in $(seq 1 20); do
    case $((i % 3)) in
        0) name="file $i.txt" ;;
        1) name="it's $i.txt" ;;
        *) name="plain$i.txt" ;;
    esac
    head -c $((i * 1000)) /dev/urandom | base64 > "$work/files/$name"
done
cp -r "$work/files" "$work/by-atelier"
cp -r "$work/files" "$work/by-parallel"
chmod -R a+rwX "$work/by-atelier" "$work/by-parallel"
(cd "$work/by-atelier" && ls | "$atelier" run -S 4/h1,4/h2 --ssh "${ssh[*]}" --trc {}.sum --shell 'sha256sum {} > {}.sum')
(cd "$work/by-parallel" && ls | parallel -S 4/h1,4/h2 --ssh "${ssh[*]}" --trc {}.sum 'sha256sum {} > {}.sum' 2> "$work/parallel-trc.err") || true
returned=$(ls "$work/by-atelier"/*.sum | wc -l)
by_parallel=$(ls "$work/by-parallel"/*.sum | wc -l)
# Every file GNU parallel returned must be byte for byte the one atelier returned.
trc=same
for sum in "$work/by-parallel"/*.sum; do cmp -s "$sum" "$work/by-atelier/$(basename "$sum")" || trc=DIFFERENT; done
left=$(su "$user" -c 'ls ~ | grep -c -e "\.txt" || true')

# The semaphore across separate invocations.
sem_id="bench-$$"
start=$(date +%s%N)
for i in 1 2 3; do "$atelier" run --semaphore --id "$sem_id" -j 1 sleep 1; done
"$atelier" run --semaphore --wait --id "$sem_id"
three=$(( ($(date +%s%N) - start) / 1000000 ))
start=$(date +%s%N)
"$atelier" run --semaphore --id "$sem_id" -j 1 sleep 1
"$atelier" run --semaphore --id "$sem_id" -j 2 sleep 1
"$atelier" run --semaphore --wait --id "$sem_id"
overlap=$(( ($(date +%s%N) - start) / 1000000 ))

python3 - "$work/results.tsv" <<PY
import collections, statistics, sys
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, seconds = line.split()
    rows[tool].append(float(seconds))
a, p = statistics.median(rows["atelier"]), statistics.median(rows["parallel"])
print(f"300 x true over 4/h1,4/h2, medians of {len(rows['atelier'])}: atelier {a:.2f} s, GNU parallel {p:.2f} s: {a / p:.2f}x (target <= 0.5x)")
print(f"  atelier runs: {' '.join(f'{s:.2f}' for s in rows['atelier'])}; parallel runs: {' '.join(f'{s:.2f}' for s in rows['parallel'])}")
for kind, what in (("nonall", "--nonall uname -n on h1,h2"), ("onall", "--onall 50 x true on h1,h2")):
    a, p = statistics.median(rows[f"atelier-{kind}"]), statistics.median(rows[f"parallel-{kind}"])
    print(f"{what}, medians: atelier {a:.2f} s, GNU parallel {p:.2f} s: {a / p:.2f}x")
print("20 files through --trc: atelier returned $returned, GNU parallel $by_parallel (its rsync fails on names with spaces or quotes); the $by_parallel both returned: $trc; files left in the hosts' home: $left")
print(f"semaphore: three -j 1 sleep 1: {$three / 1000:.2f} s (target >= 3 s); a -j 1 and a -j 2 together: {$overlap / 1000:.2f} s (overlap: < 2 s)")
PY
