"""Small helpers shared by the browser tests (measurements taken inside the page)."""

from __future__ import annotations

# Elements wider than the viewport, for a readable failure message.
_OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const culprits = [];
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width && box.right > width + 1) {
        const classes = typeof el.className === 'string' ? el.className.trim().split(/\\s+/).filter(Boolean) : [];
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes.map(c => '.' + c).join('');
        culprits.push(`${name} right=${Math.round(box.right)}`);
      }
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 10)};
}"""


def horizontal_overflow(page) -> str | None:
    """None when the page does not scroll sideways, else what sticks out."""
    result = page.evaluate(_OVERFLOW_JS)
    if result["scrollWidth"] <= result["clientWidth"]:
        return None
    return (f"scrollWidth {result['scrollWidth']} > clientWidth {result['clientWidth']}; "
            f"too wide: {', '.join(result['culprits'])}")


def px(page, selector: str, prop: str = "font-size") -> float:
    """A computed length of the first element matching ``selector``, in CSS pixels."""
    value = page.eval_on_selector(selector, "(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop)
    return float(value.removesuffix("px"))


def format_axe_violations(where: str, violations: list[dict]) -> str:
    """axe-core's violations as lines a person can act on."""
    lines = [f"{len(violations)} accessibility violation(s) on {where}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            summary = " / ".join(line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip())
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
            lines.append(f"       {node['html'][:160]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)
