"""Accuracy under load: two busy processes keep both cores about 70% busy while atelier samples CPU every second for
DURATION seconds; psutil measures the same span (cpu_percent primed before atelier starts, read after it ends).
Prints both averages and the difference in points, ROUNDS times.

Usage: accuracy.py ATELIER DURATION ROUNDS   (Debian: python3-psutil)
"""
import json
import multiprocessing
import statistics
import subprocess
import sys
import time

import psutil


def busy(stop, duty=0.7, period=0.1):
    while not stop.is_set():
        end = time.perf_counter() + duty * period
        while time.perf_counter() < end:
            pass
        time.sleep((1 - duty) * period)


def main():
    atelier, duration, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(f"CPU average over {duration} s under a ~70% load on every core; atelier vs psutil over the same span")
    print("| round | atelier | psutil | difference |")
    print("|---:|---:|---:|---:|")
    differences = []
    for round_number in range(1, rounds + 1):
        stop = multiprocessing.Event()
        workers = [multiprocessing.Process(target=busy, args=(stop,)) for _ in range(psutil.cpu_count())]
        for worker in workers:
            worker.start()
        time.sleep(2)
        psutil.cpu_percent()
        output = subprocess.run([atelier, "monitor", "--json", "--interval", "1s", "--duration", f"{duration}s"], capture_output=True, text=True, check=True).stdout
        reference = psutil.cpu_percent()
        stop.set()
        for worker in workers:
            worker.join()
        samples = [json.loads(line)["cpu"] for line in output.splitlines()]
        measured = statistics.fmean(samples)
        differences.append(measured - reference)
        print(f"| {round_number} | {measured:.2f}% ({len(samples)} samples) | {reference:.2f}% | {measured - reference:+.2f} |")
    print(f"largest difference: {max(map(abs, differences)):.2f} points")


if __name__ == "__main__":
    main()
