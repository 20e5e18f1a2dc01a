"""Aria's model catalogue: resolving a model alias, and parsing models.yaml with PyYAML.

models.yaml (beside this file) is the service's single source of truth for
model names. Every LLM request names a model the way a person or an agent
wrote it ("step-35-flash-free", "openrouter/qwen3-coder:free") and the
gateway turns that into a catalogue key before anything else happens.

The catalogue is read with a small parser for the YAML subset it is written
in (below), so that resolution works and is measured without PyYAML; the
suite's tests check that this parser and a full YAML parser agree on the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

try:
    import yaml
except ImportError:  # PyYAML is optional: bench_yaml_parsing is skipped without it.
    yaml = None

MODELS_PATH = Path(__file__).resolve().parent / "models.yaml"
# Read once: the benchmarks time parsing and resolution, not the disk.
MODELS_TEXT = MODELS_PATH.read_text(encoding="utf-8")


# --- A reader for the YAML subset models.yaml uses --------------------------
# Block mappings, block lists of scalars, comments, quoted strings, and plain
# scalars that are null, booleans, decimal integers, decimal floats or text.
# Anything else (flow collections, anchors, multi-line strings, lists of
# mappings) is rejected rather than misread.

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)\Z")
_RESERVED = ("[", "{", "&", "*", "!", "|", ">", "%", "@", "`")


def _strip_comment(line: str) -> str:
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index]
    return line


def _scalar(text: str, where: int) -> Any:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        inner = text[1:-1]
        if "\\" in inner or text[0] in inner:
            raise ValueError(f"line {where}: escapes in quoted strings are outside the subset")
        return inner
    if text.startswith(_RESERVED) or text[0] in "'\"" or ": " in text:
        raise ValueError(f"line {where}: {text!r} is outside the YAML subset")
    lowered = text.lower()
    if lowered in ("null", "~"):
        return None
    if lowered in ("true", "false"):
        return lowered == "true"
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def parse_yaml_subset(text: str) -> Any:
    lines: list[tuple[int, str, int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        content = _strip_comment(raw).rstrip()
        if content.strip():
            stripped = content.lstrip(" ")
            lines.append((len(content) - len(stripped), stripped, number))
    if not lines:
        return None
    value, end = _block(lines, 0, lines[0][0])
    if end != len(lines):
        raise ValueError(f"line {lines[end][2]}: unexpected indentation")
    return value


def _is_item(content: str) -> bool:
    return content.startswith("- ") or content == "-"


def _block(lines: list[tuple[int, str, int]], pos: int, indent: int) -> tuple[Any, int]:
    if _is_item(lines[pos][1]):
        return _sequence(lines, pos, indent)
    return _mapping(lines, pos, indent)


def _sequence(lines: list[tuple[int, str, int]], pos: int, indent: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    while pos < len(lines) and lines[pos][0] == indent and _is_item(lines[pos][1]):
        item, number = lines[pos][1][1:].strip(), lines[pos][2]
        if not item or ": " in item or item.endswith(":"):
            raise ValueError(f"line {number}: only lists of scalars are in the subset")
        items.append(_scalar(item, number))
        pos += 1
    return items, pos


def _mapping(
    lines: list[tuple[int, str, int]], pos: int, indent: int
) -> tuple[dict[str, Any], int]:
    mapping: dict[str, Any] = {}
    while pos < len(lines) and lines[pos][0] == indent:
        _, content, number = lines[pos]
        key, colon, rest = content.partition(":")
        if not colon or (rest and not rest.startswith(" ")):
            raise ValueError(f"line {number}: expected 'key: value'")
        key = key.strip()
        if not key or key[0] in "'\"" or key.startswith(_RESERVED):
            raise ValueError(f"line {number}: {key!r} is not a plain key")
        if key in mapping:
            raise ValueError(f"line {number}: duplicate key {key!r}")
        rest = rest.strip()
        pos += 1
        if rest:
            mapping[key] = _scalar(rest, number)
        elif pos < len(lines) and lines[pos][0] > indent:
            mapping[key], pos = _block(lines, pos, lines[pos][0])
        elif pos < len(lines) and lines[pos][0] == indent and _is_item(lines[pos][1]):
            # YAML lets a list sit at its key's own indentation.
            mapping[key], pos = _sequence(lines, pos, indent)
        else:
            mapping[key] = None
    return mapping, pos


# --- The catalogue ----------------------------------------------------------


class ModelsConfig:
    """The parsed catalogue plus the lookup tables built from it."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.models: dict[str, dict[str, Any]] = raw["models"]
        self.prefixes = tuple(
            provider["routing_prefix"] for provider in raw["providers"].values()
        )
        self.by_name: dict[str, str] = {}
        for key, model in self.models.items():
            for name in (key, model["model_id"], *model.get("aliases", ())):
                self.by_name[name.lower()] = key


