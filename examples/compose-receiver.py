"""The demo receiver of docker-compose.yml: verifies each delivery's Standard Webhooks signature
(webhook-id, webhook-timestamp, webhook-signature, signed with BILLING_HOOK_SECRET) and prints it.
Answers 204 to a delivery it verified, 401 to one it did not; GET /healthz answers 200."""
import base64
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = base64.b64decode(os.environ["BILLING_HOOK_SECRET"].removeprefix("whsec_"))
TOLERANCE_SECONDS = 300


def verified(headers, body):
    msg_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    expected = base64.b64encode(hmac.new(SECRET, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
    offered = [part.split(",", 1)[1] for part in headers.get("webhook-signature", "").split() if part.startswith("v1,")]
    return any(hmac.compare_digest(expected, signature) for signature in offered)


class Receiver(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/healthz" else 404)
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        ok = verified(self.headers, body)
        print(("verified " if ok else "REFUSED (bad signature) ") + self.path + " " + self.headers.get("webhook-id", "")
              + " " + json.dumps(json.loads(body or b"null"))[:200], flush=True)
        self.send_response(204 if ok else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8090"))), Receiver).serve_forever()
