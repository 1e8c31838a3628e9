#!/usr/bin/env python3
"""A generated web site for crawl benchmarks, served with a fixed latency per request (HTTP/1.1, keep-alive).

    site_server.py PORT PAGES LATENCY_MS LOG

Page i (/s/<i // 100>/p<i>.html) links to ten pages chosen by a fixed hash of i, to a stylesheet, and to two of
PAGES // 4 images; the stylesheet links one more image. / is page 0; robots.txt disallows nothing. Every request is
one line of LOG (the path), so a benchmark can count what was asked for twice. With PAGES over 20,000 nothing is
random and the delay should be 0: the 100,000-page memory run.
"""
import asyncio, sys

port, pages, latency, log_path = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]) / 1000, sys.argv[4]
images = max(1, pages // 4)
log = open(log_path, "a", buffering=1)

def page(i):
    links = "".join(f'<li><a href="/s/{j // 100}/p{j}.html">page {j}</a></li>' for j in ((i * 7919 + k * 104729) % pages for k in range(10)))
    imgs = "".join(f'<img src="/img/i{(i * 31 + k) % images}.png" alt="">' for k in range(2))
    return (f'<!doctype html><html><head><title>Page {i}</title><link rel="stylesheet" href="/style.css"></head>'
            f'<body><h1>Page {i}</h1><p>{"Lorem ipsum dolor sit amet. " * 20}</p>{imgs}<ul>{links}</ul></body></html>').encode()

def answer(path):
    if path in ("/", "/index.html"):
        return 200, "text/html", page(0)
    if path == "/robots.txt":
        return 200, "text/plain", b"User-agent: *\nDisallow:\n"
    if path == "/style.css":
        return 200, "text/css", b'body { background: url("/img/i0.png") }'
    if path.startswith("/img/i") and path.endswith(".png"):
        return 200, "image/png", b"\x89PNG" + bytes(2000)
    if path.startswith("/s/") and path.endswith(".html"):
        try:
            i = int(path.rsplit("/p", 1)[1][:-5])
            if 0 <= i < pages and path == f"/s/{i // 100}/p{i}.html":
                return 200, "text/html", page(i)
        except ValueError:
            pass
    return 404, "text/plain", b"not found"

async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ", 2)[1].decode()
            log.write(path + "\n")
            if latency:
                await asyncio.sleep(latency)
            status, kind, body = answer(path.split("?", 1)[0])
            writer.write(f"HTTP/1.1 {status} {'OK' if status == 200 else 'Not Found'}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()

async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()

asyncio.run(main())
