#!/usr/bin/env python3
"""A hot worker for animatic's `worker` backend (docs/worker-protocol.md, protocol 1) that
serves Wan2.2: it loads one pipeline once through Wan2.2's own Python API (wan.WanT2V for
t2v-A14B, wan.WanTI2V for ti2v-5B, wan.WanI2V for i2v-A14B), then makes one clip per
request line and writes it with Wan2.2's own encoder (wan.utils.utils.save_video).

    python3 workers/wan22_worker.py --wan_dir ~/Wan2.2 --task ti2v-5B --ckpt_dir ~/Wan2.2-TI2V-5B

Standard output carries the protocol and nothing else: everything the model and its
libraries print goes to standard error, which animatic appends to the build's worker log.
The worker exits at the end of its input.

--self-test checks the arguments and the protocol without importing torch or loading
weights: it prints the ready line the worker would announce, checks sample requests the way
a served request is checked, and exits 0 (or 1, saying what is wrong on standard error).
"""

import argparse
import json
import os
import sys

PROTOCOL = 1

# What each task makes, as Wan2.2's configs say (wan/configs: SUPPORTED_SIZES, sample_fps,
# frame_num), so that --self-test can check requests without importing wan.
TASKS = {
    "t2v-A14B": {"sizes": ["1280*720", "720*1280", "832*480", "480*832"], "fps": 16, "frames": 81},
    "ti2v-5B": {"sizes": ["1280*704", "704*1280"], "fps": 24, "frames": 121},
    "i2v-A14B": {"sizes": ["1280*720", "720*1280", "832*480", "480*832"], "fps": 16, "frames": 81},
}

REQUEST_FIELDS = {"id": str, "prompt": str, "negative_prompt": str, "seed": int, "frames": int, "fps": int,
                  "width": int, "height": int, "output": str}


class RequestError(Exception):
    """A request this worker cannot serve as asked: answered with a permanent error."""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Serve Wan2.2 to animatic over the worker protocol.")
    parser.add_argument("--task", required=True, choices=sorted(TASKS))
    parser.add_argument("--ckpt_dir", required=True, help="The task's checkpoint directory.")
    parser.add_argument("--wan_dir", default=os.environ.get("WAN22_DIR", "."),
                        help="The Wan2.2 checkout (default: $WAN22_DIR, else the current directory).")
    parser.add_argument("--max_frames", type=int, default=None,
                        help="The longest clip to accept (default: the task's training length).")
    parser.add_argument("--offload_model", action="store_true", help="Offload models to the CPU between steps.")
    parser.add_argument("--t5_cpu", action="store_true", help="Keep the T5 text encoder on the CPU.")
    parser.add_argument("--convert_model_dtype", action="store_true", help="Convert the DiT to its parameter dtype.")
    parser.add_argument("--sample_steps", type=int, default=None, help="Sampling steps (default: the task's).")
    parser.add_argument("--sample_shift", type=float, default=None)
    parser.add_argument("--sample_guide_scale", type=float, default=None)
    parser.add_argument("--self-test", dest="self_test", action="store_true",
                        help="Check the arguments and the protocol without loading weights.")
    args = parser.parse_args(argv)
    task = TASKS[args.task]
    if args.max_frames is None:
        args.max_frames = task["frames"]
    if args.max_frames < 5 or (args.max_frames - 1) % 4 != 0:
        parser.error("--max_frames must be 4n+1 and at least 5")
    if args.sample_steps is not None and args.sample_steps < 1:
        parser.error("--sample_steps must be positive")
    return args


def ready_message(args):
    task = TASKS[args.task]
    return {"event": "ready", "protocol": PROTOCOL, "max_frames": args.max_frames, "fps": task["fps"],
            "sizes": [size.replace("*", "x") for size in task["sizes"]]}


def check_request(request, args):
    """The request, checked against the protocol and this task; raises RequestError."""
    if not isinstance(request, dict):
        raise RequestError("a request is a JSON object")
    for field, kind in REQUEST_FIELDS.items():
        if not isinstance(request.get(field), kind) or isinstance(request.get(field), bool):
            raise RequestError("the request's %r must be a %s" % (field, kind.__name__))
    if "image" not in request or not (request["image"] is None or isinstance(request["image"], str)):
        raise RequestError("the request's 'image' must be a path or null")
    task = TASKS[args.task]
    size = "%d*%d" % (request["width"], request["height"])
    if size not in task["sizes"]:
        raise RequestError("%s makes %s, not %s" % (args.task, ", ".join(task["sizes"]), size))
    if request["fps"] != task["fps"]:
        raise RequestError("%s makes %d fps, not %d" % (args.task, task["fps"], request["fps"]))
    frames = request["frames"]
    if frames < 5 or (frames - 1) % 4 != 0 or frames > args.max_frames:
        raise RequestError("frames must be 4n+1 from 5 to %d, not %d" % (args.max_frames, frames))
    if args.task == "i2v-A14B" and request["image"] is None:
        raise RequestError("i2v-A14B starts every clip from an image; this segment has none")
    if not os.path.isabs(request["output"]):
        raise RequestError("the output must be an absolute path")
    return request


class Protocol:
    """The worker's side of the protocol on the real standard output, which nothing else may
    write: file descriptor 1 is pointed at standard error for everything else."""

    def __init__(self):
        self.out = os.fdopen(os.dup(1), "w", buffering=1)
        os.dup2(2, 1)
        sys.stdout = sys.stderr

    def send(self, message):
        self.out.write(json.dumps(message, separators=(",", ":")) + "\n")
        self.out.flush()


