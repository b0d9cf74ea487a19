#!/usr/bin/env python3
"""Rewrites the two documents derived from the metric registry after a metric is added or
reworded: the README's metric table and the metric properties of schema/result.schema.json.

Usage: scripts/sync-metric-docs.py [path/to/rapport]   (default .build/release/rapport)
MetricRegistryTests and ResultSchemaTests check both, so a stale copy fails the suite.
"""
import json, os, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rapport = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/rapport")

def replace_atomically(path, text):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".sync-", suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)

metrics = json.loads(subprocess.check_output([rapport, "metrics", "--format", "json"]))
table = subprocess.check_output([rapport, "metrics", "--format", "markdown"], text=True)

readme_path = os.path.join(root, "README.md")
readme = open(readme_path).read()
begin = "<!-- metrics:begin (generated from MetricRegistry; MetricRegistryTests checks it) -->\n"
end = "<!-- metrics:end -->"
start, stop = readme.index(begin) + len(begin), readme.index(end)
replace_atomically(readme_path, readme[:start] + table + readme[stop:])

schema_path = os.path.join(root, "schema/result.schema.json")
schema = json.load(open(schema_path))
properties = schema["$defs"]["variant"]["properties"]["metrics"]["properties"]
rebuilt = {}
for m in metrics:
    entry = dict(properties.get(m["name"], {"$ref": "#/$defs/summary"}))
    entry["description"] = f'{m["definition"]} Over: {m["over"]}. Unit: {m["unit"]}. Better: {m["better"]}.'
    rebuilt[m["name"]] = entry
schema["$defs"]["variant"]["properties"]["metrics"]["properties"] = rebuilt
replace_atomically(schema_path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
print(f"sync-metric-docs: {len(metrics)} metrics written to README.md and schema/result.schema.json")
