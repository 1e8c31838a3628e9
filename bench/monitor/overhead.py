"""Runs the monitors side by side, all at once, for DURATION seconds at 1 Hz, ROUNDS times, and prints per tool the
median share of one core used in the first minute (start-up included) and after it (when DURATION > 60), and the
median peak RSS.

CPU comes from /proc/PID/stat (every thread of the process); peak RSS is VmHWM from /proc/PID/status read just before
the end (ru_maxrss would count the forking parent's pages too).

Usage: overhead.py DURATION ROUNDS NAME=ATELIER_PATH...
"""
import os
import statistics
import subprocess
import sys
import time

duration, rounds = int(sys.argv[1]), int(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
chapter = os.path.join(here, "..", "python", "chapter_monitor.py")
tools = {}
for build in sys.argv[3:]:
    name, path = build.split("=", 1)
    tools[f"atelier monitor ({name})"] = [path, "monitor", "--interval", "1s", "--duration", f"{duration}s"]
    tools[f"atelier monitor --serve ({name})"] = [path, "monitor", "--interval", "1s", "--duration", f"{duration}s", "--serve", "0"]
    tools[f"atelier monitor --top 5 --json ({name})"] = [path, "monitor", "--interval", "1s", "--duration", f"{duration}s", "--top", "5", "--json"]
    tools[f"atelier monitor --cgroups --top 5 --json ({name})"] = [path, "monitor", "--interval", "1s", "--duration", f"{duration}s", "--top", "5", "--cgroups", "--json"]
tools["chapter (psutil, 2 threads)"] = ["/usr/bin/python3", chapter, str(duration)]
tools["glances --stdout"] = ["glances", "--stdout", "cpu.total,mem.percent,load", "--time", "1", "--stop-after", str(duration)]
tools["vmstat 1"] = ["vmstat", "1", str(duration)]
tools = {name: command for name, command in tools.items() if subprocess.run(["which", command[0]], capture_output=True).returncode == 0}
ticks = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


results = {name: [] for name in tools}
for round_number in range(rounds):
    started = time.monotonic()
    processes = {name: subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for name, command in tools.items()}
    minute = min(60, duration - 1)
    time.sleep(max(0, minute - (time.monotonic() - started)))
    first = {name: (cpu_seconds(p.pid), time.monotonic() - started) for name, p in processes.items()}
    time.sleep(max(0, duration - 1 - (time.monotonic() - started)))
    last = {name: (cpu_seconds(p.pid), time.monotonic() - started, peak_rss_mib(p.pid)) for name, p in processes.items()}
    for name, process in processes.items():
        code = process.wait()
        (cpu1, t1), (cpu2, t2, rss) = first[name], last[name]
        later = 100 * (cpu2 - cpu1) / (t2 - t1) if t2 - t1 > 10 else float("nan")
        results[name].append((100 * cpu1 / t1, later, rss, code))
    print(f"round {round_number + 1}: " + "; ".join(f"{n} {r[-1][0]:.2f}% {r[-1][1]:.2f}% {r[-1][2]:.1f} MiB" for n, r in results.items()), file=sys.stderr)

print(f"{duration} s at 1 Hz, {rounds} rounds, all tools running at once; medians; CPU as a share of one core")
print("| tool | CPU, first minute (start-up included) | CPU after the first minute | peak RSS | exit codes |")
print("|---|---:|---:|---:|---|")
for name, rows in results.items():
    median = lambda i: statistics.median(r[i] for r in rows)
    print(f"| {name} | {median(0):.2f}% | {median(1):.3f}% | {median(2):.1f} MiB | {sorted(set(r[3] for r in rows))} |")
