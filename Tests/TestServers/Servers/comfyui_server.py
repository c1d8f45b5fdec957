"""A ComfyUI test server: POST /prompt, GET /history/{id}, GET /view as the ComfyUI
server API documents them, on 127.0.0.1. Prompts run one after another, each for
"job_seconds", like ComfyUI's queue.

Config (JSON, first argument): "video" (the MP4 it serves), "job_seconds", "layout"
("core": SaveVideo's images with animated [true]; "vhs": VideoHelperSuite's gifs;
"none": no video output), and scripted answers consumed in order: "prompt" ("400" with
node_errors, "500", "429:SECONDS"), "outcomes" ("error", "oom"), "download" ("short",
"notvideo"). POST /queue {"delete": [ids]} withdraws prompts. GET /_stats: requests, prompts,
downloads, withdrawn, max_queued (prompts queued or running at once), workflows (every
workflow received)."""

import email.parser
import email.policy
import json
import time
import uuid
from urllib.parse import parse_qs, urlparse

from script_server import Handler, Script, serve

PLACEHOLDERS = ["{prompt}", "{negative}", "{seed}", "{frames}", "{seconds}", "{fps}", "{width}", "{height}",
                "{reference}"]


def error_body(code, message):
    return {"error": {"type": code, "message": message, "details": "", "extra_info": {}}, "node_errors": {}}


class ComfyScript(Script):
    def __init__(self, config):
        super().__init__(config)
        self.prompts = {}
        self.queue_end = 0.0

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
            script.queue_end = max(now, script.queue_end) + float(script.config.get("job_seconds", 0.2))
            script.prompts[prompt_id] = {"ends": script.queue_end, "outcome": outcome}
        script.peak("max_queued", script.queued(now))
        script.count("prompts")
        script.append("workflows", workflow)
        self.send_json(200, {"prompt_id": prompt_id, "number": script.stats["prompts"], "node_errors": {}})

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/_stats":
            return self.answer_stats()
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
