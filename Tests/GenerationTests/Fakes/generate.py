#!/usr/bin/env python3
"""A stand-in for Wan2.2's generate.py: takes its flags, checks them as it does (a
supported --size, a 4n+1 --frame_num), and writes --frame_num frames of a real video with
the ffmpeg program, at a quarter of the size and 10 fps (the wrong size and rate, so the
caller has to conform it).

FAKE_WAN_MODE picks a failure: "error" (exit 1 with a traceback), "oom" (exit 1, CUDA out
of memory), "signal" (killed by SIGKILL), "nofile" (exit 0, no file), "notvideo" (writes
text), "sleep" (sleeps FAKE_WAN_SLEEP seconds in a child process first). With
FAKE_WAN_FAILURES=N it fails only the first N runs (counted in FAKE_WAN_STATE). With
FAKE_WAN_FAIL_PROMPT=WORD every run whose --prompt holds WORD fails for good (exit 1, a
safety checker refusing it, echoing HF_TOKEN as a careless program might). Every run
appends its arguments as a JSON line to FAKE_WAN_ARGS when that is set, and
FAKE_WAN_PIDFILE gets the pid of the sleeping child. An --image must be a PNG file; with FAKE_WAN_IMAGES=DIR
each is kept there as 0.png, 1.png, … A --base_seed draws a white square whose place
depends on it, so clips of different seeds differ. An --audio (Wan2.2 S2V's driving audio)
must be a WAV file; with FAKE_WAN_AUDIO=DIR each is kept there as 0.wav, 1.wav, …"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys

SIZES = {"t2v-A14B": ["1280*720", "720*1280", "832*480", "480*832"], "ti2v-5B": ["1280*704", "704*1280"]}

parser = argparse.ArgumentParser()
parser.add_argument("--task", required=True)
parser.add_argument("--size", required=True)
parser.add_argument("--frame_num", type=int, required=True)
parser.add_argument("--ckpt_dir", required=True)
parser.add_argument("--prompt", required=True)
parser.add_argument("--base_seed", type=int, default=-1)
parser.add_argument("--save_file", required=True)
parser.add_argument("--image")
parser.add_argument("--audio")
parser.add_argument("--offload_model")
parser.add_argument("--convert_model_dtype", action="store_true")
parser.add_argument("--t5_cpu", action="store_true")
args = parser.parse_args()

if os.environ.get("FAKE_WAN_ARGS"):
    with open(os.environ["FAKE_WAN_ARGS"], "a") as log:
        log.write(json.dumps(sys.argv[1:]) + "\n")

assert args.size in SIZES[args.task], "Unsupport size %s for task %s" % (args.size, args.task)
assert (args.frame_num - 1) % 4 == 0, "frame_num must be 4n+1"
if args.image is not None:
    # Wan's image-to-video reads the picture it starts from: it must be a real PNG.
    with open(args.image, "rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n", "--image %s is not a PNG" % args.image
    if os.environ.get("FAKE_WAN_IMAGES"):
        kept = os.environ["FAKE_WAN_IMAGES"]
        os.makedirs(kept, exist_ok=True)
        shutil.copy(args.image, os.path.join(kept, "%d.png" % len(os.listdir(kept))))

if args.audio is not None:
    with open(args.audio, "rb") as audio:
        header = audio.read(12)
        assert header[:4] == b"RIFF" and header[8:12] == b"WAVE", "--audio %s is not a WAV" % args.audio
    if os.environ.get("FAKE_WAN_AUDIO"):
        kept = os.environ["FAKE_WAN_AUDIO"]
        os.makedirs(kept, exist_ok=True)
        shutil.copy(args.audio, os.path.join(kept, "%d.wav" % len(os.listdir(kept))))

refused = os.environ.get("FAKE_WAN_FAIL_PROMPT")
if refused and refused in args.prompt:
    print("Traceback (most recent call last):\nValueError: the safety checker refused the prompt (hub token %s)"
          % os.environ.get("HF_TOKEN", "unset"), file=sys.stderr)
    sys.exit(1)

mode = os.environ.get("FAKE_WAN_MODE", "")
if mode and os.environ.get("FAKE_WAN_FAILURES"):
    state = os.environ["FAKE_WAN_STATE"]
    runs = int(open(state).read()) if os.path.exists(state) else 0
    with open(state, "w") as file:
        file.write(str(runs + 1))
    if runs >= int(os.environ["FAKE_WAN_FAILURES"]):
        mode = ""

print("[fake] generating %d frames at %s" % (args.frame_num, args.size), file=sys.stderr, flush=True)
if mode == "error":
    print("Traceback (most recent call last):\nFileNotFoundError: checkpoint not found", file=sys.stderr)
    sys.exit(1)
if mode == "oom":
    print("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", file=sys.stderr)
    sys.exit(1)
if mode == "signal":
    os.kill(os.getpid(), signal.SIGKILL)
if mode == "nofile":
    sys.exit(0)
if mode == "notvideo":
    with open(args.save_file, "w") as file:
        file.write("not a video\n" * 100)
    sys.exit(0)
if mode == "sleep":
    child = subprocess.Popen(["sleep", os.environ.get("FAKE_WAN_SLEEP", "30")])
    if os.environ.get("FAKE_WAN_PIDFILE"):
        with open(os.environ["FAKE_WAN_PIDFILE"], "w") as file:
            file.write(str(child.pid))
    child.wait()

width, height = (int(part) // 4 for part in args.size.split("*"))
# As a model's output depends on its seed, a --base_seed moves a white square along the top.
marks = [] if args.base_seed < 0 else [
    "-vf", "drawbox=x=%d:y=0:w=8:h=8:c=white:t=fill" % (args.base_seed % (width - 8))]
subprocess.run(
    ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=%dx%d:rate=10" % (width, height)] + marks
    + ["-frames:v", str(args.frame_num), "-pix_fmt", "yuv420p", "-f", "mp4", args.save_file],
    check=True)
