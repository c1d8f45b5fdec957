"""A DashScope test server: the asynchronous video-synthesis protocol of Alibaba Cloud
Model Studio as documented (create, poll, download), and its OpenAI-compatible chat endpoint, on 127.0.0.1.

Config (JSON, first argument): "key" (the API key it accepts), "video" (the MP4 it
serves), "task_seconds" (how long a task runs), and scripted answers consumed in order:
"create" and "poll" ("429:SECONDS", "500", "slow:SECONDS"), "outcomes" for successive
tasks ("SUCCEEDED", "FAILED:CODE", "CANCELED", "UNKNOWN"), "download" ("short",
"notvideo", "undecodable", "huge:BYTES", "huge-unsized:BYTES"), "throttle_seconds" (every create that long from the first answers 429), "chat"
for the chat endpoint ("429:SECONDS", "500"), "chat_reply" (the revised prompt it answers),
"chat_malformed" (an answer without choices). GET /_stats: requests, creates, polls,
downloads, unauthorized, max_running (tasks running at once), bodies (create bodies), chats
and chat_bodies, headers (every header value it got)."""

import json
import time
import uuid

from script_server import Handler, Script, serve

SIZES_22 = {"832*480", "480*832", "624*624", "1920*1080", "1080*1920", "1440*1440", "1632*1248", "1248*1632"}
SIZES_26 = {"1280*720", "720*1280", "960*960", "1088*832", "832*1088",
            "1920*1080", "1080*1920", "1440*1440", "1632*1248", "1248*1632"}
PROMPT_LIMITS = {"wan2.6-t2v": 1500, "wan2.6-i2v": 1500, "wan2.7-t2v": 5000, "wan2.7-i2v": 5000}
CREATE = "/api/v1/services/aigc/video-generation/video-synthesis"
CHAT = "/compatible-mode/v1/chat/completions"


def error_body(code, message):
    return {"code": code, "message": message, "request_id": str(uuid.uuid4())}


def openai_error(code, message):
    """The compatible mode's error body: {"error": {"message", "type", "code"}}."""
    return {"error": {"message": message, "type": code, "code": code}, "request_id": str(uuid.uuid4())}


class DashScopeScript(Script):
    def __init__(self, config):
        super().__init__(config)
        self.tasks = {}

    def running(self, now):
        return sum(1 for task in self.tasks.values() if task["ends"] > now)


