// The agent desk: live calls from GET /api/desk/events (Server-Sent Events; EventSource reconnects by
// itself and every connection starts with a full snapshot), the script, the notes form, hold/resume,
// the callback list and the presence toggle. docs/desk-api.md describes the API.
//
// Every piece of data goes into the page through textContent (or a form field's value), never as HTML:
// a caller's display name, a surname or a request is shown exactly as typed and can run no script.
"use strict";

(function () {
  const query = new URLSearchParams(location.search);

  const state = {
    texts: window.DESK_TEXTS["zh-CN"],
    session: null,          // GET /api/session: who is signed in, the language, the antiforgery token
    offsetMs: 0,            // server clock minus browser clock, from the last snapshot or event
    viewer: null,
    lines: new Map(),       // number -> line
    calls: new Map(),       // callId -> call (as the server sent it, with ring updates)
    selected: null,         // callId the form and script belong to
    dirty: false,           // the form has changes not saved yet
    ended: null,            // the selected call after it ended (notes can still be saved)
    callbacksTimer: null,
  };

  const $ = (id) => document.getElementById(id);

  // ---- texts ----------------------------------------------------------------------------------

  // The server picks the language (Web:Language, or the browser's Accept-Language with "auto");
  // "?lang=en" overrides it for this page.
  function chooseLanguage(resolved) {
    const asked = query.get("lang") || resolved || "zh-CN";
    return asked.toLowerCase().startsWith("en") ? "en" : "zh-CN";
  }

  function applyLanguage(language) {
    state.texts = window.DESK_TEXTS[language] || window.DESK_TEXTS["zh-CN"];
    document.documentElement.lang = language;
    for (const element of document.querySelectorAll("[data-text]")) {
      element.textContent = t(element.dataset.text);
    }
  }

  function t(key, values) {
    let text = state.texts[key];
    if (text === undefined) {
      return key;
    }
    if (values) {
      for (const [name, value] of Object.entries(values)) {
        text = text.split("{" + name + "}").join(String(value));
      }
    }
    return text;
  }

  // ---- helpers --------------------------------------------------------------------------------

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined && text !== null) {
      element.textContent = text;
    }
    return element;
  }

  function serverNow() {
    return Date.now() + state.offsetMs;
  }

  function syncClock(serverTime) {
    const server = Date.parse(serverTime);
    if (!Number.isNaN(server)) {
      state.offsetMs = server - Date.now();
    }
  }

  function minutesSeconds(ms) {
    const total = Math.max(0, Math.floor(ms / 1000));
    const m = Math.floor(total / 60);
    const s = total % 60;
    return m + ":" + String(s).padStart(2, "0");
  }

  function localTime(iso) {
    const date = new Date(iso);
    return date.toLocaleString(document.documentElement.lang, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  }

  function callerText(call) {
    const number = call.callerNumber && call.callerNumber !== "anonymous" ? call.callerNumber : t("anonymous");
    return call.callerDisplayName ? call.callerDisplayName + " · " + number : number;
  }

  function historyText(history) {
    if (!history) {
      return null;
    }
    if (history.previousCalls === 0) {
      return t("newCaller");
    }
    const name = history.surname ? t("historyName", { surname: history.surname, honorific: history.honorific || "" }) : "";
    let text = t(history.more ? "historyMore" : "history", { name: name, count: history.previousCalls });
    if (history.lastRequest) {
      text += t("historyLast", { request: history.lastRequest });
    }
    return text;
  }

  // Every unsafe request carries the antiforgery token of the signed-in user (from /api/session).
  function antiforgeryHeaders() {
    const session = state.session;
    return session && session.antiforgeryHeader ? { [session.antiforgeryHeader]: session.antiforgeryToken } : {};
  }

  function toSignIn() {
    location.assign("/signin?returnUrl=" + encodeURIComponent(location.pathname + location.search));
  }

  async function loadSession() {
    const response = await fetch("/api/session", { headers: { "Accept": "application/json" }, credentials: "same-origin" });
    if (response.status === 401) {
      toSignIn();
      return false;
    }
    state.session = await response.json();
    return true;
  }

  async function api(method, url, body) {
    const headers = Object.assign({ "Accept": "application/json" }, antiforgeryHeaders());
    const init = { method: method, headers: headers, credentials: "same-origin" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    if (response.status === 401) {
      toSignIn(); // the session ended (signed out elsewhere, or expired)
    }
    let data = null;
    const type = response.headers.get("Content-Type") || "";
    if (type.includes("json")) {
      data = await response.json();
    }
    return { ok: response.ok, status: response.status, data: data };
  }

  // ---- the event stream -----------------------------------------------------------------------

  function connect() {
    setLink("connecting");
    const source = new EventSource("/api/desk/events");
    source.addEventListener("open", () => setLink("live"));
    source.addEventListener("error", () => {
      if (source.readyState !== EventSource.CLOSED) {
        setLink("reconnecting"); // the browser reconnects by itself; the server sends a fresh snapshot
        return;
      }
      // EventSource gives up on an error status (401 once the session is gone): ask why, then go on.
      setLink("closed");
      setTimeout(async () => {
        if (await loadSession()) {
          connect();
        }
      }, 3000);
    });
    source.addEventListener("snapshot", (e) => onSnapshot(JSON.parse(e.data)));
    source.addEventListener("call", (e) => onCall(JSON.parse(e.data)));
    source.addEventListener("ring", (e) => onRing(JSON.parse(e.data)));
    source.addEventListener("ended", (e) => onEnded(JSON.parse(e.data)));
  }

  function setLink(linkState) {
    const link = $("link");
    link.dataset.state = linkState;
    link.textContent = t(linkState === "live" ? "live" : linkState === "connecting" ? "connecting" : "reconnecting");
  }

  function onSnapshot(snapshot) {
    syncClock(snapshot.serverTime);
    applyLanguage(chooseLanguage(snapshot.language));
    state.viewer = snapshot.viewer;
    state.lines = new Map(snapshot.lines.map((line) => [line.number, line]));
    state.calls = new Map(snapshot.calls.map((call) => [call.callId, call]));
    if (state.selected && !state.calls.has(state.selected) && !(state.ended && state.ended.callId === state.selected)) {
      state.selected = null;
    }
    renderHeader();
    render();
    loadCallbacks();
  }

  function onCall(call) {
    syncClock(call.at);
    const before = state.calls.get(call.callId);
    state.calls.set(call.callId, call);
    render();
    if (state.viewer && call.agentId === state.viewer.agentId && (!before || before.state !== call.state)) {
      refreshPresence();
    }
  }

  function onRing(ring) {
    const call = state.calls.get(ring.callId);
    if (call) {
      call.ring = ring.ring;
      renderIncoming();
    }
  }

  function onEnded(ended) {
    const call = state.calls.get(ended.callId);
    state.calls.delete(ended.callId);
    if (call && state.selected === ended.callId) {
      // The notes can still be written after the caller has gone: keep the form on this call.
      state.ended = Object.assign({}, call, { state: "ended" });
    }
    render();
    loadCallbacks(); // a caller's "1" adds a callback when the call ends
    if (call && state.viewer && call.agentId === state.viewer.agentId) {
      refreshPresence();
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  function renderHeader() {
    const viewer = state.viewer || {};
    $("who").textContent = viewer.displayName || "";
    $("lines").textContent = [...state.lines.values()].map((line) => line.displayName || line.number).join(" · ");
    const presence = $("presence");
    presence.hidden = !viewer.agentId;
    renderPresence(viewer.presence);
  }

  function renderPresence(presence) {
    const button = $("presence");
    button.dataset.state = presence || "";
    button.textContent = presence === "available" ? t("presenceAvailable")
      : presence === "away" ? t("presenceAway")
      : t("presenceOther", { state: (state.texts.presenceStates || {})[presence] || presence || "?" });
  }

  // Presence follows calls and registration: read it again when one of my calls changes.
  async function refreshPresence() {
    const viewer = state.viewer;
    if (!viewer || !viewer.agentId) {
      return;
    }
    const result = await api("GET", "/api/agents/" + encodeURIComponent(viewer.agentId));
    if (result.ok && result.data) {
      viewer.presence = result.data.state;
      renderPresence(viewer.presence);
    }
  }

  function myCall() {
    const me = state.viewer && state.viewer.agentId;
    for (const call of state.calls.values()) {
      if (me && call.agentId === me && ["connected", "held", "callback-offered"].includes(call.state)) {
        return call;
      }
    }
    return null;
  }

  function render() {
    const mine = myCall();
    if (mine && state.selected !== mine.callId) {
      select(mine.callId);
    }
    renderIncoming();
    renderCurrent();
  }

  function renderIncoming() {
    const list = $("incoming");
    list.replaceChildren();
    let count = 0;
    for (const call of state.calls.values()) {
      if (!["offered", "ringing", "queued", "auto-answered"].includes(call.state)) {
        continue;
      }
      count++;
      const item = el("li", "call " + call.state);
      item.dataset.callId = call.callId;
      if (call.callId === state.selected) {
        item.classList.add("selected");
      }
      const top = el("div", "top");
      top.append(el("span", "number", callerText(call)), el("span", "state", t(call.state)));
      item.append(top);
      const line = state.lines.get(call.line);
      item.append(el("div", "line", t("line", { name: line ? line.displayName : call.line })));
      if (call.state === "ringing" && call.ring) {
        const counter = el("div", "ring");
        counter.append(el("span", "ring-count", t("ring", { n: call.ring })));
        const bar = el("span", "ring-bar");
        bar.append(el("span", "ring-fill"));
        counter.append(bar);
        item.append(counter);
      }
      if (call.state === "queued" || call.state === "auto-answered") {
        item.append(el("div", "waited", ""));
      }
      const history = historyText(call.history);
      if (history) {
        item.append(el("div", "history", history));
      }
      item.addEventListener("click", () => { select(call.callId); renderIncoming(); renderCurrent(); });
      list.append(item);
    }
    $("no-incoming").hidden = count > 0;
    animate();
  }

  function selectedCall() {
    if (!state.selected) {
      return null;
    }
    return state.calls.get(state.selected) || (state.ended && state.ended.callId === state.selected ? state.ended : null);
  }

  function select(callId) {
    if (state.selected === callId) {
      return;
    }
    // Typed but not saved (e.g. notes finished after the caller hung up, when the next call comes in):
    // save them for the call they belong to before the form moves on.
    const previous = selectedCall();
    if (previous && state.dirty) {
      api("PUT", "/api/calls/" + encodeURIComponent(previous.callId) + "/notes", formNotes());
    }
    state.selected = callId;
    if (!state.ended || state.ended.callId !== callId) {
      state.ended = null;
    }
    const call = state.calls.get(callId);
    fillForm(call && call.notes);
  }

  function fillForm(notes) {
    $("surname").value = (notes && notes.surname) || "";
    $("request").value = (notes && notes.request) || "";
    const honorific = (notes && notes.honorific) || "none";
    for (const radio of document.querySelectorAll('input[name="honorific"]')) {
      radio.checked = radio.value === honorific;
    }
    clearErrors();
    $("saved").textContent = "";
    state.dirty = false;
  }

  function formNotes() {
    const honorific = document.querySelector('input[name="honorific"]:checked');
    return {
      surname: $("surname").value,
      honorific: honorific ? honorific.value : "none",
      request: $("request").value,
    };
  }

  function renderCurrent() {
    const call = selectedCall();
    $("call").hidden = !call;
    $("no-current").hidden = !!call;
    if (!call) {
      return;
    }
    const line = state.lines.get(call.line);
    $("call-caller").textContent = callerText(call);
    $("call-state").textContent = t(call.state);
    $("call-state").dataset.state = call.state;
    $("call-line").textContent = t("line", { name: line ? line.displayName : call.line });
    const history = historyText(call.history);
    $("call-history").hidden = !history;
    $("call-history").textContent = history || "";

    const agentName = (state.viewer && state.viewer.displayName) || "";
    $("script-greeting").textContent = t("greeting", { script: line ? line.greetingScript : "", agent: agentName });
    $("script-surname").textContent = t("surnamePrompt");
    $("script-closing").textContent = t("closingPrompt");

    const mine = state.viewer && state.viewer.agentId && call.agentId === state.viewer.agentId;
    $("hold").disabled = !(mine && call.state === "connected");
    $("resume").disabled = !(mine && (call.state === "held" || call.state === "callback-offered"));
    $("close-call").hidden = call.state !== "ended";
    animate();
  }

  // Between events only the clock moves: the ring bar within the current ring, the queue wait, and the
  // countdown to the callback offer, all from the server's instants.
  function animate() {
    const now = serverNow();
    for (const item of document.querySelectorAll("#incoming li")) {
      const call = state.calls.get(item.dataset.callId);
      if (!call) {
        continue;
      }
      const fill = item.querySelector(".ring-fill");
      if (fill && call.ringStartedAt && call.ringPeriodMs > 0) {
        const elapsed = now - Date.parse(call.ringStartedAt);
        const within = ((elapsed % call.ringPeriodMs) + call.ringPeriodMs) % call.ringPeriodMs;
        fill.style.width = Math.min(100, (within / call.ringPeriodMs) * 100).toFixed(1) + "%";
        // The count moves on with the bar, from the same clock; the server's "ring" event says the
        // same at the same instant, and a late one (a busy server or network) no longer holds it back.
        const ring = Math.max(call.ring || 1, Math.floor(elapsed / call.ringPeriodMs) + 1);
        const count = item.querySelector(".ring-count");
        if (count && ring !== call.ring) {
          call.ring = ring;
          count.textContent = t("ring", { n: ring });
        }
      }
      const waited = item.querySelector(".waited");
      if (waited && call.autoAnsweredAt) {
        waited.textContent = t("waited", { time: minutesSeconds(now - Date.parse(call.autoAnsweredAt)) });
      }
    }
    const call = selectedCall();
    const countdown = $("countdown");
    if (call && call.state === "held" && call.callbackOfferDueAt) {
      const seconds = Math.max(0, Math.ceil((Date.parse(call.callbackOfferDueAt) - now) / 1000));
      countdown.textContent = t("countdown", { s: seconds });
      countdown.dataset.seconds = String(seconds);
    } else if (call && call.state === "callback-offered") {
      countdown.textContent = t("offerPlaying");
      delete countdown.dataset.seconds;
    } else {
      countdown.textContent = "";
      delete countdown.dataset.seconds;
    }
  }

  // ---- the notes form, hold and resume ------------------------------------------------------------

  function clearErrors() {
    for (const field of ["surname", "honorific", "request"]) {
      $(field + "-error").textContent = "";
    }
  }

  async function saveNotes(event) {
    event.preventDefault();
    const call = selectedCall();
    if (!call) {
      return;
    }
    clearErrors();
    $("saved").textContent = t("saving");
    const result = await api("PUT", "/api/calls/" + encodeURIComponent(call.callId) + "/notes", formNotes());
    if (result.ok) {
      state.dirty = false;
      $("saved").textContent = t("saved");
      $("saved").dataset.state = "saved";
      call.notes = { surname: result.data.surname, honorific: result.data.honorific, request: result.data.request };
      return;
    }
    $("saved").dataset.state = "error";
    const problem = result.data || {};
    $("saved").textContent = problem.title || String(result.status);
    for (const [field, messages] of Object.entries(problem.errors || {})) {
      const target = $(field + "-error");
      if (target) {
        target.textContent = messages.join(" ");
      }
    }
  }

  async function press(button) {
    const call = selectedCall();
    if (!call) {
      return;
    }
    const result = await api("POST", "/api/calls/" + encodeURIComponent(call.callId) + "/" + button);
    if (!result.ok) {
      $("saved").dataset.state = "error";
      $("saved").textContent = (result.data && (result.data.detail || result.data.title)) || String(result.status);
    }
  }

  function closeEnded() {
    state.ended = null;
    state.selected = null;
    fillForm(null);
    renderCurrent();
  }

  async function signOut() {
    await api("POST", "/signout");
    toSignIn();
  }

  async function togglePresence() {
    const viewer = state.viewer;
    if (!viewer || !viewer.agentId) {
      return;
    }
    const next = viewer.presence === "away" ? "available" : "away";
    const result = await api("PUT", "/api/agents/" + encodeURIComponent(viewer.agentId) + "/presence", { state: next });
    if (result.ok && result.data) {
      viewer.presence = result.data.state;
      renderPresence(viewer.presence);
    }
  }

  // ---- callbacks ------------------------------------------------------------------------------

  async function loadCallbacks() {
    const result = await api("GET", "/api/callbacks");
    const status = $("callbacks-status");
    if (!result.ok || !Array.isArray(result.data)) {
      status.textContent = (result.data && (result.data.detail || result.data.title)) || String(result.status);
      return;
    }
    status.textContent = "";
    const open = result.data.filter((c) => ["pending", "calling", "failed"].includes(c.status) && (state.lines.size === 0 || state.lines.has(c.line)));
    const list = $("callbacks");
    list.replaceChildren();
    for (const callback of open) {
      list.append(callbackItem(callback));
    }
    $("no-callbacks").hidden = open.length > 0;
  }

  function callbackItem(callback) {
    const item = el("li", "callback " + callback.status);
    item.dataset.callbackId = String(callback.id);
    const top = el("div", "top");
    const name = callback.surname ? callback.surname + " · " : "";
    top.append(el("span", "number", name + callerText(callback)), el("span", "state", (state.texts.callbackStatus || {})[callback.status] || callback.status));
    item.append(top);
    if (callback.request) {
      item.append(el("div", "request", callback.request));
    }
    const facts = [t("due", { time: localTime(callback.dueAt) })];
    if (callback.attempts > 0) {
      facts.push(t("attempts", { n: callback.attempts }));
    }
    if (callback.lastResult) {
      facts.push(callback.lastResult);
    }
    item.append(el("div", "facts", facts.join(" · ")));
    const actions = el("div", "actions");
    const callNow = el("button", "call-now", t("callNow"));
    callNow.type = "button";
    callNow.disabled = callback.status === "calling";
    callNow.addEventListener("click", () => callbackAction(item, "POST", "/api/callbacks/" + callback.id + "/call",
      state.viewer && state.viewer.agentId ? { agentId: state.viewer.agentId } : undefined));
    const done = el("button", "done", t("done"));
    done.type = "button";
    done.addEventListener("click", () => callbackAction(item, "PATCH", "/api/callbacks/" + callback.id, { status: "done" }));
    const failed = el("button", "failed", t("failed"));
    failed.type = "button";
    failed.addEventListener("click", () => callbackAction(item, "PATCH", "/api/callbacks/" + callback.id, { status: "failed" }));
    actions.append(callNow, done, failed);
    item.append(actions);
    item.append(el("div", "problem"));
    return item;
  }

  async function callbackAction(item, method, url, body) {
    const result = await api(method, url, body);
    if (!result.ok) {
      const problem = result.data || {};
      item.querySelector(".problem").textContent = t("unavailable", { detail: problem.detail || problem.title || result.status });
      return;
    }
    await loadCallbacks();
  }

  // ---- start ----------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", async () => {
    applyLanguage(chooseLanguage(null));
    if (!await loadSession()) {
      return;
    }
    applyLanguage(chooseLanguage(state.session.language));
    $("notes").addEventListener("submit", saveNotes);
    $("notes").addEventListener("input", () => { state.dirty = true; });
    $("hold").addEventListener("click", () => press("hold"));
    $("resume").addEventListener("click", () => press("resume"));
    $("close-call").addEventListener("click", closeEnded);
    $("presence").addEventListener("click", togglePresence);
    $("signout").addEventListener("click", signOut);
    setInterval(animate, 200);
    // The callback list and the headset's presence (registration, wrap-up) are read again every 30 s.
    state.callbacksTimer = setInterval(() => { loadCallbacks(); refreshPresence(); }, 30000);
    connect();
  });
})();
