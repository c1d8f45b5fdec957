"""A ComfyUI test server: POST /prompt, GET /history/{id}, GET /view as the ComfyUI
server API documents them, on 127.0.0.1. Prompts run one after another, each for
"job_seconds", like ComfyUI's queue.

Config (JSON, first argument): "video" (the MP4 it serves), "job_seconds", "layout"
("core": SaveVideo's images with animated [true]; "vhs": VideoHelperSuite's gifs;
"none": no video output), and scripted answers consumed in order: "prompt" ("400" with
node_errors, "500", "429:SECONDS"), "outcomes" ("error", "oom"), "download" ("short",
"notvideo"). POST /queue {"delete": [ids]} withdraws prompts. GET /_stats: requests, prompts,
downloads, withdrawn, max_queued (prompts queued or running at once), workflows (every
workflow received).

GET /ws?clientId=ID is ComfyUI's websocket (RFC 6455, written out here with the standard
library): it pings the client first and sends a binary preview, then, for each prompt
queued with that client_id, the messages ComfyUI sends while it runs — first another
prompt's executing (node null) and execution_error, as ComfyUI sends every client for a
prompt queued without a client ID, then execution_start,
executing (node "3"), progress 1 to 4 of 4 over the prompt's time (the second one in two
fragments), then executing with node null and execution_success, or execution_error for
an "error" or "oom" outcome. "websocket": false answers /ws with 404 (a proxy that does
not pass it); "early_error": true sends the execution_error as the prompt starts, long
before its history says so. Stats: websockets, pongs (answers to the ping with its
payload), unmasked (client frames without a mask, which RFC 6455 forbids), closes."""

import base64
import email.parser
import email.policy
import hashlib
import json
import queue
import select
import struct
import threading
import time
import uuid
from urllib.parse import parse_qs, urlparse

from script_server import Handler, Script, serve

PLACEHOLDERS = ["{prompt}", "{negative}", "{seed}", "{frames}", "{seconds}", "{fps}", "{width}", "{height}",
                "{reference}"]


def error_body(code, message):
    return {"error": {"type": code, "message": message, "details": "", "extra_info": {}}, "node_errors": {}}


GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
PING = b"animatic?"


def frame(opcode, payload, final=True):
    """A server frame: never masked."""
    head = bytes([(0x80 if final else 0) | opcode])
    if len(payload) < 126:
        head += bytes([len(payload)])
    elif len(payload) < 65536:
        head += bytes([126]) + struct.pack(">H", len(payload))
    else:
        head += bytes([127]) + struct.pack(">Q", len(payload))
    return head + payload


def client_frames(buffer):
    """The whole client frames at the start of buffer, as (opcode, payload, masked), and the rest."""
    frames = []
    while len(buffer) >= 2:
        opcode, length, offset = buffer[0] & 0x0F, buffer[1] & 0x7F, 2
        masked = bool(buffer[1] & 0x80)
        if length == 126:
            if len(buffer) < 4:
                break
            length, offset = struct.unpack(">H", buffer[2:4])[0], 4
        elif length == 127:
            if len(buffer) < 10:
                break
            length, offset = struct.unpack(">Q", buffer[2:10])[0], 10
        mask = buffer[offset:offset + 4] if masked else b"\0\0\0\0"
        offset += 4 if masked else 0
        if len(buffer) < offset + length:
            break
        payload = bytes(byte ^ mask[index % 4] for index, byte in enumerate(buffer[offset:offset + length]))
        frames.append((opcode, payload, masked))
        buffer = buffer[offset + length:]
    return frames, buffer


