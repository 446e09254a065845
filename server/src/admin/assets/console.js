// The desk's keyboard and live counts. Every page works without this script (each action
// is a form); it adds j/k to move, a/r/s to approve, reject or mark spam, x to select and
// u to undo the last action, all through the same endpoints with the page's CSRF token.
(() => {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
  if (!csrf) return;
  const live = document.getElementById("live");
  // The page brings the script's sentences in its own language.
  const say = {
    nothingToUndo: live?.dataset.nothingToUndo ?? "",
    failed: live?.dataset.failed ?? "{error}",
  };
  const announce = (text) => {
    if (live) live.textContent = text;
  };

  const showCounts = (counts) => {
    for (const [tab, n] of Object.entries(counts)) {
      const el = document.querySelector(`.tabs [data-tab="${tab}"] .count`);
      if (el) el.textContent = String(n);
    }
  };
  // Live counts: other editors work the same queue.
  setInterval(async () => {
    if (document.visibilityState !== "visible") return;
    try {
      const res = await fetch("/admin/counts", { headers: { Accept: "application/json" } });
      if (res.ok) showCounts(await res.json());
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  }, 30_000);

  const form = document.getElementById("queue");
  if (!form) return;
  const tab = document.querySelector(".tabs [aria-current]")?.dataset.tab;
  const items = () => [...form.querySelectorAll("article.item")];
  let current = null;
  let lastEntry = null;

  const focus = (el) => {
    if (!el) return;
    current?.classList.remove("current");
    current = el;
    el.classList.add("current");
    el.focus();
  };
  const move = (step) => {
    const list = items();
    if (!list.length) return;
    const i = list.indexOf(current);
    focus(list[i < 0 ? 0 : Math.max(0, Math.min(list.length - 1, i + step))]);
  };
  form.addEventListener("focusin", (e) => {
    const item = e.target.closest?.("article.item");
    if (item && item !== current) {
      current?.classList.remove("current");
      current = item;
      item.classList.add("current");
    }
  });

  const post = async (url, fields) => {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": csrf,
      },
      body: new URLSearchParams(fields),
    });
    if (!res.ok) throw new Error(`${res.status}`);
    return res.json();
  };

  // A queue emptied by the keyboard loads its next page, focused on the first comment.
  const FOCUS_FLAG = "binhluan-desk-focus";
  const reload = () => {
    sessionStorage.setItem(FOCUS_FLAG, "1");
    location.reload();
  };
  if (sessionStorage.getItem(FOCUS_FLAG)) {
    sessionStorage.removeItem(FOCUS_FLAG);
    focus(items()[0]);
  }

  const act = async (action) => {
    const selected = items().filter((el) => el.querySelector('input[name="id"]')?.checked);
    const targets = selected.length ? selected : current ? [current] : [];
    const allowed = targets.filter((el) => el.querySelector(`[data-action="${action}"]`));
    if (!allowed.length) return;
    const fields = [["action", action], ...allowed.map((el) => ["id", el.dataset.id])];
    if (action === "reject") fields.push(["reason", document.getElementById("reason")?.value ?? ""]);
    const done = await post("/admin/actions", fields);
    showCounts(done.counts);
    if (done.entry != null) lastEntry = done.entry;
    const gone = new Set(done.changed.filter((m) => m.to !== tab).map((m) => String(m.id)));
    let next = null;
    if (current && gone.has(current.dataset.id)) {
      const list = items();
      const i = list.indexOf(current);
      next = list.slice(i + 1).find((el) => !gone.has(el.dataset.id)) ??
        list.slice(0, i).reverse().find((el) => !gone.has(el.dataset.id));
    }
    for (const el of items()) {
      if (gone.has(el.dataset.id)) el.closest("li")?.remove();
    }
    announce(done.message);
    if (!items().length) {
      reload();
    } else if (next) {
      focus(next);
    } else if (!current?.isConnected) {
      focus(items()[0]);
    }
  };

  const undo = async () => {
    if (lastEntry == null) {
      announce(say.nothingToUndo);
      return;
    }
    const done = await post("/admin/undo", [["entry", String(lastEntry)]]);
    lastEntry = null;
    announce(done.message);
    reload();
  };

  // One action at a time, in the order the keys were pressed.
  let chain = Promise.resolve();
  const queue = (job) => {
    chain = chain.then(job).catch((e) => announce(say.failed.replace("{error}", e.message)));
  };

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest?.("input:not([type=checkbox]), select, textarea")) return;
    switch (e.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "x": {
        const box = current?.querySelector('input[name="id"]');
        if (box) box.checked = !box.checked;
        break;
      }
      case "a":
        queue(() => act("approve"));
        break;
      case "r":
        queue(() => act("reject"));
        break;
      case "s":
        queue(() => act("spam"));
        break;
      case "u":
        queue(undo);
        break;
      default:
        return;
    }
    e.preventDefault();
  });
})();
