// The sandbox page: shows what one person of the emulated workspace sees, as the Slack client would draw it,
// and acts as them. No framework and no build: plain DOM calls. Every text from a message is either set with
// textContent or goes through mrkdwn(), which escapes it before adding the few tags it produces.
"use strict";

(function () {
  const POLL_MS = 1000;
  const EMOJI = {
    white_check_mark: "\u2705", x: "\u274C", rotating_light: "\uD83D\uDEA8", hourglass: "\u231B",
    hourglass_flowing_sand: "\u23F3", no_entry_sign: "\uD83D\uDEAB", no_entry: "\u26D4",
    information_source: "\u2139\uFE0F", warning: "\u26A0\uFE0F", arrow_forward: "\u25B6\uFE0F",
    checkered_flag: "\uD83C\uDFC1", bust_in_silhouette: "\uD83D\uDC64", lock: "\uD83D\uDD12",
    tada: "\uD83C\uDF89", eyes: "\uD83D\uDC40", bell: "\uD83D\uDD14", thumbsup: "\uD83D\uDC4D",
    "+1": "\uD83D\uDC4D", memo: "\uD83D\uDCDD", rocket: "\uD83D\uDE80", calendar: "\uD83D\uDCC5",
    clock1: "\uD83D\uDD50", arrow_right: "\u27A1\uFE0F", heavy_check_mark: "\u2714\uFE0F"
  };

  const state = {
    users: [], usersById: {}, user: null, conversation: null, revision: null, data: null,
    shownView: null, confirming: false
  };

  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  // ---- mrkdwn, Slack's markup: &amp; &lt; &gt; are escapes, <…> are links, mentions and dates

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function unescapeSlack(text) {
    return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }

  function safeUrl(url) {
    return /^(https?:|mailto:)/i.test(url) ? url : null;
  }

  function userName(id) {
    const user = state.usersById[id];
    return user ? user.real_name || user.name : id;
  }

  function control(inner, keep) {
    if (inner.startsWith("@")) {
      const id = inner.slice(1).split("|")[0];
      return keep('<span class="mention">@' + escapeHtml(userName(id)) + "</span>");
    }
    if (inner.startsWith("#")) {
      const [id, label] = inner.slice(1).split("|");
      return keep('<span class="mention">#' + escapeHtml(unescapeSlack(label || id)) + "</span>");
    }
    if (inner.startsWith("!date^")) {
      const bar = inner.indexOf("|");
      const epoch = Number(inner.slice(6).split("^")[0]);
      const fallback = bar >= 0 ? unescapeSlack(inner.slice(bar + 1)) : "";
      const shown = Number.isFinite(epoch) && epoch > 0
        ? new Date(epoch * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
        : fallback;
      return keep('<time title="' + escapeHtml(fallback) + '">' + escapeHtml(shown) + "</time>");
    }
    if (inner.startsWith("!")) {
      return keep('<span class="mention">@' + escapeHtml(unescapeSlack(inner.slice(1).split("|")[0])) + "</span>");
    }
    const bar = inner.indexOf("|");
    const url = unescapeSlack(bar >= 0 ? inner.slice(0, bar) : inner);
    const label = unescapeSlack(bar >= 0 ? inner.slice(bar + 1) : inner);
    const href = safeUrl(url);
    if (!href) return escapeHtml(label);
    return keep('<a href="' + escapeHtml(href) + '" target="_blank" rel="noopener noreferrer">'
      + escapeHtml(label) + "</a>");
  }

  /** Text outside <…>: Slack's three escapes undone, then escaped for HTML; bare web addresses become links. */
  function plain(part, keep) {
    return unescapeSlack(part).split(/(https?:\/\/[^\s<>"']+)/).map((piece, index) => index % 2 === 1
      ? keep('<a href="' + escapeHtml(piece) + '" target="_blank" rel="noopener noreferrer">' + escapeHtml(piece)
        + "</a>")
      : escapeHtml(piece)).join("");
  }

  function mrkdwn(raw) {
    const kept = [];
    const keep = (html) => "\u0000" + (kept.push(html) - 1) + "\u0000";
    let html = String(raw).replace(/\u0000/g, "").split(/(<[^<>]*>)/).map((part) =>
      part.startsWith("<") && part.endsWith(">") ? control(part.slice(1, -1), keep) : plain(part, keep)).join("");
    html = html.replace(/`([^`\n]+)`/g, (m, code) => keep("<code>" + code + "</code>"));
    html = html.replace(/(^|[^\w*])\*([^*\n]+)\*(?![\w*])/g, "$1<strong>$2</strong>");
    html = html.replace(/(^|[^\w])_([^_\n]+)_(?!\w)/g, "$1<em>$2</em>");
    html = html.replace(/(^|[^\w~])~([^~\n]+)~(?![\w~])/g, "$1<del>$2</del>");
    html = html.replace(/:([a-z0-9_+\-]+):/g, (m, name) => EMOJI[name] || m);
    html = html.replace(/\n/g, "<br>");
    return html.replace(/\u0000(\d+)\u0000/g, (m, index) => kept[Number(index)]);
  }

  function text(object) {
    const node = el("span", "text");
    if (!object) return node;
    if (object.type === "mrkdwn") {
      node.innerHTML = mrkdwn(object.text || "");
    } else {
      node.textContent = object.emoji === false ? object.text || ""
        : (object.text || "").replace(/:([a-z0-9_+\-]+):/g, (m, name) => EMOJI[name] || m);
    }
    return node;
  }

  // ---- Block Kit

  function button(element, context) {
    const node = el("button", "sk-button", "");
    node.type = "button";
    node.append(text(element.text));
    if (element.style === "primary" || element.style === "danger") node.classList.add(element.style);
    if (element.url) node.classList.add("link");
    node.dataset.actionId = element.action_id || "";
    node.addEventListener("click", () => pressButton(element, context, node));
    return node;
  }

  function elementNode(element, context) {
    if (element.type === "button") return button(element, context);
    if (element.type === "image") return el("span", "unsupported", "[image: " + (element.alt_text || "") + "]");
    if (element.type === "mrkdwn" || element.type === "plain_text") return text(element);
    return el("span", "unsupported", "[" + element.type + "]");
  }

  function blockNode(block, context) {
    switch (block.type) {
      case "header": {
        const node = el("div", "block-header");
        node.append(text(block.text));
        return node;
      }
      case "section": {
        const node = el("div", "block-section");
        const body = el("div", "text");
        if (block.text) body.append(text(block.text));
        if (block.fields && block.fields.length) {
          const fields = el("div", "fields");
          block.fields.forEach((field) => { const cell = el("div"); cell.append(text(field)); fields.append(cell); });
          body.append(fields);
        }
        node.append(body);
        if (block.accessory) node.append(elementNode(block.accessory, context));
        return node;
      }
      case "context": {
        const node = el("div", "block-context");
        (block.elements || []).forEach((element) => node.append(elementNode(element, context)));
        return node;
      }
      case "divider":
        return el("hr", "block-divider");
      case "actions": {
        const node = el("div", "block-actions");
        (block.elements || []).forEach((element) => node.append(elementNode(element, context)));
        return node;
      }
      case "input": {
        const node = el("div", "block-input");
        node.dataset.blockId = block.block_id || "";
        const id = "input-" + (block.block_id || "") + "-" + ((block.element || {}).action_id || "");
        const label = el("label");
        label.htmlFor = id;
        label.append(text(block.label));
        if (block.optional) label.append(el("span", "meta", " (optional)"));
        node.append(label);
        const element = block.element || {};
        if (element.type === "plain_text_input") {
          const input = el(element.multiline ? "textarea" : "input");
          input.id = id;
          input.dataset.actionId = element.action_id || "";
          if (element.max_length) input.maxLength = element.max_length;
          if (element.placeholder) input.placeholder = element.placeholder.text || "";
          if (element.initial_value) input.value = element.initial_value;
          node.append(input);
        } else {
          node.append(el("span", "unsupported", "[" + element.type + " input]"));
        }
        node.append(el("div", "error"));
        return node;
      }
      default:
        return el("div", "unsupported", "[" + block.type + " block]");
    }
  }

  function messageNode(message, small) {
    const node = el("div", "message" + (message.ephemeral_to ? " ephemeral" : ""));
    node.dataset.ts = message.ts;
    node.append(el("div", "avatar", "C"));
    const content = el("div", "content");
    if (message.ephemeral_to) content.append(el("div", "only-you", "\uD83D\uDC41 Only visible to you"));
    const meta = el("div", "meta");
    meta.append(el("span", "sender", "Countersign"), el("span", "app", "APP"),
      el("span", "time", new Date(Number(message.ts) * 1000).toLocaleTimeString()));
    if (message.update_count > 0) meta.append(el("span", "edited", "(edited)"));
    content.append(meta);
    const context = { channel: message.channel, ts: message.ts, ephemeral: Boolean(message.ephemeral_to) };
    const blocks = message.blocks || [];
    if (blocks.length === 0) {
      const body = el("div", "block-section");
      body.append(text({ type: "mrkdwn", text: message.text || "" }));
      content.append(body);
    } else {
      blocks.forEach((block) => content.append(blockNode(block, context)));
    }
    if (!small && message.replies && message.replies.length) {
      const thread = el("div", "thread");
      thread.append(el("div", "thread-title",
        message.replies.length + (message.replies.length === 1 ? " reply" : " replies")));
      message.replies.forEach((reply) => thread.append(messageNode(reply, true)));
      content.append(thread);
    }
    node.append(content);
    return node;
  }

  // ---- acting as the person

  async function post(path, body) {
    const answer = await fetch("api/" + path, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    });
    const json = await answer.json().catch(() => ({ error: "HTTP " + answer.status }));
    if (!answer.ok) throw new Error(json.error || "HTTP " + answer.status);
    return json;
  }

  function logActivity(what, result) {
    const item = el("li");
    const ok = result && result.acknowledged;
    item.append(el("span", ok ? "ok" : "bad", ok ? "\u2713 " : "\u2717 "), document.createTextNode(what + ": "));
    item.append(document.createTextNode(result && result.status !== undefined
      ? "HTTP " + result.status + " in " + result.latency_ms + " ms" + (ok ? "" : " (Slack would show an error)")
      : String(result && result.error || result)));
    const list = $("activity-list");
    list.prepend(item);
    while (list.children.length > 20) list.lastChild.remove();
  }

  async function pressButton(element, context, node) {
    if (element.confirm && !(await confirmDialog(element.confirm))) return;
    if (element.url) window.open(safeUrl(element.url) || "about:blank", "_blank", "noopener");
    node.disabled = true;
    const label = (element.text || {}).text || element.action_id;
    try {
      const result = await post("click", {
        user: state.user.id, channel: context.channel, ts: context.ts, action_id: element.action_id,
        ephemeral: context.ephemeral
      });
      logActivity("block_actions \u201C" + label + "\u201D as " + userName(state.user.id), result);
    } catch (e) {
      logActivity("block_actions \u201C" + label + "\u201D", { error: e.message });
    } finally {
      node.disabled = false;
      refresh();
    }
  }

  /** A button's confirm object, as Slack shows it: title, text, and the two labels. Resolves true on confirm. */
  function confirmDialog(confirm) {
    return new Promise((resolve) => {
      const overlay = $("overlay");
      overlay.replaceChildren();
      const dialog = el("div", "dialog confirm-dialog");
      dialog.setAttribute("role", "alertdialog");
      const title = el("h3");
      title.append(text(confirm.title || { type: "plain_text", text: "Are you sure?" }));
      const body = el("div", "dialog-body");
      body.append(text(confirm.text));
      const buttons = el("div", "dialog-buttons");
      const deny = el("button", "sk-button deny");
      deny.type = "button";
      deny.append(text(confirm.deny || { type: "plain_text", text: "Cancel" }));
      const yes = el("button", "sk-button confirm " + (confirm.style === "danger" ? "danger" : "primary"));
      yes.type = "button";
      yes.append(text(confirm.confirm || { type: "plain_text", text: "Yes" }));
      const done = (answer) => { overlay.hidden = true; overlay.replaceChildren(); state.confirming = false; resolve(answer); };
      deny.addEventListener("click", () => done(false));
      yes.addEventListener("click", () => done(true));
      buttons.append(deny, yes);
      dialog.append(title, body, buttons);
      overlay.append(dialog);
      state.confirming = true;
      overlay.hidden = false;
      yes.focus();
    });
  }

  // ---- modals (views.open)

  function renderView() {
    const views = (state.data && state.data.views) || [];
    const view = views[views.length - 1];
    const overlay = $("view-overlay");
    if (!view) {
      state.shownView = null;
      overlay.hidden = true;
      overlay.replaceChildren();
      return;
    }
    if (state.shownView === view.id + "/" + view.hash) return; // keep what the person is typing
    state.shownView = view.id + "/" + view.hash;
    overlay.replaceChildren();
    const dialog = el("form", "dialog view-dialog");
    dialog.setAttribute("role", "dialog");
    dialog.dataset.viewId = view.id;
    const title = el("h3");
    title.append(text(view.title));
    const body = el("div", "dialog-body");
    (view.blocks || []).forEach((block) => body.append(blockNode(block, {})));
    const problem = el("div", "dialog-error");
    const buttons = el("div", "dialog-buttons");
    const close = el("button", "sk-button view-close");
    close.type = "button";
    close.append(text(view.close || { type: "plain_text", text: "Cancel" }));
    close.addEventListener("click", async () => {
      try { await post("close", { user: state.user.id, view_id: view.id }); } catch (e) { /* already gone */ }
      refresh();
    });
    buttons.append(close);
    if (view.submit) {
      const submit = el("button", "sk-button primary view-submit");
      submit.type = "submit";
      submit.append(text(view.submit));
      buttons.append(submit);
    }
    dialog.addEventListener("submit", async (event) => {
      event.preventDefault();
      const values = {};
      dialog.querySelectorAll("[data-action-id]").forEach((input) => {
        if (input.tagName === "INPUT" || input.tagName === "TEXTAREA") values[input.dataset.actionId] = input.value;
      });
      dialog.querySelectorAll(".block-input .error").forEach((node) => { node.textContent = ""; });
      problem.textContent = "";
      try {
        const result = await post("submit", { user: state.user.id, view_id: view.id, values: values });
        logActivity("view_submission \u201C" + ((view.title || {}).text || view.callback_id) + "\u201D as "
          + userName(state.user.id), result);
        const answer = result.body ? JSON.parse(result.body) : {};
        if (answer.response_action === "errors") {
          Object.entries(answer.errors || {}).forEach(([blockId, message]) => {
            const input = Array.from(dialog.querySelectorAll(".block-input"))
              .find((node) => node.dataset.blockId === blockId);
            if (input) input.querySelector(".error").textContent = message;
            else problem.textContent = message;
          });
        }
      } catch (e) {
        problem.textContent = e.message;
      }
      refresh();
    });
    dialog.append(title, body, problem, buttons);
    overlay.append(dialog);
    overlay.hidden = false;
  }

  // ---- the page

  function conversationLabel(conversation) {
    return conversation.is_im ? "Countersign (app DM)" : "#" + conversation.name;
  }

  function renderPeople() {
    const list = $("user-list");
    list.replaceChildren();
    state.users.forEach((user) => {
      const item = el("li");
      const choose = el("button");
      choose.type = "button";
      choose.dataset.userId = user.id;
      choose.setAttribute("aria-pressed", String(Boolean(state.user && state.user.id === user.id)));
      choose.append(el("span", "real-name", user.real_name || user.name));
      if (user.title) choose.append(el("span", "title", user.title));
      choose.addEventListener("click", () => pickUser(user.id));
      item.append(choose);
      list.append(item);
    });
  }

  function renderConversations() {
    const list = $("conversation-list");
    list.replaceChildren();
    const conversations = (state.data && state.data.conversations) || [];
    $("conversations-title").textContent = state.user ? "Slack of " + userName(state.user.id) : "Conversations";
    conversations.forEach((conversation) => {
      const item = el("li");
      const choose = el("button");
      choose.type = "button";
      choose.dataset.conversationId = conversation.id;
      choose.setAttribute("aria-pressed", String(state.conversation === conversation.id));
      choose.append(el("span", "name", conversationLabel(conversation)),
        el("span", "count", String(conversation.messages.length)));
      choose.addEventListener("click", () => { state.conversation = conversation.id; render(); });
      item.append(choose);
      list.append(item);
    });
  }

  function renderConversation() {
    const main = $("conversation");
    const conversations = (state.data && state.data.conversations) || [];
    const conversation = conversations.find((c) => c.id === state.conversation);
    main.replaceChildren();
    if (!state.user) {
      main.append(el("p", "hint", "Pick a person on the left to see their Slack."));
      return;
    }
    if (!conversation) {
      main.append(el("p", "hint", "Countersign has not written to " + userName(state.user.id)
        + " yet. Pick someone else, or a channel."));
      return;
    }
    const header = el("div", "conversation-header", conversationLabel(conversation));
    header.append(el("span", "sub", conversation.is_im
      ? "What Countersign sends " + userName(state.user.id) + " directly"
      : "A channel everyone in the workspace can read"));
    main.append(header);
    if (conversation.messages.length === 0) main.append(el("p", "hint", "No messages yet."));
    conversation.messages.forEach((message) => main.append(messageNode(message, false)));
  }

  function render() {
    renderPeople();
    renderConversations();
    renderConversation();
    renderView();
  }

  function pickUser(id) {
    state.user = state.usersById[id] || null;
    state.conversation = null;
    state.revision = null;
    state.data = null;
    state.shownView = null;
    const url = new URL(window.location.href);
    url.searchParams.set("user", id);
    window.history.replaceState(null, "", url);
    render();
    refresh();
  }

  async function loadUsers() {
    const answer = await fetch("api/users");
    state.users = await answer.json();
    state.usersById = {};
    state.users.forEach((user) => { state.usersById[user.id] = user; });
  }

  let refreshing = false;
  async function refresh() {
    if (!state.user || refreshing) return;
    refreshing = true;
    try {
      const user = state.user.id;
      const since = state.revision === null ? "" : "&since=" + state.revision;
      const answer = await fetch("api/state?user=" + encodeURIComponent(user) + since);
      if (!answer.ok || !state.user || state.user.id !== user) return;
      const data = await answer.json();
      if (data.unchanged) return;
      if (state.revision === null || data.revision > state.revision) {
        await loadUsers();
      }
      state.revision = data.revision;
      state.data = data;
      if (!state.conversation || !data.conversations.some((c) => c.id === state.conversation)) {
        const im = data.conversations.find((c) => c.is_im);
        state.conversation = im ? im.id : (data.conversations[0] || {}).id || null;
      }
      render();
    } catch (e) {
      // the emulator is gone (the demo stopped): keep what is shown
    } finally {
      refreshing = false;
    }
  }

  async function start() {
    const views = el("div", "overlay");
    views.id = "view-overlay";
    views.hidden = true;
    document.body.append(views);
    await loadUsers();
    const wanted = new URL(window.location.href).searchParams.get("user");
    render();
    if (wanted && state.usersById[wanted]) pickUser(wanted);
    window.setInterval(refresh, POLL_MS);
  }

  start();
})();