class ComfyScript(Script):
    def __init__(self, config):
        super().__init__(config)
        self.prompts = {}
        self.queue_end = 0.0
        self.sockets = {}  # client ID -> queue of messages for its websocket

    def narrate(self, client_id, prompt_id, starts, ends, outcome):
        """Sends the messages ComfyUI sends while the prompt runs, at their times."""
        with self.lock:
            messages = self.sockets.get(client_id)
        if messages is None:
            return
        time.sleep(max(0.0, starts - time.monotonic()))
        messages.put({"type": "execution_start", "data": {"prompt_id": prompt_id}})
        messages.put({"type": "executing", "data": {"node": "3", "display_node": "3", "prompt_id": prompt_id}})
        error = {"type": "execution_error", "data": {
            "prompt_id": prompt_id, "node_id": "3", "node_type": "KSampler", "executed": [],
            "exception_message": "torch.OutOfMemoryError: CUDA out of memory" if outcome == "oom"
            else "mat1 and mat2 shapes cannot be multiplied",
            "exception_type": "RuntimeError", "traceback": ["  File \"/srv/secret/path.py\", line 1"]}}
        # A prompt someone queued without a client ID: ComfyUI tells every client about it.
        messages.put({"type": "executing", "data": {"node": None, "prompt_id": "someone-else"}})
        messages.put(dict(error, data=dict(error["data"], prompt_id="someone-else")))
        if outcome in ("error", "oom") and self.config.get("early_error"):
            messages.put(error)
            return
        for step in range(1, 5):
            time.sleep(max(0.0, starts + (ends - starts) * step / 4 - time.monotonic()))
            with self.lock:
                prompt = self.prompts.get(prompt_id)
            if prompt is None or prompt["outcome"] == "interrupted":
                return
            messages.put({"type": "progress", "data": {"value": step, "max": 4, "prompt_id": prompt_id, "node": "3"}})
        if outcome in ("error", "oom"):
            messages.put(error)
        else:
            messages.put({"type": "executing", "data": {"node": None, "prompt_id": prompt_id}})
            messages.put({"type": "execution_success", "data": {"prompt_id": prompt_id}})

    def queued(self, now):
        return sum(1 for prompt in self.prompts.values() if prompt["ends"] > now)


def strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


