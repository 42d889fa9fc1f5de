#!/usr/bin/env python3
"""Writes N synthetic orders as NDJSON to stdout, covering every status.

    python3 benches/gen_orders.py 1000000 > /tmp/orders.ndjson
"""
import json
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rng = random.Random(7)
statuses = ["pending_payment", "unconfirmed", "confirmed", "shipped", "delivered", "completed", "cancelled", "refunded"]
codes = ["card_declined", "insufficient_funds", "expired_card", "fraud_suspected", "processing_error", None, "weird_code"]
pstates = ["none", "pending", "processing", "requires_action", "failed", "succeeded"]
out = sys.stdout
for i in range(n):
    day = rng.randint(1, 28)
    hour = rng.randint(0, 23)
    created = f"2026-11-{day:02d}T{hour:02d}:{rng.randint(0,59):02d}:00+08:00"
    status = rng.choice(statuses)
    o = {
        "id": f"O-{i}",
        "status": status,
        "created_at": created,
        "currency": "CNY",
        "total": rng.randint(100, 100000),
        "payment": {
            "method": rng.choice(["card", "wallet", "bank_transfer"]),
            "state": rng.choice(pstates),
            "failure_code": rng.choice(codes),
            "attempts": rng.randint(0, 3),
            "updated_at": created,
        },
        "items": [{"sku": f"S{j}", "name": f"Item {j}", "qty": 1, "in_stock": rng.random() > 0.1, "restock_at": None} for j in range(rng.randint(1, 4))],
        "shipment": {"carrier": "SF", "tracking_url": "https://t.example/x", "shipped_at": created, "expected_at": None, "delivered_at": created if status in ("delivered", "completed") else None} if status in ("shipped", "delivered", "completed") else None,
        "cancellation": {"requested_at": created, "by": rng.choice(["buyer", "seller"]), "reason": "out_of_stock", "state": "approved"} if status in ("cancelled", "refunded") else None,
        "refund": {"requested_at": created} if status == "refunded" else None,
        "dispute": None,
    }
    out.write(json.dumps(o, separators=(",", ":")))
    out.write("\n")
