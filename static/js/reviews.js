// Reviews pages: print button, copy-to-clipboard, the survey's score slider.
document.addEventListener("click", (event) => {
  const print = event.target.closest("[data-print]");
  if (print) {
    window.print();
    return;
  }
  const copy = event.target.closest("[data-copy]");
  if (copy) {
    const input = document.querySelector(copy.dataset.copy);
    if (input) {
      input.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value);
      }
      copy.textContent = copy.dataset.copied || "✓";
    }
  }
});

document.querySelectorAll("[data-mirror]").forEach((range) => {
  const number = document.querySelector(range.dataset.mirror);
  if (!number) {
    return;
  }
  range.addEventListener("input", () => {
    number.value = range.value;
  });
  number.addEventListener("input", () => {
    range.value = number.value;
  });
});
