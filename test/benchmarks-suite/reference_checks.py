"""Facts about the bundled suite that are too costly or too specific for its import-time checks.

Usage: python reference_checks.py SUITE_DIR

Prints one JSON object on stdout:
  {"richards10000": [queued, held],
   "modelsSubset": <models.yaml as read by the suite's own YAML-subset parser>,
   "subsetRejects": {"<case>": "ValueError: ..." | "accepted: <value>"}}

The test compares richards10000 with the published reference and
modelsSubset with an independent YAML parser. Standard library only.
"""

import importlib.util
import json
import sys
from pathlib import Path

# Constructs outside the subset: each must be refused, never misread.
_OUTSIDE_SUBSET = {
    "flow list": "aliases: [a, b]\n",
    "flow mapping": "limits: {rpm: 1}\n",
    "list of mappings": "models:\n  - name: a\n    tier: free\n",
    "anchor": "base: &b x\n",
    "block string": "banner: |\n  hello\n",
    "escaped quote": 'id: "a\\"b"\n',
    "missing colon": "models\n",
    "over-indented line": "a: 1\n    b: 2\n",
    "duplicate key": "a: 1\na: 2\n",
    "quoted key": '"tests/**": 1\n',
    "nested mapping on one line": "a: b: c\n",
    "unclosed quote": 'a: "b\n',
}


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main(suite):
    richards = _load(suite / "classics" / "bench_richards.py", "_ref_richards")
    models = _load(suite / "aria" / "bench_models.py", "_ref_models")
    rejects = {}
    for case, text in _OUTSIDE_SUBSET.items():
        try:
            rejects[case] = f"accepted: {models.parse_yaml_subset(text)!r}"
        except ValueError as error:
            rejects[case] = f"ValueError: {error}"
    report = {
        "richards10000": list(richards.simulate(10000)),
        "modelsSubset": models.parse_yaml_subset(models.MODELS_PATH.read_text(encoding="utf-8")),
        "subsetRejects": rejects,
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
