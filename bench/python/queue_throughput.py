"""The chapter's queue.Queue(5) with 2 producers and 2 consumers, for comparison with bench/run-core.sh."""
import queue
import sys
import threading
import time

ITEMS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
CAPACITY = int(sys.argv[2]) if len(sys.argv) > 2 else 5
STOP = object()


def produce(q, start, count):
    for i in range(start, start + count):
        q.put(i)


def consume(q, sums, slot):
    total = 0
    while True:
        item = q.get()
        if item is STOP:
            break
        total += item * 2
    sums[slot] = total


def run():
    q = queue.Queue(CAPACITY)
    sums = [0, 0]
    producers = [threading.Thread(target=produce, args=(q, p * ITEMS // 2, ITEMS // 2)) for p in range(2)]
    consumers = [threading.Thread(target=consume, args=(q, sums, c)) for c in range(2)]
    started = time.perf_counter()
    for t in producers + consumers:
        t.start()
    for t in producers:
        t.join()
    for _ in consumers:
        q.put(STOP)
    for t in consumers:
        t.join()
    elapsed = time.perf_counter() - started
    assert sum(sums) == ITEMS * (ITEMS - 1)
    return ITEMS / elapsed


rates = sorted(run() for _ in range(5))
print(f"queue.Queue({CAPACITY}), 2 producers / 2 consumers, {ITEMS:,} items: median {rates[2] / 1e6:.3f} M items/s")
