#!/usr/bin/env python3
"""Measures the delay from a triggering event to its alert's webhook call, against a running silo.

The silo must run in live mode with private webhook targets allowed, e.g.
  dotnet silo/bin/Release/net10.0/Analytics.Silo.dll --urls http://127.0.0.1:5090 \
    --Analytics:DemoFeed=false --Analytics:DataDir= --Analytics:Alerts:AllowPrivateTargets=true
then:  scripts/alert-delay.py http://127.0.0.1:5090 [rounds]

Each round uses a fresh brand: one customer message (not judged: fewer than minOpened), the rule
{responseRateBelow, threshold 0.5, minOpened 2} with a webhook on this script's own receiver, a
quiet second, then a second customer message stamped now. The delay is from just before that POST
to the webhook's arrival here. Prints each delay and the median and maximum.
"""
import http.server, json, sys, threading, time, urllib.request, uuid
from datetime import datetime, timezone

silo = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5090"
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
arrivals, lock = {}, threading.Lock()

class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with lock:
            arrivals.setdefault(body["brand"], time.monotonic())
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
threading.Thread(target=server.serve_forever, daemon=True).start()
hook = f"http://127.0.0.1:{server.server_address[1]}/hook"

def call(method, path, body, content_type="application/json"):
    request = urllib.request.Request(silo + path, data=body.encode(), method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(request) as response:
        return response.read()

def event(brand, conversation, at):
    stamp = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return json.dumps({"id": str(uuid.uuid4()), "brand": brand, "conversationId": conversation, "direction": "inbound", "timestamp": stamp}) + "\n"

delays = []
for i in range(rounds):
    brand = f"delay-{uuid.uuid4().hex[:8]}"
    call("POST", "/api/events", event(brand, "c1", datetime.now(timezone.utc)), "application/x-ndjson")
    time.sleep(0.5)
    rules = {"rules": [{"kind": "responseRateBelow", "threshold": 0.5, "windowSeconds": 3600, "minOpened": 2}], "webhooks": [{"url": hook, "secret": "s"}]}
    call("PUT", f"/api/brands/{brand}/alerts", json.dumps(rules))
    time.sleep(1.2)
    start = time.monotonic()
    call("POST", "/api/events", event(brand, "c2", datetime.now(timezone.utc)), "application/x-ndjson")
    deadline = start + 10
    while time.monotonic() < deadline:
        with lock:
            if brand in arrivals:
                break
        time.sleep(0.002)
    with lock:
        arrived = arrivals.get(brand)
    if arrived is None:
        print(f"round {i + 1}: no webhook within 10 s")
        continue
    delays.append((arrived - start) * 1000)
    print(f"round {i + 1}: {delays[-1]:.0f} ms")

if delays:
    delays.sort()
    print(f"event -> webhook: median {delays[len(delays) // 2]:.0f} ms, max {delays[-1]:.0f} ms over {len(delays)} rounds")
