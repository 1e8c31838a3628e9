"""The chapter's exercise, for comparison: a collector thread samples CPU %, memory % and disk % of / every second
into 60-sample buffers, an alert thread checks them every 5 s (cpu > 80, memory > 85, disk > 90), and at the end it
prints the average and maximum of each metric. DURATION (seconds) replaces the chapter's "until Ctrl-C".

Usage: chapter_monitor.py [DURATION]   (Debian: python3-psutil)
"""
import collections
import sys
import threading
import time

import psutil

LIMITS = {"cpu": 80, "memory": 85, "disk": 90}
buffers = {name: collections.deque(maxlen=60) for name in LIMITS}
lock = threading.Lock()
stop = threading.Event()


def collect():
    while not stop.is_set():
        cpu = psutil.cpu_percent(interval=1)
        memory = psutil.virtual_memory().percent
        disk = psutil.disk_usage("/").percent
        with lock:
            buffers["cpu"].append(cpu)
            buffers["memory"].append(memory)
            buffers["disk"].append(disk)
        print(f"[{time.strftime('%H:%M:%S')}] CPU: {cpu:.1f}% | Memory: {memory:.1f}% | Disk: {disk:.1f}%", flush=True)


def alert():
    while not stop.wait(5):
        with lock:
            latest = {name: values[-1] for name, values in buffers.items() if values}
        for name, value in latest.items():
            if value > LIMITS[name]:
                print(f"ALERT: {name} at {value:.1f}% (limit {LIMITS[name]}%)", flush=True)


def main():
    duration = float(sys.argv[1]) if len(sys.argv) > 1 else float("inf")
    threads = [threading.Thread(target=collect, daemon=True), threading.Thread(target=alert, daemon=True)]
    for thread in threads:
        thread.start()
    try:
        stop.wait(duration)
    except KeyboardInterrupt:
        pass
    stop.set()
    for thread in threads:
        thread.join()
    with lock:
        for name, values in buffers.items():
            if values:
                print(f"{name}: average {sum(values) / len(values):.1f}%, maximum {max(values):.1f}%")


if __name__ == "__main__":
    main()
