/*! pbchat web widget. Embed: <script src="https://HOST/widget/pbchat.js" data-campaign="west" defer></script>
 * A web component (<pbchat-widget>) in an open shadow root: the page's CSS can't break it, nor it
 * the page. Every text from the server is set with textContent or text nodes, never as HTML. */
(() => {
  "use strict";
  const TAG = "pbchat-widget";
  if (window.customElements.get(TAG)) return; // the script was included twice

  const script = document.currentScript;
  const BASE = script && script.src ? new URL(".", script.src).href : new URL("/widget/", location.href).href;
  const RECONNECT_MS = 3000; // wait before reopening the event stream
  const KEEP_ANNOUNCED = 3;
  const LINK = /\bhttps?:\/\/[^\s<>"'`]+/gi;
  const TRAILING = /[.,;:!?)\]}'"»”’]+$/;
  const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
  const PHOTO_MAX = 5 * 1024 * 1024; // the server's limit too (actions/web_photos.py)
  // English until the server's texts arrive (GET /widget/api/ui) or if it can't be reached.
  const EN = {
    launcher: "Chat with us", close: "Close", send: "Send", input: "Message", log: "Messages",
    you: "You:", bot: "Chat assistant:", location: "Share my location",
    location_shared: "Location shared", location_failed: "I could not get your location.",
    new_tab: "(opens in a new tab)", photo: "Add a photo", photo_sent: "Photo sent",
    photo_alt: "The photo you sent",
    photo_type: "That file is not a photo I can use. Please choose a JPEG, PNG or WebP.",
    photo_too_big: "That photo is too large. Please choose one of at most 5 MB.",
    error: "Sorry, the chat is not available right now. Please try again later.",
    busy: "Please wait a moment before sending more messages.",
  };

  const CSS = `
:host{all:initial;position:fixed;right:1rem;bottom:1rem;z-index:2147483000;display:block;
 font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;
 color:#1b1b1b;--ink:#1b1b1b;--brand:#0b4a8b;--brand-dark:#07315d;--soft:#eef2f6;--line:#6b7785}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
.sr-only{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
 clip:rect(0 0 0 0);white-space:nowrap;border:0}
button,input{font:inherit;color:inherit;margin:0}
button{cursor:pointer}
:focus{outline:none}
:focus-visible{outline:3px solid var(--ink);outline-offset:2px;box-shadow:0 0 0 5px #fff}
.launcher{display:flex;align-items:center;gap:.5rem;min-height:3rem;padding:.6rem 1.1rem;
 border:2px solid #fff;border-radius:1.5rem;background:var(--brand);color:#fff;font-weight:600;
 box-shadow:0 2px 8px rgba(0,0,0,.3)}
.launcher:hover{background:var(--brand-dark)}
.launcher svg,.loc svg,.pic svg{width:1.25rem;height:1.25rem;flex:none;fill:currentColor}
.panel{position:absolute;right:0;bottom:calc(100% + .75rem);display:flex;flex-direction:column;
 width:min(24rem,calc(100vw - 2rem));height:min(36rem,calc(100vh - 6rem));background:#fff;
 border:1px solid var(--line);border-radius:.75rem;box-shadow:0 6px 24px rgba(0,0,0,.3);overflow:hidden}
.head{display:flex;align-items:center;justify-content:space-between;gap:.5rem;padding:.5rem .5rem .5rem 1rem;
 background:var(--brand);color:#fff}
.head h2{margin:0;font-size:1.05rem;line-height:1.3}
.close{min-width:2.75rem;min-height:2.75rem;border:0;border-radius:.4rem;background:transparent;
 color:#fff;font-size:1.6rem;line-height:1}
.close:hover{background:var(--brand-dark)}
.head :focus-visible{outline-color:#fff;box-shadow:0 0 0 5px var(--ink)}
.log{position:relative;flex:1 1 auto;min-height:0;overflow-y:auto;padding:.75rem;display:flex;flex-direction:column;gap:.6rem}
.msg{max-width:88%;padding:.55rem .8rem;border-radius:.8rem;overflow-wrap:anywhere}
.msg p{margin:0;white-space:pre-line}
.bot{align-self:flex-start;background:var(--soft);border-end-start-radius:.2rem}
.me{align-self:flex-end;background:var(--brand);color:#fff;border-end-end-radius:.2rem}
.bot a{color:var(--brand-dark)}
.msg img{display:block;max-width:100%;height:auto;margin-top:.5rem;border-radius:.4rem}
.me img{max-height:12rem;object-fit:contain}
.opts{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.6rem}
.opts button{min-height:2.75rem;padding:.45rem .8rem;border:2px solid var(--brand);border-radius:.5rem;
 background:#fff;color:var(--brand-dark);font-weight:600;text-align:start}
.opts button:hover:not(:disabled){background:#dde8f5}
.opts button.row{display:flex;flex-direction:column;width:100%;font-weight:400}
.row .t{font-weight:600}
.row .d{font-size:.9rem;color:#3d4650}
.opts button:disabled{cursor:default;border-color:#b9c0c8;color:#58606a;background:#f6f7f8}
.opts button:disabled .d{color:#58606a}
.note{align-self:center;padding:.4rem .7rem;border:1px solid #a30000;border-radius:.4rem;color:#a30000;background:#fff}
.typing{align-self:flex-start;display:flex;gap:.25rem;padding:.7rem .9rem;background:var(--soft);border-radius:.8rem}
.typing span{width:.45rem;height:.45rem;border-radius:50%;background:#4d5863}
.composer{display:flex;align-items:stretch;gap:.4rem;padding:.6rem;border-top:1px solid var(--line)}
.composer input{flex:1 1 auto;min-width:0;min-height:2.75rem;padding:.4rem .7rem;border:2px solid var(--line);
 border-radius:.5rem;background:#fff}
.composer input:focus-visible{border-color:var(--ink)}
.loc,.pic,.send{min-height:2.75rem;border:2px solid var(--brand);border-radius:.5rem}
.loc,.pic{min-width:2.75rem;display:grid;place-items:center;background:#fff;color:var(--brand-dark)}
.send{padding:.4rem .9rem;background:var(--brand);color:#fff;font-weight:600}
.send:hover{background:var(--brand-dark)}
@media (max-width:32rem),(max-height:32rem){
 .panel{position:fixed;inset:0;width:auto;height:auto;border-radius:0;border:0}
}
@media (prefers-reduced-motion:no-preference){
 .panel:not([hidden]){animation:pbchat-in .18s ease-out}
 .typing span{animation:pbchat-dot 1s infinite ease-in-out}
 .typing span:nth-child(2){animation-delay:.15s}
 .typing span:nth-child(3){animation-delay:.3s}
 .log{scroll-behavior:smooth}
}
@keyframes pbchat-in{from{opacity:0;transform:translateY(.5rem)}to{opacity:1;transform:none}}
@keyframes pbchat-dot{0%,80%,100%{opacity:.3}40%{opacity:1}}
@media (forced-colors:active){.launcher,.me,.send,.opts button{border:2px solid ButtonText}}
`;

  const ICON_CHAT = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';
  const ICON_PIN = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 2a7 7 0 0 0-7 7c0 5 7 13 7 13s7-8 7-13a7 7 0 0 0-7-7zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5z"/></svg>';
  const ICON_PHOTO = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z"/></svg>';
  // Static markup only: nothing from the server or the resident ever goes through innerHTML.
  const HTML = `
<aside class="root">
 <button class="launcher" type="button" aria-expanded="false" aria-controls="pbchat-panel">${ICON_CHAT}<span class="launcher-label"></span></button>
 <div class="panel" id="pbchat-panel" role="dialog" aria-modal="false" aria-labelledby="pbchat-title" hidden>
  <div class="head"><h2 id="pbchat-title"></h2><button class="close" type="button"><span aria-hidden="true">×</span><span class="sr-only close-label"></span></button></div>
  <section class="log" tabindex="0" aria-busy="false"></section>
  <div class="sr-only live" aria-live="polite"></div>
  <form class="composer" novalidate>
   <label class="sr-only" for="pbchat-input"></label>
   <input id="pbchat-input" type="text" maxlength="2000" autocomplete="off" enterkeyhint="send">
   <button class="pic" type="button">${ICON_PHOTO}<span class="sr-only pic-label"></span></button>
   <input class="file" type="file" accept="${PHOTO_TYPES.join(",")}" hidden>
   <button class="loc" type="button">${ICON_PIN}<span class="sr-only loc-label"></span></button>
   <button class="send" type="submit"></button>
  </form>
 </div>
</aside>`;

  function storage(name) {
    try {
      const area = window[name];
      area.setItem("pbchat-probe", "1");
      area.removeItem("pbchat-probe");
      return area;
    } catch (error) {
      return null; // blocked storage (privacy settings): the session lasts as long as the page
    }
  }

  function safeUrl(raw, base) {
    try {
      const url = new URL(raw, base);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function randomId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function element(name, className, text) {
    const node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  class PbChatWidget extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.campaign = this.getAttribute("campaign") || "";
      this.api = (this.getAttribute("api") || BASE + "api").replace(/\/+$/, "");
      const origin = new URL(this.api, location.href).origin;
      this.key = `pbchat:${origin}:${this.campaign}:`;
      this.local = storage("localStorage");
      this.tab = storage("sessionStorage");
      this.token = this.load(this.local, "token");
      this.texts = Object.assign({}, EN);
      this.uiLang = "";
      this.seen = new Set();
      this.lastId = 0;
      this.busy = false;
      this.started = false;
      this.timer = 0;

      const root = this.attachShadow({ mode: "open" });
      if (root.adoptedStyleSheets !== undefined && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        const sheet = new CSSStyleSheet(); // not subject to a page's CSP on inline styles
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet];
      } else {
        root.appendChild(element("style", "", CSS));
      }
      root.innerHTML += HTML;
      const $ = (selector) => root.querySelector(selector);
      this.el = {
        root: $(".root"), launcher: $(".launcher"), panel: $(".panel"), title: $("h2"),
        close: $(".close"), log: $(".log"), live: $(".live"), form: $("form"),
        input: $("#pbchat-input"), loc: $(".loc"), send: $(".send"), pic: $(".pic"), file: $(".file"),
      };
      if (!("geolocation" in navigator)) this.el.loc.hidden = true;
      this.applyTexts();

      this.el.launcher.addEventListener("click", () => (this.el.panel.hidden ? this.open(true) : this.close()));
      this.el.close.addEventListener("click", () => this.close());
      root.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && !this.el.panel.hidden) {
          event.preventDefault();
          this.close();
        }
      });
      this.el.form.addEventListener("submit", (event) => {
        event.preventDefault();
        const text = this.el.input.value.trim();
        if (!text || this.busy) return;
        this.el.input.value = "";
        this.send({ text }, text, false);
      });
      this.el.log.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-payload]");
        if (!button || button.disabled || this.busy) return;
        this.send({ payload: button.dataset.payload }, button.dataset.label, true);
      });
      this.el.loc.addEventListener("click", () => this.shareLocation());
      this.el.pic.addEventListener("click", () => this.el.file.click());
      this.el.file.addEventListener("change", () => {
        const file = this.el.file.files[0];
        this.el.file.value = ""; // the same photo may be chosen again
        this.sendPhoto(file);
      });
      document.addEventListener("visibilitychange", () => this.schedule());

      this.loadUi(this.load(this.local, "lang") || navigator.language || "en");
      if (this.load(this.tab, "open") === "1") this.open(false); // a reload keeps it open
    }

    disconnectedCallback() {
      clearTimeout(this.timer);
      if (this.abort) this.abort.abort();
    }

    load(area, name) {
      return area ? area.getItem(this.key + name) : null;
    }

    keep(area, name, value) {
      if (!area) return;
      if (value === null) area.removeItem(this.key + name);
      else area.setItem(this.key + name, value);
    }

    // --- chrome ---------------------------------------------------------------------------

    applyTexts() {
      const t = this.texts;
      this.el.root.setAttribute("aria-label", t.launcher);
      this.el.launcher.querySelector(".launcher-label").textContent = t.launcher;
      this.el.title.textContent = t.launcher;
      this.el.root.querySelector(".close-label").textContent = t.close;
      this.el.log.setAttribute("aria-label", t.log);
      this.el.root.querySelector("label").textContent = t.input;
      this.el.root.querySelector(".loc-label").textContent = t.location;
      this.el.root.querySelector(".pic-label").textContent = t.photo;
      this.el.send.textContent = t.send;
    }

    async loadUi(language) {
      const code = String(language).split("-")[0].toLowerCase();
      if (!code || code === this.uiLang) return;
      this.uiLang = code;
      try {
        const response = await fetch(`${this.api}/ui?lang=${encodeURIComponent(code)}`);
        if (!response.ok) return;
        const data = await response.json();
        if (this.uiLang !== code) return; // a newer language was asked for meanwhile
        Object.assign(this.texts, data.texts || {});
        this.el.root.lang = data.language;
        this.el.root.dir = data.rtl ? "rtl" : "ltr";
        this.applyTexts();
      } catch (error) {
        /* the English texts stay */
      }
    }

    async open(focus) {
      this.el.panel.hidden = false;
      this.el.launcher.setAttribute("aria-expanded", "true");
      this.keep(this.tab, "open", "1");
      if (focus) this.el.input.focus();
      if (!this.started) {
        this.started = true;
        await this.resume();
      }
      this.scrollDown();
      this.schedule();
    }

    close() {
      this.el.panel.hidden = true;
      this.el.launcher.setAttribute("aria-expanded", "false");
      this.keep(this.tab, "open", "0");
      this.el.launcher.focus();
      this.schedule();
    }

    // --- talking to the server -------------------------------------------------------------

    async call(method, path, body) {
      const headers = { Accept: "application/json" };
      const raw = body instanceof Blob; // a photo goes as its own bytes
      if (body !== undefined) headers["Content-Type"] = raw ? body.type : "application/json";
      if (this.token) headers.Authorization = `Bearer ${this.token}`;
      const response = await fetch(this.api + path, {
        method, headers, body: body === undefined || raw ? body : JSON.stringify(body),
      });
      let data = {};
      try {
        data = await response.json();
      } catch (error) {
        /* an empty or non-JSON error page */
      }
      return { status: response.status, ok: response.ok, data };
    }

    forget() {
      this.token = null;
      this.keep(this.local, "token", null);
    }

    async resume() {
      if (this.token) {
        this.setBusy(true);
        let answer = null;
        try {
          answer = await this.call("GET", "/history");
        } catch (error) {
          /* answered below */
        }
        this.setBusy(false);
        if (answer && answer.ok && answer.data.entries && answer.data.entries.length) {
          answer.data.entries.forEach((entry) => this.render(entry, false));
          return;
        }
        if (!answer || (!answer.ok && answer.status !== 401 && answer.status !== 403)) {
          this.note(answer && answer.status === 429 ? this.texts.busy : this.texts.error);
          return;
        }
        this.forget(); // expired, forged, or the resident asked to be forgotten
      }
      await this.start();
    }

    async start() {
      this.setBusy(true);
      try {
        const answer = await this.call("POST", "/session", { campaign: this.campaign });
        if (!answer.ok || !answer.data.token) {
          this.note(answer.status === 429 ? this.texts.busy : this.texts.error);
          return false;
        }
        this.token = answer.data.token;
        this.keep(this.local, "token", this.token);
        answer.data.entries.forEach((entry) => this.render(entry, true));
        return true;
      } catch (error) {
        this.note(this.texts.error);
        return false;
      } finally {
        this.setBusy(false);
      }
    }

    send(message, shown, tapped) {
      const body = Object.assign({ id: randomId() }, message);
      return this.exchange(() => this.call("POST", "/messages", body), { from: "resident", text: shown }, tapped);
    }

    sendPhoto(file) {
      if (!file || this.busy) return;
      if (!PHOTO_TYPES.includes(file.type)) return this.note(this.texts.photo_type);
      if (file.size > PHOTO_MAX) return this.note(this.texts.photo_too_big);
      const path = `/photos?id=${randomId()}`;
      this.exchange(() => this.call("POST", path, file), { from: "resident", text: this.texts.photo_sent, file }, false);
    }

    async exchange(request, mine, tapped) {
      if (this.busy) return;
      if (!this.token && !(await this.start())) return;
      const spent = this.disableOptions();
      const box = this.render(mine, false);
      this.setBusy(true);
      let failed = true;
      try {
        const answer = await request();
        if (answer.status === 401 || answer.status === 403) {
          failed = false; // the old session's choices are gone with it
          this.forget();
          this.setBusy(false);
          await this.start();
          return;
        }
        if (!answer.ok) {
          const refused = mine.file && { 413: this.texts.photo_too_big, 415: this.texts.photo_type }[answer.status];
          this.note(refused || (answer.status === 429 ? this.texts.busy : this.texts.error));
          return;
        }
        failed = false;
        let first = null;
        for (const entry of answer.data.entries || []) {
          if (entry.from === "resident") this.mark(entry.id); // already shown as sent
          else {
            const box = this.render(entry, true);
            first = first || box;
          }
        }
        // A long answer (a list of proposals) is read from its start, not its end.
        if (first) this.el.log.scrollTop = Math.max(0, first.offsetTop - 12);
        if (answer.data.ended) this.forget(); // "delete my data": the next message starts anew
      } catch (error) {
        this.note(this.texts.error);
      } finally {
        this.setBusy(false);
        if (failed) spent.forEach((button) => (button.disabled = false)); // nothing happened: try again
        if (failed && mine.file && box) box.remove(); // a photo not sent must not look sent
      }
      // A tapped button is disabled now: focus goes to the new choices, else to the input.
      if (tapped) this.focusFirst();
    }

    shareLocation() {
      if (this.busy) return;
      navigator.geolocation.getCurrentPosition(
        (position) => {
          const { latitude, longitude } = position.coords;
          this.send({ location: { latitude, longitude } }, this.texts.location_shared, false);
        },
        () => this.note(this.texts.location_failed),
        { timeout: 15000, maximumAge: 60000 },
      );
    }

    // Later messages (an organiser's notice) arrive as Server-Sent Events. fetch() reads the
    // stream because EventSource can't send the Authorization header.
    async listen() {
      if (this.listening || !this.token || this.el.panel.hidden) return;
      this.listening = true;
      this.abort = new AbortController();
      try {
        const response = await fetch(`${this.api}/events?after=${this.lastId}`, {
          headers: { Accept: "text/event-stream", Authorization: `Bearer ${this.token}` },
          signal: this.abort.signal,
        });
        if (response.ok && response.body) {
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let cut = buffer.indexOf("\n\n");
            while (cut >= 0) {
              this.event(buffer.slice(0, cut));
              buffer = buffer.slice(cut + 2);
              cut = buffer.indexOf("\n\n");
            }
          }
        }
      } catch (error) {
        /* closed, offline or aborted: reconnect below while the chat is open */
      }
      this.listening = false;
      clearTimeout(this.timer);
      if (!this.el.panel.hidden && this.token) this.timer = setTimeout(() => this.listen(), RECONNECT_MS);
    }

    event(block) {
      const data = block.split("\n").filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6)).join("\n");
      if (!data) return;
      try {
        this.render(JSON.parse(data), true);
      } catch (error) {
        /* not an entry */
      }
    }

    schedule() {
      clearTimeout(this.timer);
      if (this.el.panel.hidden || document.visibilityState !== "visible") {
        if (this.abort) this.abort.abort();
        return;
      }
      this.listen();
    }

    // --- drawing ---------------------------------------------------------------------------

    setBusy(busy) {
      this.busy = busy;
      this.el.log.setAttribute("aria-busy", busy ? "true" : "false");
      const old = this.el.log.querySelector(".typing");
      if (old) old.remove();
      if (busy) {
        const dots = element("div", "typing");
        dots.setAttribute("aria-hidden", "true");
        dots.append(element("span"), element("span"), element("span"));
        this.el.log.append(dots);
        this.scrollDown();
      }
    }

    mark(id) {
      if (id === null || id === undefined) return false;
      if (this.seen.has(id)) return true;
      this.seen.add(id);
      this.lastId = Math.max(this.lastId, id);
      return false;
    }

    disableOptions() {
      const live = [...this.el.log.querySelectorAll("button[data-payload]:not(:disabled)")];
      live.forEach((button) => (button.disabled = true));
      return live;
    }

    render(entry, announce) {
      if (this.mark(entry.id)) return null;
      const bot = entry.from === "bot";
      const box = element("div", bot ? "msg bot" : "msg me");
      if (bot) {
        box.lang = entry.language || "";
        box.dir = entry.rtl ? "rtl" : "ltr";
        if (entry.language && entry.language !== this.uiLang) {
          this.keep(this.local, "lang", entry.language);
          this.loadUi(entry.language);
        }
      } else {
        box.dir = "auto";
        this.disableOptions(); // the choices before a resident's message are spent
      }
      box.append(element("span", "sr-only", `${bot ? this.texts.bot : this.texts.you} `));
      const text = element("p");
      if (bot) this.linkify(text, entry.text || "");
      else text.textContent = entry.text || "";
      box.append(text);
      if (bot && entry.image) {
        const src = safeUrl(entry.image.url, this.api);
        if (src) {
          const image = element("img");
          image.alt = entry.image.alt || "";
          image.decoding = "async";
          image.addEventListener("load", () => this.scrollDown());
          image.src = src;
          box.append(image);
        }
      }
      if (bot) this.options(box, entry);
      else if (entry.file || entry.photo) this.thumbnail(box, entry);
      const typing = this.el.log.querySelector(".typing");
      this.el.log.insertBefore(box, typing);
      if (announce && bot) this.announce(`${this.texts.bot} ${entry.text || ""}`);
      this.scrollDown();
      return box;
    }

    // The resident's own photo: the file just chosen, or fetched with the token (an <img src>
    // can't send it) after a reload.
    async thumbnail(box, entry) {
      const image = element("img");
      image.alt = this.texts.photo_alt;
      image.addEventListener("load", () => {
        URL.revokeObjectURL(image.src);
        this.scrollDown();
      });
      image.addEventListener("error", () => image.remove());
      box.append(image);
      try {
        let blob = entry.file;
        if (!blob) {
          const response = await fetch(`${this.api}/photos/${encodeURIComponent(String(entry.photo.id))}`, {
            headers: { Authorization: `Bearer ${this.token}` },
          });
          if (!response.ok) throw new Error(String(response.status));
          blob = await response.blob();
        }
        image.src = URL.createObjectURL(blob);
      } catch (error) {
        image.remove(); // the text still says a photo was sent
      }
    }

    options(box, entry) {
      const rows = entry.rows || [];
      const buttons = entry.buttons || [];
      if (!rows.length && !buttons.length) return;
      const group = element("div", "opts");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", entry.list_label || (entry.text || "").split("\n")[0].slice(0, 80));
      for (const row of rows) {
        const button = this.option(row.payload, row.title);
        button.classList.add("row");
        button.append(element("span", "t", row.title));
        if (row.description) button.append(element("span", "d", row.description));
        group.append(button);
      }
      for (const item of buttons) {
        const button = this.option(item.payload, item.label);
        button.textContent = item.label;
        group.append(button);
      }
      box.append(group);
    }

    option(payload, label) {
      const button = element("button");
      button.type = "button";
      button.dataset.payload = payload;
      button.dataset.label = label;
      return button;
    }

    linkify(parent, text) {
      let done = 0;
      for (const match of text.matchAll(LINK)) {
        const raw = match[0].replace(TRAILING, "");
        const href = safeUrl(raw);
        parent.append(text.slice(done, match.index));
        if (href) {
          const link = element("a", "", raw);
          link.href = href;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          link.append(element("span", "sr-only", ` ${this.texts.new_tab}`));
          parent.append(link);
        } else {
          parent.append(raw);
        }
        done = match.index + raw.length;
      }
      parent.append(text.slice(done));
    }

    note(text) {
      const box = element("div", "note", text);
      box.setAttribute("role", "alert");
      this.el.log.insertBefore(box, this.el.log.querySelector(".typing"));
      this.scrollDown();
    }

    announce(text) {
      this.el.live.append(element("p", "", text));
      while (this.el.live.childElementCount > KEEP_ANNOUNCED) this.el.live.firstElementChild.remove();
    }

    focusFirst() {
      if (this.el.panel.hidden) return;
      const choice = this.el.log.querySelector("button[data-payload]:not(:disabled)");
      (choice || this.el.input).focus();
    }

    scrollDown() {
      this.el.log.scrollTop = this.el.log.scrollHeight;
    }
  }

  window.customElements.define(TAG, PbChatWidget);

  function embed() {
    const campaign = script && script.dataset.campaign;
    if (!campaign || document.querySelector(TAG)) return;
    const widget = document.createElement(TAG);
    widget.setAttribute("campaign", campaign);
    if (script.dataset.api) widget.setAttribute("api", script.dataset.api);
    document.body.append(widget);
  }
  if (document.body) embed();
  else document.addEventListener("DOMContentLoaded", embed);
})();
