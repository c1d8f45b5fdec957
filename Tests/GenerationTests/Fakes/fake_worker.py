#!/usr/bin/env python3
"""A stand-in hot worker (docs/worker-protocol.md, protocol 1) that makes real small clips
with the ffmpeg program: it announces itself, then serves request lines one at a time,
sending progress, and exits at the end of its input.

With --command it is instead a one-shot program for the command backend, taking one request
as flags (--prompt --seed --frames --fps --width --height --output [--image]): the same clip
maker, for comparing the two backends. --load SECONDS stands for loading a model (paid once
per worker, or once per command run).

Environment, for tests:
  FAKE_WORKER_STARTS    file: each start appends "pid CUDA_VISIBLE_DEVICES".
  FAKE_WORKER_REQUESTS  file: each request line is appended as received.
  FAKE_WORKER_FPS, FAKE_WORKER_MAX_FRAMES, FAKE_WORKER_SIZES (comma-separated WxH): the
                        announcement (default 12, 121, 160x90,320x180).
  FAKE_WORKER_PROTOCOL  the protocol version announced (default 1).
  FAKE_WORKER_CRASH     file: while it does not exist, the first request creates it, sends a
                        progress line and crashes (exit 3).
  FAKE_WORKER_FAIL_SEED a seed answered with a permanent error.
  FAKE_WORKER_SLOW_SEED a seed whose request sleeps in a child process (`sleep 60`) whose
                        pid goes to FAKE_WORKER_PIDFILE.
  FAKE_WORKER_GARBAGE_SEED a seed answered with a line that is not the protocol.
  FAKE_WORKER_EXIT_EARLY exit 2 before the ready line, saying why on standard error.
  FAKE_WORKER_EXIT_AFTER exit 0 after serving this many requests (a worker that dies idle).
"""

import argparse
import json
import os
import subprocess
import sys
import time


def make_clip(output, width, height, fps, frames, image, progress):
    """Writes `frames` frames of a test pattern at `output` with ffmpeg."""
    if image is not None:
        with open(image, "rb") as picture:
            if picture.read(8) != b"\x89PNG\r\n\x1a\n":
                raise ValueError("image %s is not a PNG" % image)
    progress(0.25)
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", "testsrc2=size=%dx%d:rate=%d" % (width, height, fps), "-frames:v", str(frames),
         "-pix_fmt", "yuv420p", "-f", "mp4", output],
        check=True)
    progress(0.75)


def note(variable, text):
    path = os.environ.get(variable)
    if path:
        with open(path, "a") as log:
            log.write(text + "\n")


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve():
    if os.environ.get("FAKE_WORKER_EXIT_EARLY"):
        sys.stderr.write("fake_worker: no checkpoint found at /nowhere\n")
        sys.exit(2)
    note("FAKE_WORKER_STARTS", "%d %s" % (os.getpid(), os.environ.get("CUDA_VISIBLE_DEVICES", "")))
    sizes = os.environ.get("FAKE_WORKER_SIZES", "160x90,320x180").split(",")
    send({"event": "ready", "protocol": int(os.environ.get("FAKE_WORKER_PROTOCOL", "1")),
          "max_frames": int(os.environ.get("FAKE_WORKER_MAX_FRAMES", "121")),
          "fps": int(os.environ.get("FAKE_WORKER_FPS", "12")), "sizes": sizes})
    served = 0
    for line in sys.stdin:
        note("FAKE_WORKER_REQUESTS", line.rstrip("\n"))
        request = json.loads(line)
        ident, seed = request["id"], request["seed"]
        sys.stderr.write("fake_worker: serving %s\n" % ident)
        crash = os.environ.get("FAKE_WORKER_CRASH")
        if crash and not os.path.exists(crash):
            open(crash, "w").close()
            send({"id": ident, "event": "progress", "fraction": 0.1})
            sys.stderr.write("fake_worker: Segmentation fault (simulated)\n")
            sys.stderr.flush()
            os._exit(3)
        if str(seed) == os.environ.get("FAKE_WORKER_FAIL_SEED"):
            send({"id": ident, "event": "error", "message": "prompt refused by the safety checker",
                  "permanent": True})
            continue
        if str(seed) == os.environ.get("FAKE_WORKER_GARBAGE_SEED"):
            sys.stdout.write("Loading checkpoint shards: 100%\n")
            sys.stdout.flush()
            continue
        if str(seed) == os.environ.get("FAKE_WORKER_SLOW_SEED"):
            child = subprocess.Popen(["sleep", "60"])
            note("FAKE_WORKER_PIDFILE", str(child.pid))
            child.wait()
        try:
            make_clip(request["output"], request["width"], request["height"], request["fps"], request["frames"],
                      request["image"], lambda f: send({"id": ident, "event": "progress", "fraction": f}))
        except Exception as error:  # the protocol's error reply; the worker stays up
            send({"id": ident, "event": "error", "message": str(error), "permanent": False})
            continue
        send({"id": ident, "event": "done"})
        served = served + 1
        if str(served) == os.environ.get("FAKE_WORKER_EXIT_AFTER"):
            sys.exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--load", type=float, default=0)
    parser.add_argument("--command", action="store_true")
    for flag in ("--prompt", "--output", "--image"):
        parser.add_argument(flag)
    for flag in ("--seed", "--frames", "--fps", "--width", "--height"):
        parser.add_argument(flag, type=int)
    args = parser.parse_args()
    time.sleep(args.load)
    if args.command:
        make_clip(args.output, args.width, args.height, args.fps, args.frames, args.image, lambda f: None)
    else:
        serve()


main()
