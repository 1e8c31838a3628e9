"""The chapter's exercise, for comparison: one thread per URL, each body held in memory, a line per URL.

Usage: chapter_downloader.py LIST   (URLs one per line). Standard library only (urllib instead of requests).
"""
import sys
import threading
import time
import urllib.request


class Download(threading.Thread):
    def __init__(self, url):
        super().__init__()
        self.url = url
        self.status = "waiting"

    def run(self):
        started = time.perf_counter()
        self.status = "in progress"
        try:
            with urllib.request.urlopen(self.url) as response:
                body = response.read()
                code = response.status
            self.status = "done"
            print(f"{self.url} {code} {len(body)} bytes {time.perf_counter() - started:.3f}s")
        except Exception as error:  # the chapter's error handling: report and carry on
            self.status = "failed"
            print(f"{self.url} failed: {error}")


def main():
    with open(sys.argv[1]) as urls:
        downloads = [Download(line.strip()) for line in urls if line.strip()]
    for download in downloads:
        download.start()
    for download in downloads:
        download.join()
    failed = sum(d.status == "failed" for d in downloads)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
