"""A stand-in for ingest- and predict-service over real HTTP, recording what it was sent and answering as told."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Stub:
    """Records every request; ``answers`` is a list of (status, body, headers) used up first, then 202."""

    def __init__(self, port=0):
        self.requests = []
        self.answers = []
        self.delay = 0.0
        self.lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                stub._answer(self)

            def do_PUT(self):
                stub._answer(self)

            def do_GET(self):
                stub._answer(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _answer(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length)) if length else None
        with self.lock:
            answer = self.answers.pop(0) if self.answers else None
            if answer is None or answer[0] < 300:
                self.requests.append((handler.command, handler.path, handler.headers.get("Authorization"), body))
        if self.delay:
            threading.Event().wait(self.delay)
        status, payload, headers = answer or (202, {"accepted": len(body) if isinstance(body, list) else 1}, {})
        data = json.dumps(payload).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    def events(self, path="/api/v1/checkpoints"):
        """Every event accepted at ``path``, in the order received."""
        with self.lock:
            return [e for method, p, _, body in self.requests if p.startswith(path) for e in body]

    def batches(self, path="/api/v1/checkpoints"):
        with self.lock:
            return [body for method, p, _, body in self.requests if p.startswith(path)]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