_loaded: ModelsConfig | None = None


def load_models_config() -> ModelsConfig:
    """Parses the catalogue on first use and keeps it, as the service does at start-up."""
    global _loaded
    config = _loaded
    if config is None:
        config = _loaded = ModelsConfig(parse_yaml_subset(MODELS_TEXT))
    return config


def normalize_model_id(name: str, config: ModelsConfig) -> str:
    """The catalogue key for a model name, alias, provider id or routed id.

    Unknown names come back unchanged (lower-cased and trimmed), because the
    gateway passes them through to the provider as they are.
    """
    wanted = name.strip().lower()
    for prefix in config.prefixes:
        if wanted.startswith(prefix):
            wanted = wanted[len(prefix) :]
            break
    key = config.by_name.get(wanted)
    if key is not None:
        return key
    for suffix in (":free", "-free", ":latest"):
        if wanted.endswith(suffix):
            key = config.by_name.get(wanted[: -len(suffix)])
            if key is not None:
                return key
    return wanted


def bench_model_resolution() -> str:
    """Load the catalogue and resolve the alias an agent asks for.

    Setup choice: like the service, the catalogue is parsed once and cached,
    so each call is the per-request path: the cache lookup plus the alias
    resolution (prefix and suffix handling, table lookups). Parsing the file
    here would time a start-up cost as if every request paid it;
    bench_yaml_parsing times the parse. About 0.7 us per call on CPython 3.11.7.
    """
    config = load_models_config()
    return normalize_model_id("step-35-flash-free", config)


def bench_yaml_parsing() -> Any:
    """Parse models.yaml with PyYAML's safe loader (pure Python, not the C loader).

    Setup choice: the file's text is read once at import and parsed from
    memory each call, so the time is YAML parsing and object building, not
    file-system latency. Skipped when PyYAML is not installed. About 7 ms
    per call on CPython 3.11.7 with PyYAML 6.
    """
    if yaml is None:
        import unittest

        raise unittest.SkipTest("PyYAML is not installed (pip install pyyaml to run it)")
    return yaml.safe_load(MODELS_TEXT)


def _self_check() -> None:
    config = load_models_config()
    cases = {
        "step-35-flash-free": "step-35-flash",
        "  OpenRouter/qwen3-coder:free ": "qwen3-coder",
        "ollama/qwen3-8b:latest": "qwen3-8b-local",
        "deepseek/deepseek-r1": "deepseek-r1",
        "glm-4.5-air-free": "glm-45-air",
        "some-new-model": "some-new-model",
    }
    for name, expected in cases.items():
        got = normalize_model_id(name, config)
        if got != expected:
            raise RuntimeError(
                f"bench_models self-check failed: {name!r} -> {got!r}, not {expected!r}"
            )
    for role, alias in config.raw["routing"].items():
        if normalize_model_id(alias, config) not in config.models:
            raise RuntimeError(
                f"bench_models self-check failed: routing.{role} {alias!r} is unknown"
            )


_self_check()
