#!/usr/bin/env python3
"""Seed corpora of the fuzz targets, made from tests/fixtures (nothing large
is committed): fuzz/corpus/<target>/ gets the rules documents, conditions,
orders, compiled rules and support codes the fixtures hold.

usage: scripts/fuzz-seeds.py ORDERLENS_CLI [OUT_DIR]   (OUT_DIR: fuzz/corpus)
"""
import glob, hashlib, json, os, random, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cli = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "fuzz", "corpus")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def dump(v):
    return json.dumps(v, ensure_ascii=False)


docs, orders, conditions = [], [], set()
paths = sorted(glob.glob(os.path.join(root, "tests/fixtures/cases/*.json")) +
               glob.glob(os.path.join(root, "tests/fixtures/errors/*.json")))
for p in paths:
    with open(p, encoding="utf-8") as f:
        case = json.load(f)
    if isinstance(case.get("rules"), (dict, str)):
        docs.append(case["rules"] if isinstance(case["rules"], str) else dump(case["rules"]))
    if isinstance(case.get("order"), dict):
        orders.append(dump(case["order"]))
for p in ["examples/rules.json", "www/rules.json", "src/rules/defaults.json"]:
    with open(os.path.join(root, p), encoding="utf-8") as f:
        docs.append(f.read())
with open(os.path.join(root, "examples/order.json"), encoding="utf-8") as f:
    orders.append(f.read())

for d in docs:
    put("rules_document", d)
    try:
        v = json.loads(d)
    except ValueError:
        continue
    for r in v.get("rules", []) if isinstance(v, dict) else []:
        if isinstance(r, dict):
            for k in ["when", "wait_until"]:
                if isinstance(r.get(k), str):
                    conditions.add(r[k])
for c in sorted(conditions):
    put("condition", c)
for o in orders:
    put("order", o)

# Compiled rules: every document the CLI compiles, in full and English only.
with tempfile.TemporaryDirectory() as tmp:
    doc_path, olr = os.path.join(tmp, "rules.json"), os.path.join(tmp, "rules.olr")
    for d in docs:
        with open(doc_path, "w", encoding="utf-8") as f:
            f.write(d)
        for extra in [[], ["--locales", "en"]]:
            r = subprocess.run([cli, "compile", doc_path, "--out", olr] + extra,
                               capture_output=True)
            if r.returncode == 0:
                with open(olr, "rb") as f:
                    put("compiled_bytes", f.read())
    with open(os.path.join(root, "src/rules/defaults.olr"), "rb") as f:
        put("compiled_bytes", f.read())

    # Support codes of a few fixture diagnoses.
    order_path = os.path.join(tmp, "order.json")
    for o in orders[:40]:
        with open(order_path, "w", encoding="utf-8") as f:
            f.write(o)
        r = subprocess.run([cli, "explain", order_path, "--json", "--now", "2026-11-21T02:05:00Z"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            code = json.loads(r.stdout).get("support_code")
            if code:
                put("support_code", code)

# valid_until reads its input as choices: random bytes are as good a start
# as any (fixed seed, so the corpus is the same on every machine).
rng = random.Random(9)
for _ in range(64):
    put("valid_until", bytes(rng.randrange(256) for _ in range(48)))

for t in sorted(os.listdir(out)):
    print(f"{t}: {len(os.listdir(os.path.join(out, t)))} seeds")