def validate(body):
    """The documented limits; the message of the first broken one, else None."""
    if not isinstance(body, dict) or not isinstance(body.get("input"), dict):
        return "input is required"
    model = body.get("model")
    prompt = body["input"].get("prompt")
    limit = PROMPT_LIMITS.get(model, 800)
    if not isinstance(prompt, str) or not prompt or len(prompt) > limit:
        return "input.prompt must be 1 to %d characters" % limit
    if len(body["input"].get("negative_prompt", "")) > 500:
        return "input.negative_prompt must be at most 500 characters"
    parameters = body.get("parameters", {})
    if "-t2v" in model and ("img_url" in body["input"] or "media" in body["input"]):
        return "%s is text-to-video: it takes no image (use its image-to-video model)" % model
    seed = parameters.get("seed", 0)
    if not isinstance(seed, int) or not 0 <= seed <= 2147483647:
        return "parameters.seed must be an integer in [0, 2147483647]"
    if model == "wan2.7-t2v":
        # wan2.7 takes resolution and ratio; the old size is refused, as the service does.
        if "size" in parameters:
            return "parameters.size is not supported by wan2.7-t2v; use resolution and ratio"
        if parameters.get("resolution") not in ("720P", "1080P"):
            return "parameters.resolution must be 720P or 1080P"
        if parameters.get("ratio") not in ("16:9", "9:16", "1:1", "4:3", "3:4"):
            return "parameters.ratio must be 16:9, 9:16, 1:1, 4:3 or 3:4"
    elif model == "wan2.6-t2v":
        if "resolution" in parameters:
            return "parameters.resolution is not supported by wan2.6-t2v; use size"
        if parameters.get("size") not in SIZES_26:
            return "parameters.size is not supported by wan2.6-t2v"
        if not isinstance(parameters.get("audio", True), bool):
            return "parameters.audio must be true or false"
    elif model in ("wan2.6-i2v", "wan2.5-i2v-preview"):
        # Image-to-video from a first frame, wan2.6 and earlier: the frame in input.img_url
        # (a URL or base64); the aspect ratio follows the image, so there is no size.
        image = body["input"].get("img_url")
        if "media" in body["input"]:
            return "input.media is not supported by %s; use input.img_url" % model
        if not isinstance(image, str) or not (
                image.startswith("data:image/png;base64,") or image.startswith("https://")):
            return "input.img_url must be an image URL or base64 data"
        if "size" in parameters:
            return "parameters.size is not supported by %s; the image sets the shape" % model
        if model == "wan2.5-i2v-preview":
            if parameters.get("resolution") not in ("480P", "720P", "1080P"):
                return "parameters.resolution must be 480P, 720P or 1080P"
            if parameters.get("duration", 5) not in (5, 10):
                return "parameters.duration must be 5 or 10 for wan2.5-i2v-preview"
        elif parameters.get("resolution") not in ("720P", "1080P"):
            return "parameters.resolution must be 720P or 1080P"
    elif model == "wan2.7-i2v":
        # wan2.7's image-to-video protocol: the frames in input.media, typed; img_url is the
        # old protocol's and refused. The aspect ratio follows the first frame: no size, no ratio.
        if "img_url" in body["input"]:
            return "input.img_url is not supported by wan2.7-i2v; use input.media"
        media = body["input"].get("media")
        if not isinstance(media, list) or not media or not all(isinstance(item, dict) for item in media):
            return "input.media must be a list of {type, url}"
        kinds = [item.get("type") for item in media]
        if kinds not in (["first_frame"], ["first_frame", "last_frame"], ["first_clip"], ["first_clip", "last_frame"]):
            return "input.media must hold first_frame (and last_frame) or first_clip, not %s" % kinds
        for item in media:
            url = item.get("url")
            if not isinstance(url, str) or not (url.startswith("data:image/png;base64,") or url.startswith("https://")):
                return "input.media[].url must be a URL or base64 data"
        for old_field in ("size", "ratio"):
            if old_field in parameters:
                return "parameters.%s is not supported by wan2.7-i2v; the first frame sets the shape" % old_field
        if parameters.get("resolution") not in ("720P", "1080P"):
            return "parameters.resolution must be 720P or 1080P"
    elif model == "wan2.2-t2v-plus":
        if parameters.get("size") not in SIZES_22:
            return "parameters.size is not supported by wan2.2-t2v-plus"
        if parameters.get("duration", 5) != 5:
            return "parameters.duration must be 5 for wan2.2-t2v-plus"
    else:
        if "size" in parameters:
            return "parameters.size is not supported by %s; use resolution" % model
        if parameters.get("resolution") not in ("480P", "720P", "1080P"):
            return "parameters.resolution must be 480P, 720P or 1080P"
    if model != "wan2.2-t2v-plus" and not 2 <= parameters.get("duration", 5) <= 15:
        return "parameters.duration must be 2 to 15"
    return None


