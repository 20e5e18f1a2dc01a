"""Aria's chat engine: assembling the context window, and serialising a conversation to JSON.

Both benchmarks work on one fixed conversation of 50 messages, built once at
import from a seeded word generator (deterministic, no randomness between
runs). In the service the history comes from the database before either
operation starts, so building it is setup, not part of what is timed.
"""

from __future__ import annotations

import json
from typing import Any

HISTORY_LENGTH = 50
WINDOW = 30
TOKEN_BUDGET = 3000

_WORDS = (
    "the agent pool schedules skill calls against the model gateway while memory "
    "keeps a summary of each session; tokens cost money so the engine trims old "
    "turns, retries failed requests with backoff, and records latency, errors, "
    "tool results and embeddings for later retrieval. Aria answers briefly."
).split()

SYSTEM_PROMPT = (
    "You are Aria, a helpful assistant. Use tools when they help, cite what "
    "you retrieved, and keep answers short unless asked for detail."
)


def _text(seed: int, words: int) -> str:
    # A linear congruential sequence: varied but identical on every run and platform.
    state = seed
    picked = []
    for _ in range(words):
        state = (state * 1103515245 + 12345) % 2147483648
        picked.append(_WORDS[state % len(_WORDS)])
    return " ".join(picked)


def _conversation(length: int) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = []
    for i in range(length):
        role = "user" if i % 2 == 0 else "assistant"
        message: dict[str, Any] = {
            "id": f"msg-{i:04d}",
            "session_id": "sess-7f3a",
            "role": role,
            "content": _text(i + 1, 30 if role == "user" else 60 + (i * 37) % 140),
            "created_at": f"2025-01-15T09:{i // 60:02d}:{i % 60:02d}Z",
            "tokens_input": 0 if role == "user" else 420 + 13 * i,
            "tokens_output": 0 if role == "user" else 180 + 7 * i,
            "cost": 0.0 if role == "user" else round(0.00021 * (i + 1), 6),
        }
        if role == "assistant":
            message["thinking"] = _text(1000 + i, 40)
            message["tool_calls"] = (
                [{"name": "memory.search", "args": {"query": _text(2000 + i, 4), "limit": 5}}]
                if i % 3 == 0
                else None
            )
        messages.append(message)
    return messages


HISTORY = _conversation(HISTORY_LENGTH)


def count_tokens(text: str) -> int:
    """A tokenizer-free estimate: one token per short word, more for long ones."""
    return sum(1 + len(word) // 6 for word in text.split())


def assemble_context(
    history: list[dict[str, Any]], system_prompt: str, window: int, budget: int
) -> tuple[list[dict[str, str]], int]:
    """The prompt for the next model call, and its estimated token count.

    Takes the last `window` messages, counts their tokens, drops the oldest
    until the total fits `budget` (the system prompt always stays), and
    returns role/content pairs in the order the model reads them.
    """
    recent = history[-window:]
    counts = [count_tokens(message["content"]) for message in recent]
    total = count_tokens(system_prompt) + sum(counts)
    first = 0
    while total > budget and first < len(recent) - 1:
        total -= counts[first]
        first += 1
    context = [{"role": "system", "content": system_prompt}]
    context.extend({"role": m["role"], "content": m["content"]} for m in recent[first:])
    return context, total


def bench_context_assembly() -> tuple[list[dict[str, str]], int]:
    """Sliding window of 30 over 50 messages, token counting and budget trimming.

    Setup choice: the 50-message history is a module-level fixture; the
    timed operation is the window, the token estimate over every kept
    message, and the trimmed prompt list. About 0.33 ms per call on CPython 3.11.7.
    """
    return assemble_context(HISTORY, SYSTEM_PROMPT, WINDOW, TOKEN_BUDGET)


def bench_json_serialization() -> str:
    """json.dumps of the 50-message conversation (about 43 KB of JSON).

    Setup choice: the messages are a module-level fixture, so only the
    serialisation is timed. json's encoder runs in C, so this is the suite's
    control: the JIT has little to speed up here, and a large change in
    either direction points at noise or at the harness, not at the JIT.
    About 0.3 ms per call on CPython 3.11.7.
    """
    return json.dumps(HISTORY)


def _self_check() -> None:
    context, total = assemble_context(HISTORY, SYSTEM_PROMPT, WINDOW, TOKEN_BUDGET)
    kept = context[1:]
    if not (
        context[0]["content"] == SYSTEM_PROMPT
        and 0 < len(kept) < WINDOW
        and total <= TOKEN_BUDGET
        and kept[-1]["content"] == HISTORY[-1]["content"]
        and json.loads(json.dumps(HISTORY)) == HISTORY
    ):
        raise RuntimeError("bench_chat self-check failed: the window or the fixture is wrong")


_self_check()
