"""Passwords and PINs, hashed with argon2 at a cost a workshop laptop can carry.

The server is often an instructor's 2-core laptop serving thirty trainees. argon2-cffi's
default (RFC 9106 low-memory: 64 MiB, t=3, p=4) reserves 64 MiB per check, and thirty
sign-ins at once took the server from 0.4 to 1.6 GB. We use OWASP's argon2id setting
(m=19 MiB, t=2, p=1) — bench/signin_bench.py prints what each candidate costs — and every
hash runs on one of ``CONCURRENT_HASHES`` worker threads shared by the whole process: a
burst waits its turn (each check takes a few tens of milliseconds) instead of failing, and
memory stays bounded whatever the number of clients. Worker threads rather than a mere
semaphore, because glibc keeps a freed 19 MiB block in the arena of the thread that used
it: hashing on thirty Streamlit threads left ~300 MiB resident, on two threads ~40 MiB. Hashes made with older settings still verify and
are replaced by a new hash on the next successful sign-in (``needs_rehash``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TIME_COST = 2
MEMORY_KIB = 19 * 1024
PARALLELISM = 1
CONCURRENT_HASHES = 2  # one per core of the laptop; ~2 x 19 MiB at the worst moment

# Process-wide and holding no user data: settings, two workers and a counter.
_hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)
_workers = ThreadPoolExecutor(max_workers=CONCURRENT_HASHES, thread_name_prefix="argon2")
_count_lock = threading.Lock()
_checks = 0

T = TypeVar("T")


def bounded(work: Callable[..., T], *args: object) -> T:
    """``work(*args)`` on one of the hashing workers; waits for a free one."""
    return _workers.submit(work, *args).result()


def hash_secret(secret: str) -> str:
    return bounded(_hasher.hash, secret)


def verify(secret_hash: str, secret: str) -> bool:
    """Whether ``secret`` matches ``secret_hash`` (any argon2 settings); counted."""
    global _checks
    with _count_lock:
        _checks += 1
    try:
        return bounded(_hasher.verify, secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(secret_hash: str) -> bool:
    """Whether a hash was made with other settings than today's (and should be renewed)."""
    try:
        return _hasher.check_needs_rehash(secret_hash)
    except InvalidHashError:
        return True


def checks_done() -> int:
    """How many secrets this process has checked (for the throttle's tests and the bench)."""
    return _checks
