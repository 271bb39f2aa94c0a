// Basic accessibility checks run inside the page (no third-party engine):
// labels on form controls, alt text on images, heading order and the WCAG
// contrast ratio of every visible piece of text. Returns a list of problems.
() => {
  const problems = [];
  const describe = (el) => {
    const id = el.id ? `#${el.id}` : "";
    const cls = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\s+/).slice(0, 3).join(".") : "";
    return `${el.tagName.toLowerCase()}${id}${cls}`;
  };
  const rendered = (el) => {
    if (el.closest("[hidden], template, [aria-hidden='true']")) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    const rect = el.getBoundingClientRect();
    return el.getClientRects().length > 0 && rect.width > 1 && rect.height > 1;
  };
  const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");

  // 1. Every form control has an accessible name.
  for (const el of document.querySelectorAll("input, select, textarea")) {
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (["hidden", "submit", "button", "reset", "image"].includes(type)) continue;
    let name = el.getAttribute("aria-label") || el.getAttribute("title") || "";
    const labelledby = el.getAttribute("aria-labelledby");
    if (!name && labelledby) {
      name = labelledby.split(/\s+/).map((id) => text(document.getElementById(id))).join(" ");
    }
    if (!name && el.id) {
      name = [...document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)].map(text).join(" ");
    }
    if (!name && el.closest("label")) name = text(el.closest("label"));
    if (!name.trim()) problems.push(`label: ${describe(el)} name=${el.name} has no label`);
  }

  // 2. Images have alt text; SVG images have a name.
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push(`alt: ${describe(img)} src=${img.src} has no alt`);
  }
  for (const svg of document.querySelectorAll("svg[role='img']")) {
    if (!svg.getAttribute("aria-label") && !svg.querySelector("title") && !svg.getAttribute("aria-labelledby")) {
      problems.push(`alt: ${describe(svg)} (role=img) has no name`);
    }
  }

  // 3. One h1, and heading levels never skip on the way down.
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
    .filter((h) => !h.closest("template, [hidden]"));
  const h1s = headings.filter((h) => h.tagName === "H1");
  if (h1s.length !== 1) problems.push(`headings: ${h1s.length} h1 elements (want 1)`);
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) {
      problems.push(`headings: h${level} "${text(h).slice(0, 40)}" follows h${previous}`);
    }
    previous = level;
  }

  // 4. Contrast of every visible text against what is painted behind it.
  const parse = (value) => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== "none" && !style.backgroundImage.startsWith("url(")) {
        return null; // a gradient: not checked
      }
      const colour = parse(style.backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = ({ r, g, b }) => {
    const f = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const checked = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("script, style, noscript, svg, .visually-hidden, .visually-hidden-focusable, :disabled, .disabled, option")) continue;
    if (!rendered(el)) continue;
    const style = getComputedStyle(el);
    if (Number(style.opacity) < 1) continue;
    const bg = background(el);
    if (!bg) continue;
    const fg = over(parse(style.color), bg);
    const value = ratio(fg, bg);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const needed = large ? 3 : 4.5;
    checked.push(describe(el));
    if (value + 1e-9 < needed) {
      problems.push(
        `contrast: ${describe(el)} "${text(el).slice(0, 30)}" ${value.toFixed(2)}:1 < ${needed}:1 ` +
        `(${style.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`
      );
    }
  }
  return { problems, checked: checked.length };
}
