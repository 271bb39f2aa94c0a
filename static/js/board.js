// The task board: drag a card to a column to change its status. The move is
// posted with the version the card was drawn from (the stale-edit check); a
// refusal puts the card back and says why. Without a mouse, each card's
// "Move" form does the same by keyboard.
(() => {
  const board = document.querySelector(".board");
  if (!board) {
    return;
  }
  const status = document.getElementById("board-status");
  const token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"];
  let dragged = null;

  const say = (message) => {
    status.textContent = message;
    status.classList.toggle("d-none", !message);
  };

  const recount = () => {
    board.querySelectorAll(".board-column").forEach((column) => {
      column.querySelector(".column-count").textContent =
        column.querySelectorAll(".task-card").length;
    });
  };

  const move = async (card, list, origin, next) => {
    const target = list.dataset.status;
    const body = new URLSearchParams({ status: target, version: card.dataset.version });
    if (target === "blocked") {
      const reason = window.prompt(board.dataset.blockedPrompt || "");
      if (!reason) {
        origin.insertBefore(card, next);
        return;
      }
      body.set("blocked_reason", reason);
    }
    card.classList.add("saving");
    const response = await fetch(card.dataset.moveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token, "HX-Request": "true" },
      body,
    });
    card.classList.remove("saving");
    if (!response.ok) {
      origin.insertBefore(card, next);
      say(await response.text());
      return;
    }
    say("");
    const holder = document.createElement("ul");
    holder.innerHTML = (await response.text()).trim();
    const fresh = holder.firstElementChild;
    card.replaceWith(fresh);
    recount();
  };

  board.addEventListener("dragstart", (event) => {
    const card = event.target.closest(".task-card");
    if (!card) {
      return;
    }
    dragged = { card, origin: card.parentElement, next: card.nextElementSibling };
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.pk);
  });
  board.addEventListener("dragend", (event) => {
    const card = event.target.closest(".task-card");
    if (card) {
      card.classList.remove("dragging");
    }
    board.querySelectorAll(".drop-target").forEach((c) => c.classList.remove("drop-target"));
  });
  board.addEventListener("dragover", (event) => {
    const column = event.target.closest(".board-column");
    if (column && dragged) {
      event.preventDefault();
      column.classList.add("drop-target");
    }
  });
  board.addEventListener("dragleave", (event) => {
    const column = event.target.closest(".board-column");
    if (column && !column.contains(event.relatedTarget)) {
      column.classList.remove("drop-target");
    }
  });
  board.addEventListener("drop", (event) => {
    const column = event.target.closest(".board-column");
    if (!column || !dragged) {
      return;
    }
    event.preventDefault();
    column.classList.remove("drop-target");
    const list = column.querySelector(".board-cards");
    const { card, origin, next } = dragged;
    dragged = null;
    if (list === origin) {
      return;
    }
    list.prepend(card);
    move(card, list, origin, next);
  });
})();
