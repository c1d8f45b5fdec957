// The review page: draws the state the server gives (GET api/state), plays the animatic
// with its record timecode, and saves a shot's pick, status and note (POST api/save) as a
// change the server merges into the review file. Text from the file and the plan goes in
// with textContent only, never as HTML.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";
const withToken = (path) => path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
let state = null;
// What each shot's page holds that is not saved yet: {pick, status}.
const pending = new Map();

async function getJSON(path) {
  const response = await fetch(withToken(path), {cache: "no-store"});
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

async function post(path, body) {
  const response = await fetch(withToken(path), {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body || {}),
  });
  const text = await response.text();
  if (!response.ok && response.status !== 409) throw new Error(text.trim());
  return {status: response.status, text};
}

// HH:MM:SS:FF of a frame number at the plan's rate (HH:MM:SS;FF drop-frame at 29.97),
// counted as the cut lists count it.
function timecode(frame, rate) {
  const base = rate.timecodeBase;
  let count = Math.max(frame, 0);
  if (rate.dropFrame) {
    const perTen = base * 600 - 18, perMinute = base * 60 - 2;
    const tens = Math.floor(count / perTen), rest = count % perTen;
    count += 18 * tens;
    if (rest > 2) count += 2 * Math.floor((rest - 2) / perMinute);
  }
  const two = (n) => String(n).padStart(2, "0");
  const frames = count % base, seconds = Math.floor(count / base) % 60;
  const minutes = Math.floor(count / (base * 60)) % 60, hours = Math.floor(count / (base * 3600));
  return two(hours) + ":" + two(minutes) + ":" + two(seconds) + (rate.dropFrame ? ";" : ":") + two(frames);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function fileURL(file) {
  return withToken("files/" + file.split("/").map(encodeURIComponent).join("/") + "?v=" + encodeURIComponent(state.version));
}

function seconds(frames) {
  return (frames * state.frameRate.den / state.frameRate.num).toFixed(1);
}

function drawAll() {
  document.getElementById("title").textContent = state.title;
  document.title = state.title + " — review";
  document.getElementById("review-file").textContent = state.reviewFile;
  drawErrors();
  const film = document.getElementById("film");
  document.getElementById("not-built").hidden = !!state.video;
  film.hidden = !state.video;
  if (state.video) {
    const source = fileURL(state.video);
    if (film.getAttribute("src") !== source) film.src = source;
  }
  const list = document.getElementById("shots");
  list.replaceChildren(...state.shots.map(drawShot));
  showTime();
}

function drawErrors() {
  const box = document.getElementById("review-errors");
  box.hidden = state.reviewErrors.length === 0;
  box.textContent = state.reviewErrors.length
    ? "The review file has errors; saving waits until they are fixed:\n" + state.reviewErrors.join("\n") : "";
}

function drawShot(shot) {
  const card = document.getElementById("shot-template").content.firstElementChild.cloneNode(true);
  card.id = "shot-" + shot.id;
  card.dataset.shot = shot.id;
  const seek = card.querySelector(".seek");
  seek.textContent = shot.id;
  seek.title = "Play from " + shot.recordIn;
  seek.addEventListener("click", (event) => { event.preventDefault(); play(shot.startFrame); });
  card.querySelector(".when").textContent = shot.recordIn + " · " + seconds(shot.frames) + " s (" + shot.frames + " fr)";
  card.querySelector(".camera").textContent = shot.camera.term
    + " — size " + shot.camera.size + ", move " + shot.camera.move + ", angle " + shot.camera.angle
    + (shot.revised.length ? " · revised: " + shot.revised.join(", ") : "");
  card.querySelector(".text").textContent = shot.text;
  const takes = card.querySelector(".takes");
  for (const take of shot.takes) takes.append(drawTake(shot, take));
  card.querySelector(".save").addEventListener("click", () => save(shot.id, card));
  for (const button of card.querySelectorAll("button.status")) {
    button.addEventListener("click", () => {
      const mine = pending.get(shot.id) || {};
      mine.status = button.dataset.status;
      pending.set(shot.id, mine);
      drawChoices(card, shotState(shot.id));
    });
  }
  drawChoices(card, shot);
  drawNotes(card, shot);
  return card;
}

function drawTake(shot, take) {
  const box = el("figure", "take");
  box.dataset.take = take.number;
  for (const segment of take.segments) {
    const video = el("video");
    video.controls = true;
    video.muted = true;
    video.preload = "auto";
    video.src = fileURL(segment.file);
    video.title = segment.id;
    box.append(video);
  }
  const label = el("figcaption", "label");
  label.append(el("b", null, "Take " + take.number));
  if (take.style) label.append(el("span", "style", take.style));
  if (take.number === shot.built) label.append(el("span", "built", "in the video"));
  const qc = take.segments.find((segment) => segment.qc);
  if (qc) {
    const verdict = take.segments.every((segment) => segment.qc !== "failed") ? "passed" : "failed";
    const mark = el("span", "qc " + verdict, "QC " + verdict);
    mark.title = take.segments.map((segment) => segment.id + ": " + (segment.qcWhy || "no check")).join("\n");
    label.append(mark);
  }
  const pick = el("button", "pick", "Pick");
  pick.type = "button";
  pick.addEventListener("click", () => {
    const mine = pending.get(shot.id) || {};
    mine.pick = take.number;
    pending.set(shot.id, mine);
    drawChoices(document.getElementById("shot-" + shot.id), shotState(shot.id));
  });
  label.append(pick);
  box.append(label);
  for (const segment of take.segments) box.append(el("p", "prompt", segment.prompt));
  return box;
}

function shotState(id) {
  return state.shots.find((shot) => shot.id === id);
}

// The pick and status shown: the unsaved choice, else the file's.
function drawChoices(card, shot) {
  const mine = pending.get(shot.id) || {};
  const pick = mine.pick || shot.pick;
  for (const take of card.querySelectorAll(".take")) {
    const picked = Number(take.dataset.take) === pick;
    take.classList.toggle("picked", picked);
    const button = take.querySelector("button.pick");
    button.setAttribute("aria-pressed", String(picked));
    button.textContent = picked ? "Picked" : "Pick";
  }
  const status = mine.status || shot.status;
  for (const button of card.querySelectorAll("button.status")) {
    button.setAttribute("aria-pressed", String(button.dataset.status === status));
  }
  const badge = card.querySelector(".status-badge");
  badge.className = "status-badge " + (shot.status || "");
  badge.textContent = shot.status === "approved" ? "Approved" : shot.status === "needs-work" ? "Needs work" : "";
  const unsaved = mine.pick !== undefined || mine.status !== undefined;
  const saved = card.querySelector(".saved");
  if (unsaved) { saved.className = "saved"; saved.textContent = "not saved yet"; }
}

function drawNotes(card, shot) {
  const list = card.querySelector(".notes");
  list.replaceChildren(...shot.notes.map((note) => {
    const item = el("li", "note-item", note.text);
    const who = [note.by, note.at, note.applied ? "applied" : null].filter(Boolean).join(" · ");
    if (who) item.append(" ", el("span", "by", "— " + who));
    return item;
  }));
}

async function save(id, card) {
  const mine = pending.get(id) || {};
  const note = card.querySelector("textarea.note").value.trim();
  const who = document.getElementById("who").value.trim();
  const saved = card.querySelector(".saved");
  const edit = {shot: id};
  if (mine.pick !== undefined) edit.pick = mine.pick;
  if (mine.status !== undefined) edit.status = mine.status;
  if (note) { edit.note = note; if (who) edit.by = who; }
  saved.className = "saved";
  saved.textContent = "saving…";
  try {
    const answer = await post("api/save", edit);
    if (answer.status === 409) throw new Error(answer.text.trim());
    pending.delete(id);
    card.querySelector("textarea.note").value = "";
    const result = JSON.parse(answer.text).saved;
    await refresh();
    const fresh = document.getElementById("shot-" + id).querySelector(".saved");
    fresh.className = "saved";
    fresh.textContent = result === "written" ? "saved" : "already in the file";
  } catch (error) {
    saved.className = "saved error";
    saved.textContent = "not saved: " + error.message;
  }
}

// Reads the state again and redraws each shot's notes and choices, keeping the videos.
async function refresh() {
  const fresh = await getJSON("api/state");
  const rebuilt = !state || fresh.version !== state.version || fresh.shots.length !== state.shots.length;
  state = fresh;
  if (rebuilt) { drawAll(); return; }
  drawErrors();
  for (const shot of state.shots) {
    const card = document.getElementById("shot-" + shot.id);
    if (!card) continue;
    drawChoices(card, shot);
    drawNotes(card, shot);
  }
}

function play(frame) {
  const film = document.getElementById("film");
  film.currentTime = (frame + 0.5) * state.frameRate.den / state.frameRate.num;
  film.play().catch(() => {});
}

function currentFrame() {
  const film = document.getElementById("film");
  return Math.floor(film.currentTime * state.frameRate.num / state.frameRate.den + 1e-6);
}

function showTime() {
  if (!state) return;
  const frame = currentFrame();
  document.getElementById("timecode").textContent = timecode(state.recordStart + frame, state.frameRate);
  const shot = state.shots.find((shot) => frame >= shot.startFrame && frame < shot.startFrame + shot.frames);
  document.getElementById("current-shot").textContent = shot ? "shot " + shot.id : "";
  for (const card of document.querySelectorAll(".shot.current")) {
    if (!shot || card.dataset.shot !== shot.id) card.classList.remove("current");
  }
  if (shot) document.getElementById("shot-" + shot.id)?.classList.add("current");
}

// The timecode follows every frame shown where the browser says (requestVideoFrameCallback),
// else every time update.
function followFrames() {
  const film = document.getElementById("film");
  if ("requestVideoFrameCallback" in film) {
    const step = () => { showTime(); film.requestVideoFrameCallback(step); };
    film.requestVideoFrameCallback(step);
  }
  film.addEventListener("timeupdate", showTime);
  film.addEventListener("seeked", showTime);
}

async function rebuild() {
  const button = document.getElementById("rebuild");
  button.disabled = true;
  try {
    await post("api/build");
    await watchBuild();
  } catch (error) {
    document.getElementById("build-state").textContent = "cannot rebuild: " + error.message;
    button.disabled = false;
  }
}

async function watchBuild() {
  const bar = document.getElementById("build-progress");
  const line = document.getElementById("build-state");
  const button = document.getElementById("rebuild");
  for (;;) {
    const progress = await getJSON("api/build");
    bar.hidden = progress.state !== "running";
    bar.max = Math.max(progress.toGenerate, 1);
    bar.value = progress.done;
    const last = progress.log[progress.log.length - 1] || "";
    if (progress.state === "running") {
      button.disabled = true;
      line.textContent = "building… " + (progress.toGenerate ? progress.done + " of " + progress.toGenerate + " made · " : "") + last;
    } else {
      button.disabled = false;
      if (progress.state === "failed") line.textContent = "the build failed: " + progress.error;
      else if (progress.state === "done") {
        line.textContent = last + (progress.generated.length ? " (made: " + progress.generated.join(", ") + ")" : "");
        await refresh();
      }
      return progress;
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  const who = document.getElementById("who");
  who.value = localStorage.getItem("animatic-reviewer") || "";
  who.addEventListener("change", () => localStorage.setItem("animatic-reviewer", who.value.trim()));
  document.getElementById("rebuild").addEventListener("click", rebuild);
  followFrames();
  try {
    state = await getJSON("api/state");
    drawAll();
    // A build already running (started from another tab) shows its progress here too.
    const progress = await getJSON("api/build");
    if (progress.state === "running") watchBuild();
  } catch (error) {
    document.getElementById("build-state").textContent = "cannot load the review: " + error.message;
  }
});
