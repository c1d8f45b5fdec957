"""Shared parts of the test servers: a threaded HTTP server on 127.0.0.1 port 0 that
prints its port, scripted answers consumed in order, request counts at GET /_stats,
and the video file served whole, cut short, or replaced by text that is not a video.

Standard library only. Started by the Swift tests as `python3 SERVER.py CONFIG_JSON`;
stops when its standard input closes or it is killed."""

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Script:
    """Scripted answers, per kind, consumed one per request; "ok" once a list runs out."""

    def __init__(self, config):
        self.config = config
        self.lock = threading.Lock()
        self.queues = {}
        self.stats = {"requests": 0}

    def next(self, kind):
        with self.lock:
            queue = self.queues.setdefault(kind, list(self.config.get(kind, [])))
            return queue.pop(0) if queue else "ok"

    def count(self, name, amount=1):
        with self.lock:
            self.stats[name] = self.stats.get(name, 0) + amount

    def peak(self, name, value):
        with self.lock:
            self.stats[name] = max(self.stats.get(name, 0), value)

    def append(self, name, value):
        with self.lock:
            self.stats.setdefault(name, []).append(value)

    def snapshot(self):
        with self.lock:
            return json.loads(json.dumps(self.stats))


class Handler(BaseHTTPRequestHandler):
    """Base handler: JSON answers, the stats endpoint, scripted failures, video files."""

    protocol_version = "HTTP/1.0"
    script = None  # set by serve()

    def log_message(self, format, *args):
        pass

    def send_json(self, status, body, headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def read_json(self):
        length = int(self.headers.get("Content-Length", "0"))
        try:
            return json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return None

    def scripted_failure(self, answer, error_body):
        """Answers a scripted failure ("429:SECONDS", "500", "503", "slow:SECONDS");
        returns True when the request has been answered."""
        if answer.startswith("slow:"):
            time.sleep(float(answer.split(":")[1]))
            return False
        if answer.startswith("429"):
            seconds = answer.split(":")[1] if ":" in answer else "1"
            self.send_json(429, error_body("Throttling.RateQuota", "Requests rate limit exceeded"), {"Retry-After": seconds})
            return True
        if answer.isdigit():
            self.send_json(int(answer), error_body("InternalError", "scripted failure " + answer))
            return True
        return False

    def send_video(self):
        """Sends the configured video, or the scripted "short" (half of it, then the
        connection closes), "notvideo" (text), "undecodable" (the video with its avcC,
        the decoder's parameters, overwritten: it opens and counts its frames, but none
        decodes), "huge:BYTES" (that many bytes, streamed in 1 MiB chunks, with a
        Content-Length) or "huge-unsized:BYTES" (the same without one)."""
        self.script.count("downloads")
        if self.headers.get("Authorization"):
            self.script.count("downloads_with_credentials")
        answer = self.script.next("download")
        if answer.startswith("slow:"):
            time.sleep(float(answer.split(":")[1]))
        if answer.startswith("huge"):
            return self.send_huge(answer.startswith("huge-unsized"), int(answer.split(":")[1]))
        with open(self.script.config["video"], "rb") as file:
            data = file.read()
        if answer == "notvideo":
            data = b"<html>this is an error page, not a video</html>\n" * 20
        if answer == "undecodable":
            box = data.index(b"avcC") + 4
            data = data[:box] + bytes(~byte & 0xFF for byte in data[box:box + 24]) + data[box + 24:]
        self.send_response(200)
        self.send_header("Content-Type", "video/mp4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if answer == "short":
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data)

    def send_huge(self, unsized, size):
        """`size` bytes of zeros, never held whole, the connection closed after them."""
        self.send_response(200)
        self.send_header("Content-Type", "video/mp4")
        if not unsized:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = bytes(1 << 20)
        sent = 0
        try:
            while sent < size:
                self.wfile.write(chunk[: size - sent])
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client refused the rest
        self.script.count("huge_bytes_sent", min(sent, size))
        self.close_connection = True

    def answer_stats(self):
        self.send_json(200, self.script.snapshot())


def serve(handler_class, make_script):
    config = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    handler_class.script = make_script(config)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # Ends when the test closes our standard input (or kills us).
    sys.stdin.read()
    server.shutdown()