def self_test(args):
    """Checks the arguments and the protocol; prints the ready line. Returns the exit status."""
    print(json.dumps(ready_message(args), separators=(",", ":")))
    width, height = (int(n) for n in TASKS[args.task]["sizes"][0].split("*"))
    good = {"id": "2K-1", "prompt": "Anna stares at the letter.", "negative_prompt": "", "seed": 42,
            "frames": args.max_frames, "fps": TASKS[args.task]["fps"], "width": width, "height": height,
            "image": "/tmp/last.png" if args.task == "i2v-A14B" else None, "output": "/tmp/2K-1.mp4"}
    bad = [dict(good, frames=args.max_frames + 4), dict(good, frames=6), dict(good, width=width + 2),
           dict(good, fps=good["fps"] + 1), dict(good, output="relative.mp4"), dict(good, seed="42"),
           {key: value for key, value in good.items() if key != "image"}]
    if args.task == "i2v-A14B":
        bad.append(dict(good, image=None))
    problems = []
    try:
        check_request(json.loads(json.dumps(good)), args)
    except RequestError as error:
        problems.append("a good request was refused: %s" % error)
    for request in bad:
        try:
            check_request(request, args)
            problems.append("a bad request was accepted: %s" % json.dumps(request))
        except RequestError:
            pass
    for problem in problems:
        sys.stderr.write("wan22_worker self-test: %s\n" % problem)
    if not problems:
        sys.stderr.write("wan22_worker self-test: %s, protocol %d: ok\n" % (args.task, PROTOCOL))
    return 1 if problems else 0


def load_pipeline(args):
    """Loads the task's pipeline once, with Wan2.2's own classes and configs."""
    sys.path.insert(0, os.path.abspath(args.wan_dir))
    import wan  # noqa: E402 (Wan2.2's package, from its checkout)
    from wan.configs import MAX_AREA_CONFIGS, SIZE_CONFIGS, WAN_CONFIGS

    config = WAN_CONFIGS[args.task]
    classes = {"t2v-A14B": wan.WanT2V, "ti2v-5B": wan.WanTI2V, "i2v-A14B": wan.WanI2V}
    pipeline = classes[args.task](
        config=config, checkpoint_dir=args.ckpt_dir, device_id=0, rank=0, t5_cpu=args.t5_cpu,
        convert_model_dtype=args.convert_model_dtype)
    return pipeline, config, SIZE_CONFIGS, MAX_AREA_CONFIGS


def report_progress(protocol, module_names):
    """Points the pipelines' tqdm at the protocol: each sampling step sends a progress line
    for the current request (steps take 95% of it; decoding and writing the rest)."""
    import importlib

    state = {"id": None}

    def stepping(iterable, *rest, **options):
        items = list(iterable)
        for index, item in enumerate(items):
            yield item
            if state["id"] is not None:
                protocol.send({"id": state["id"], "event": "progress",
                               "fraction": round(0.95 * (index + 1) / max(1, len(items)), 4)})

    for name in module_names:
        module = importlib.import_module(name)
        if hasattr(module, "tqdm"):
            module.tqdm = stepping
    return state


def generate(pipeline, config, sizes, areas, args, request):
    """Makes the clip for a checked request and writes it at its output."""
    from PIL import Image
    from wan.utils.utils import save_video

    size_key = "%d*%d" % (request["width"], request["height"])
    common = dict(frame_num=request["frames"], shift=args.sample_shift or config.sample_shift,
                  sample_solver="unipc", sampling_steps=args.sample_steps or config.sample_steps,
                  guide_scale=args.sample_guide_scale or config.sample_guide_scale,
                  n_prompt=request["negative_prompt"], seed=request["seed"], offload_model=args.offload_model)
    image = Image.open(request["image"]).convert("RGB") if request["image"] else None
    if args.task == "t2v-A14B":
        video = pipeline.generate(request["prompt"], size=sizes[size_key], **common)
    elif args.task == "ti2v-5B":
        video = pipeline.generate(request["prompt"], img=image, size=sizes[size_key], max_area=areas[size_key],
                                  **common)
    else:
        video = pipeline.generate(request["prompt"], image, max_area=areas[size_key], **common)
    save_video(tensor=video[None], save_file=request["output"], fps=config.sample_fps, nrow=1, normalize=True,
               value_range=(-1, 1))


def serve(args):
    protocol = Protocol()
    pipeline, config, sizes, areas = load_pipeline(args)
    progress = report_progress(protocol, ["wan.text2video", "wan.textimage2video", "wan.image2video"])
    import torch

    protocol.send(ready_message(args))
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError:
            sys.stderr.write("wan22_worker: not a request: %s" % line)
            return 65
        ident = request.get("id") if isinstance(request, dict) else None
        if not isinstance(ident, str):
            sys.stderr.write("wan22_worker: a request without an id: %s" % line)
            return 65
        try:
            check_request(request, args)
            progress["id"] = ident
            generate(pipeline, config, sizes, areas, args, request)
            protocol.send({"id": ident, "event": "done"})
        except RequestError as error:
            protocol.send({"id": ident, "event": "error", "message": str(error), "permanent": True})
        except torch.cuda.OutOfMemoryError as error:
            torch.cuda.empty_cache()
            protocol.send({"id": ident, "event": "error", "message": "CUDA out of memory: %s" % error,
                           "permanent": False})
        except (ValueError, AssertionError, FileNotFoundError) as error:
            protocol.send({"id": ident, "event": "error", "message": "%s: %s" % (type(error).__name__, error),
                           "permanent": True})
        except Exception as error:  # anything else may pass: the scheduler retries it
            protocol.send({"id": ident, "event": "error", "message": "%s: %s" % (type(error).__name__, error),
                           "permanent": False})
        finally:
            progress["id"] = None
    return 0


def main(argv):
    args = parse_arguments(argv)
    if args.self_test:
        return self_test(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
