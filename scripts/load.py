#!/usr/bin/env python3
"""A small closed-loop load generator for the portal on loopback.

    scripts/load.py --base http://127.0.0.1:8200 --users 50 --seconds 60 \
        --mix expert:park-demo-2014:/workspace/,/venture/reviews/ --mix applicant:park-demo-2014:/workspace/

Each virtual user signs in as one of the --mix accounts (round robin), then requests that account's paths in
turn until the time is up. Prints JSON: requests, errors, median and p95 latency per path and overall.
Only loopback addresses are accepted as targets.

By default the loop is closed with no think time: each user sends its next request as soon as the last one
returns, so 50 users are 50 requests always in flight. --think SECONDS makes each user pause after every
response for a random time between 0 and twice SECONDS (SECONDS on average), as a person reading the page
would, and before its first request too, so that the users do not all arrive at once; the latencies measured
are the same (from sending a request to its response)."""

import argparse
import http.cookiejar
import json
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

LOOPBACK = re.compile(r"^https?://(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else None


def sign_in(base, username, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(f"{base}/accounts/login/", data=data.encode(), headers={"Referer": base + "/"})
    response = opener.open(request, timeout=30)
    if "/accounts/login/" in response.geturl():
        raise SystemExit(f"could not sign in as {username}")
    return opener


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--mix", action="append", required=True, help="username:password:/path1,/path2")
    parser.add_argument("--think", type=float, default=0, help="mean pause in seconds after each response")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    if not LOOPBACK.match(base):
        raise SystemExit("refusing: the load test only targets this machine's loopback")
    accounts = []
    for mix in args.mix:
        username, password, paths = mix.split(":", 2)
        accounts.append((username, password, paths.split(",")))

    results, lock = [], threading.Lock()

    ready = threading.Barrier(args.users + 1)

    def virtual_user(n):
        username, password, paths = accounts[n % len(accounts)]
        opener = sign_in(base, username, password)
        pause = random.Random(n)
        ready.wait()
        if args.think:
            time.sleep(pause.uniform(0, 2 * args.think))
        i = n
        while time.monotonic() < stop_at:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                status = opener.open(base + path, timeout=30).status
            except urllib.error.HTTPError as error:
                status = error.code
            except Exception:
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                results.append((path, status, elapsed))
            if args.think:
                time.sleep(min(pause.uniform(0, 2 * args.think), max(0.0, stop_at - time.monotonic())))

    threads = [threading.Thread(target=virtual_user, args=(n,), daemon=True) for n in range(args.users)]
    for thread in threads:
        thread.start()
    stop_at = float("inf")  # set once everyone is signed in
    ready.wait()
    stop_at = time.monotonic() + args.seconds
    for thread in threads:
        thread.join(args.seconds + 60)

    latencies = [r[2] for r in results]
    report = {
        "users": args.users,
        "seconds": args.seconds,
        "think_seconds": args.think,
        "requests": len(results),
        "errors": sum(1 for r in results if r[1] != 200),
        "requests_per_second": round(len(results) / args.seconds, 1),
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
        "paths": {},
    }
    for path in sorted({r[0] for r in results}):
        values = [r[2] for r in results if r[0] == path]
        report["paths"][path] = {
            "requests": len(values),
            "errors": sum(1 for r in results if r[0] == path and r[1] != 200),
            "median_ms": round(statistics.median(values), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
