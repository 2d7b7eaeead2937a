"""Client threads driving the targets at a fixed concurrency, interleaved.

The requests of every target are laid out round-robin (one of each target in turn, a target
dropping out when its count is reached); each thread takes the next request of that one list,
so every target is measured under the same mix of neighbours rather than alone.
"""

import dataclasses
import http.client
import itertools
import threading
import time

from .middleware import HEADER, TIME_HEADER
from .server import HOST


@dataclasses.dataclass(frozen=True)
class Target:
    name: str
    path: str
    cookie: str = ""  # a signed-in session ("sessionid=…"), or anonymous
    requests: int = 0  # 0: the run's number of requests per target


@dataclasses.dataclass(frozen=True)
class Sample:
    target: str
    latency_ms: float  # as the client saw it: waiting for a free worker included
    server_ms: float | None  # inside Django (the benchmark middleware's clock)
    status: int
    queries: int | None
    size: int


def fetch(port: int, target: Target) -> Sample:
    connection = http.client.HTTPConnection(HOST, port, timeout=600)
    headers = {"Host": HOST, "Accept-Language": "zh-hans"}
    if target.cookie:
        headers["Cookie"] = target.cookie
    started = time.perf_counter()
    try:
        connection.request("GET", target.path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        status, queries, server = response.status, response.getheader(HEADER), response.getheader(TIME_HEADER)
    except OSError:
        status, queries, server, body = 0, None, None, b""
    finally:
        connection.close()
    latency = (time.perf_counter() - started) * 1000
    return Sample(
        target.name, latency, float(server) if server else None, status, int(queries) if queries else None, len(body)
    )


def budgeted(targets: list[Target], warm: dict[str, Sample], requests: int, budget_s: float):
    """Split the targets by their warm-up time: those to drive, each with the requests that fit
    `budget_s` seconds (between 3 and `requests`), and those whose one request already took longer,
    which are reported from that request alone rather than keep the run going for hours."""
    driven, over = [], []
    for target in targets:
        seconds = warm[target.name].latency_ms / 1000
        if seconds > budget_s:
            over.append(target)
        else:
            fits = int(budget_s / seconds) if seconds else requests
            driven.append(dataclasses.replace(target, requests=max(3, min(requests, fits))))
    return driven, over


def interleaved(targets: list[Target], default_requests: int) -> list[Target]:
    remaining = {t.name: t.requests or default_requests for t in targets}
    order = []
    while any(remaining.values()):
        for target in targets:
            if remaining[target.name]:
                order.append(target)
                remaining[target.name] -= 1
    return order


def drive(
    port: int, targets: list[Target], requests: int, concurrency: int, duration: float | None = None
) -> tuple[list[Sample], float]:
    """Every target's requests from `concurrency` threads; the samples and the wall time in seconds.

    With `duration` (seconds) the same interleaved order is repeated until that time is up."""
    laid_out = interleaved(targets, requests)
    order = itertools.cycle(laid_out) if duration else iter(laid_out)
    deadline = time.perf_counter() + duration if duration else None
    lock = threading.Lock()
    samples: list[Sample] = []

    def client():
        while True:
            with lock:
                target = next(order, None)
            if target is None or (deadline and time.perf_counter() > deadline):
                return
            sample = fetch(port, target)
            with lock:
                samples.append(sample)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - started