class ComfyHandler(Handler):
    def upload(self):
        """POST /upload/image: a multipart form whose `image` part is a PNG; answers its name."""
        length = int(self.headers.get("Content-Length", "0"))
        data = self.rfile.read(length)
        message = email.parser.BytesParser(policy=email.policy.default).parsebytes(
            b"Content-Type: " + self.headers.get("Content-Type", "").encode() + b"\r\n\r\n" + data)
        for part in message.iter_parts() if message.is_multipart() else []:
            if part.get_param("name", header="content-disposition") == "image":
                content = part.get_payload(decode=True) or b""
                if not content.startswith(b"\x89PNG\r\n\x1a\n"):
                    return self.send_json(400, error_body("invalid_image", "not a PNG"))
                name = part.get_filename()
                self.script.append("uploads", name)
                return self.send_json(200, {"name": name, "subfolder": "", "type": "input"})
        return self.send_json(400, error_body("invalid_image", "no image part"))

    def do_POST(self):
        self.script.count("requests")
        if self.path == "/upload/image":
            return self.upload()
        body = self.read_json()
        if self.path == "/interrupt":
            prompt_id = body.get("prompt_id") if isinstance(body, dict) else None
            with self.script.lock:
                running = self.script.prompts.get(prompt_id)
                if running is not None:
                    # Only that prompt stops, as ComfyUI does when given its ID.
                    running["outcome"] = "interrupted"
                    running["ends"] = time.monotonic()
            self.script.append("interrupted", prompt_id)
            return self.send_json(200, {})
        if self.path == "/queue":
            with self.script.lock:
                for prompt_id in body.get("delete", []) if isinstance(body, dict) else []:
                    if self.script.prompts.pop(prompt_id, None):
                        self.script.stats["withdrawn"] = self.script.stats.get("withdrawn", 0) + 1
            return self.send_json(200, {})
        if self.path != "/prompt":
            return self.send_json(404, {"error": "not found"})
        answer = self.script.next("prompt")
        if answer == "400":
            return self.send_json(400, {
                "error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation",
                          "details": "", "extra_info": {}},
                "node_errors": {"3": {"errors": [{"type": "value_not_in_list", "message": "Value not in list",
                                                   "details": "sampler_name: 'eulerx' not in [...]"}],
                                      "dependent_outputs": ["9"], "class_type": "KSampler"}}})
        if self.scripted_failure(answer, error_body):
            return
        workflow = body.get("prompt") if isinstance(body, dict) else None
        if not isinstance(workflow, dict) or not isinstance(body.get("client_id"), str):
            return self.send_json(400, error_body("invalid_prompt", "prompt and client_id are required"))
        left = [text for text in strings(workflow) if any(token in text for token in PLACEHOLDERS)]
        if left:
            return self.send_json(400, error_body("invalid_prompt", "placeholder left: " + left[0]))
        script = self.script
        now = time.monotonic()
        prompt_id = str(uuid.uuid4())
        outcome = script.next("outcomes")
        with script.lock:
            starts = max(now, script.queue_end)
            script.queue_end = starts + float(script.config.get("job_seconds", 0.2))
            script.prompts[prompt_id] = {"ends": script.queue_end, "outcome": outcome}
        threading.Thread(target=script.narrate, args=(body["client_id"], prompt_id, starts, script.queue_end, outcome),
                         daemon=True).start()
        script.peak("max_queued", script.queued(now))
        script.count("prompts")
        script.append("workflows", workflow)
        self.send_json(200, {"prompt_id": prompt_id, "number": script.stats["prompts"], "node_errors": {}})

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/_stats":
            return self.answer_stats()
        if url.path == "/ws":
            # Counted apart from the requests, as websockets.
            return self.websocket(parse_qs(url.query).get("clientId", [""])[0])
        self.script.count("requests")
        if url.path == "/view":
            query = parse_qs(url.query)
            if query.get("type") != ["output"] or not query.get("filename"):
                return self.send_json(400, {"error": "bad view query"})
            self.script.append("views", query["filename"][0])
            return self.send_video()
        if not url.path.startswith("/history/"):
            return self.send_json(404, {"error": "not found"})
        prompt_id = url.path.rsplit("/", 1)[1]
        with self.script.lock:
            prompt = self.script.prompts.get(prompt_id)
        if prompt is None or time.monotonic() < prompt["ends"]:
            return self.send_json(200, {})
        self.send_json(200, {prompt_id: self.history(prompt_id, prompt)})

    def websocket(self, client_id):
        """The websocket of client_id, until the client closes it."""
        if not self.script.config.get("websocket", True) or self.headers.get("Upgrade", "").lower() != "websocket":
            return self.send_json(404, {"error": "not found"})
        accept = base64.b64encode(hashlib.sha1((self.headers["Sec-WebSocket-Key"] + GUID).encode()).digest()).decode()
        messages = queue.Queue()
        with self.script.lock:
            self.script.sockets[client_id] = messages
        self.script.count("websockets")
        self.close_connection = True
        connection = self.connection
        connection.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: %s\r\n\r\n" % accept).encode())
        connection.sendall(frame(0x9, PING) + frame(0x2, b"\0\0\0\1" + b"\x89PNG preview"))
        split = True
        buffer = b""
        while True:
            try:
                message = messages.get(timeout=0.02)
            except queue.Empty:
                message = None
            try:
                if message is not None:
                    data = json.dumps(message).encode()
                    if split and message["type"] == "progress":
                        # One message in two fragments, as a server may send it.
                        split = False
                        connection.sendall(frame(0x1, data[:10], final=False) + frame(0x0, data[10:]))
                    else:
                        connection.sendall(frame(0x1, data))
                if not select.select([connection], [], [], 0)[0]:
                    continue
                data = connection.recv(65536)
            except OSError:
                return
            if not data:
                return
            frames, buffer = client_frames(buffer + data)
            for opcode, payload, masked in frames:
                if not masked:
                    self.script.count("unmasked")
                if opcode == 0xA and payload == PING:
                    self.script.count("pongs")
                if opcode == 0x8:
                    self.script.count("closes")
                    try:
                        connection.sendall(frame(0x8, payload[:2]))
                    except OSError:
                        pass
                    return

    def history(self, prompt_id, prompt):
        if prompt["outcome"] in ("error", "oom"):
            exception = "torch.OutOfMemoryError: CUDA out of memory" if prompt["outcome"] == "oom" else "mat1 and mat2 shapes cannot be multiplied"
            return {"prompt": [], "outputs": {}, "status": {"status_str": "error", "completed": False, "messages": [
                ["execution_start", {"prompt_id": prompt_id}],
                ["execution_error", {"prompt_id": prompt_id, "node_id": "3", "node_type": "KSampler",
                                     "exception_message": exception, "exception_type": "RuntimeError"}]]}}
        layout = self.script.config.get("layout", "core")
        name = "animatic_%s_00001_.mp4" % prompt_id[:8]
        outputs = {"12": {"images": [{"filename": "preview_00001_.png", "subfolder": "", "type": "temp"}]}}
        if layout == "core":
            outputs["9"] = {"images": [{"filename": name, "subfolder": "video", "type": "output"}], "animated": [True]}
        elif layout == "vhs":
            outputs["9"] = {"gifs": [{"filename": name, "subfolder": "", "type": "output",
                                      "format": "video/h264-mp4", "frame_rate": 16.0}]}
        return {"prompt": [], "outputs": outputs,
                "status": {"status_str": "success", "completed": True, "messages": []}}


if __name__ == "__main__":
    serve(ComfyHandler, ComfyScript)