class DashScopeHandler(Handler):
    def authorized(self):
        for value in self.headers.values():
            self.script.append("headers", value)
        if self.headers.get("Authorization") != "Bearer " + self.script.config.get("key", ""):
            self.script.count("unauthorized")
            self.send_json(401, error_body("InvalidApiKey", "Invalid API-key provided."))
            return False
        return True

    def throttled(self):
        """"throttle_seconds": every create in that many seconds from the first is answered
        429 with Retry-After: 1 (an account over its rate quota), then the server recovers."""
        window = float(self.script.config.get("throttle_seconds", 0))
        if window <= 0:
            return False
        now = time.monotonic()
        with self.script.lock:
            first = self.script.__dict__.setdefault("first_create", now)
        if now - first >= window:
            return False
        self.script.count("throttled")
        self.send_json(429, error_body("Throttling.RateQuota", "Requests rate limit exceeded"), {"Retry-After": "1"})
        return True

    def do_POST(self):
        self.script.count("requests")
        body = self.read_json()
        if self.path == CHAT:
            return self.chat(body)
        if self.path != CREATE:
            return self.send_json(404, error_body("NotFound", self.path))
        if not self.authorized():
            return
        if self.headers.get("X-DashScope-Async") != "enable":
            return self.send_json(403, error_body("AccessDenied", "current user api does not support synchronous calls"))
        if self.throttled():
            return
        if self.scripted_failure(self.script.next("create"), error_body):
            return
        problem = validate(body)
        if problem:
            return self.send_json(400, error_body("InvalidParameter", problem))
        script = self.script
        now = time.monotonic()
        task_id = str(uuid.uuid4())
        with script.lock:
            script.tasks[task_id] = {"ends": now + float(script.config.get("task_seconds", 0.2)), "body": body,
                                     "outcome": "SUCCEEDED"}
        script.peak("max_running", script.running(now))
        script.count("creates")
        script.append("bodies", body)
        outcome = script.next("outcomes")
        with script.lock:
            script.tasks[task_id]["outcome"] = "SUCCEEDED" if outcome == "ok" else outcome
        self.send_json(200, {"output": {"task_status": "PENDING", "task_id": task_id}, "request_id": str(uuid.uuid4())})

    def chat(self, body):
        """The OpenAI-compatible chat completion: the revised prompt is "chat_reply" when
        configured, else the user message's prompt with its note appended."""
        if not self.authorized():
            return
        self.script.count("chats")
        if self.scripted_failure(self.script.next("chat"), openai_error):
            return
        messages = body.get("messages") if isinstance(body, dict) else None
        if not isinstance(messages, list) or not messages or not isinstance(body.get("model"), str):
            return self.send_json(400, openai_error("invalid_request_error", "model and messages are required"))
        self.script.append("chat_bodies", body)
        try:
            request = json.loads(messages[-1]["content"])
            reply = self.script.config.get("chat_reply") or "%s %s." % (request["prompt"], request["note"])
        except (KeyError, TypeError, ValueError):
            return self.send_json(400, openai_error("invalid_request_error", "the user message is not the reviser's JSON"))
        if self.script.config.get("chat_malformed"):
            return self.send_json(200, {"id": "chatcmpl-1", "object": "chat.completion", "choices": []})
        self.send_json(200, {
            "id": "chatcmpl-" + str(uuid.uuid4()), "object": "chat.completion", "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    def do_GET(self):
        if self.path == "/_stats":
            return self.answer_stats()
        self.script.count("requests")
        if self.path.startswith("/files/"):
            return self.send_video()
        if not self.path.startswith("/api/v1/tasks/"):
            return self.send_json(404, error_body("NotFound", self.path))
        if not self.authorized():
            return
        self.script.count("polls")
        if self.scripted_failure(self.script.next("poll"), error_body):
            return
        task_id = self.path.rsplit("/", 1)[1]
        with self.script.lock:
            task = self.script.tasks.get(task_id)
        output = {"task_id": task_id}
        if task is None:
            output["task_status"] = "UNKNOWN"
        elif time.monotonic() < task["ends"]:
            output["task_status"] = "RUNNING"
        else:
            status, _, code = task["outcome"].partition(":")
            output["task_status"] = status
            if status == "SUCCEEDED":
                host = "http://127.0.0.1:%d" % self.server.server_address[1]
                output["video_url"] = host + "/files/" + task_id + ".mp4"
                output["orig_prompt"] = task["body"]["input"]["prompt"]
                output["actual_prompt"] = task["body"]["input"]["prompt"]
            elif status == "FAILED":
                output["code"] = code
                output["message"] = "scripted failure " + code
        self.send_json(200, {"output": output, "request_id": str(uuid.uuid4())})


if __name__ == "__main__":
    serve(DashScopeHandler, DashScopeScript)
