"""Per-client rate limiting for the public app.

Contract: `RateLimiter(max_requests, window_s).check(key)` records a request for `key` (a client address or
session) and raises `RateLimited` with the wait in plain words when the key has made `max_requests` requests within
the last `window_s` seconds. Thread-safe; memory is bounded by forgetting idle keys.
"""
from __future__ import annotations

import threading
import time
from collections import deque

from .errors import SoraSpaceError


class RateLimited(SoraSpaceError):
    exit_code = 7

    def __init__(self, wait_s: float):
        super().__init__(f"You are sending requests too quickly. Please wait {max(1, round(wait_s))} s and try again.")
        self.wait_s = wait_s


class RateLimiter:
    def __init__(self, max_requests: int, window_s: float, clock=time.monotonic):
        self.max_requests, self.window_s, self.clock = max_requests, window_s, clock
        self._hits: dict[str, deque] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        if self.max_requests <= 0:
            return  # limiting switched off
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.window_s:
                hits.popleft()
            if len(hits) >= self.max_requests:
                raise RateLimited(self.window_s - (now - hits[0]))
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients
                for k in [k for k, v in self._hits.items() if not v or now - v[-1] >= self.window_s]:
                    del self._hits[k]
