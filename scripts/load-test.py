#!/usr/bin/env python3
"""A bounded load test of `rapport serve` from a second process on loopback.

Starts the server on a free port, then: 200 concurrent GET requests spread over the pages, and 20
run submissions at once. Every answer must be a success (200, or 303 after a submission); the server
must stay up, run at most its --slots runs at a time, and finish every queued run. Prints latency
percentiles. Usage: scripts/load-test.py PATH/TO/rapport
"""
import concurrent.futures
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = ["/scenarios", "/history", "/compare", "/assets/app.css", "/assets/app.js", "/runs/1", "/scenarios/1", "/compare?a=1&b=2"]
CONCURRENT_GETS = 200
SUBMISSIONS = 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, (time.perf_counter() - start) * 1000, data, response.getheader("Location")


def percentiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    return f"p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, p99 {pick(0.99):.1f} ms, max {values[-1]:.1f} ms"


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/rapport")
    data = tempfile.mkdtemp(prefix="rapport-load-")
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--data", data, "--scenarios", os.path.join(ROOT, "scenarios")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                request(port, "GET", "/history")
                break
            except OSError:
                time.sleep(0.05)
        page = request(port, "GET", "/scenarios")[2].decode()
        csrf = re.search(r'csrf-token" content="([0-9a-f]+)"', page).group(1)
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        # A scenario of the user's and two finished runs, so every page has something to show.
        request(port, "POST", "/scenarios/new", urllib.parse.urlencode({"_csrf": csrf, "from": "validation/erlang-c.yaml"}), form)
        for _ in range(2):
            request(port, "POST", "/shipped/run", urllib.parse.urlencode({"_csrf": csrf, "path": "validation/erlang-c.yaml"}), form)
        for _ in range(600):
            if b"2 running" not in request(port, "GET", "/history")[2] and request(port, "GET", "/runs/2")[2].count(b"downloads") > 0:
                break
            time.sleep(0.1)

        # 200 concurrent page requests, and 20 run submissions at the same moment.
        barrier = threading.Barrier(CONCURRENT_GETS + SUBMISSIONS)
        def get(i):
            barrier.wait()
            return ("GET",) + request(port, "GET", PAGES[i % len(PAGES)])
        def submit(i):
            barrier.wait()
            body = urllib.parse.urlencode({"_csrf": csrf, "path": "validation/erlang-c.yaml"})
            return ("POST",) + request(port, "POST", "/shipped/run", body, form)
        with concurrent.futures.ThreadPoolExecutor(max_workers=CONCURRENT_GETS + SUBMISSIONS) as pool:
            futures = [pool.submit(get, i) for i in range(CONCURRENT_GETS)] + [pool.submit(submit, i) for i in range(SUBMISSIONS)]
            results = [f.result() for f in futures]
        failures = [(m, s) for m, s, _, _, _ in results if not (s == 200 or (m == "POST" and s == 303))]
        assert not failures, f"failed requests: {failures[:10]} ({len(failures)} in all)"
        gets = [ms for m, _, ms, _, _ in results if m == "GET"]
        posts = [ms for m, _, ms, _, _ in results if m == "POST"]
        run_ids = sorted(int(loc.rsplit("/", 1)[1]) for m, _, _, _, loc in results if m == "POST")
        assert len(set(run_ids)) == SUBMISSIONS, run_ids

        # The queue holds: never more than one run computing, and every run finishes.
        most_running, start = 0, time.time()
        while time.time() - start < 300:
            history = request(port, "GET", "/history")[2].decode()
            running = int(re.search(r"(\d+) running", history).group(1))
            most_running = max(most_running, running)
            if history.count('status finished') == SUBMISSIONS + 2:
                break
            time.sleep(0.2)
        assert history.count('status finished') == SUBMISSIONS + 2, "not every queued run finished"
        assert most_running <= 1, f"{most_running} runs computed at once with --slots 1"
        assert server.poll() is None, "the server stopped"
        print(f"load test: {CONCURRENT_GETS} concurrent page requests: {percentiles(gets)}")
        print(f"load test: {SUBMISSIONS} simultaneous run submissions: {percentiles(posts)}; all {SUBMISSIONS} runs finished, at most {most_running} computing at once")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
