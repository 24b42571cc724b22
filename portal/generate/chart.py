"""SVG charts of an indicator's yearly figures against its target, drawn at build time.

The chart is plain SVG markup (no script, no inline style), so it shows with JavaScript off,
in the frozen site and in print. It carries a ``<title>`` and a ``<desc>`` that say in words
what it shows; the page's data table remains the full accessible equivalent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 480, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 44


@dataclass(frozen=True)
class ChartText:
    """The words a chart needs, in the page's language."""

    title: str
    description: str
    target_label: str
    sample_label: str | None = None


def number(value: Decimal) -> str:
    """A figure as people write it: no exponent, no trailing zeros (997.25, 1.12, 80)."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scale(values: list[Decimal]) -> tuple[Decimal, Decimal]:
    high = max(values) if values else Decimal(1)
    top = high * Decimal("1.15") if high > 0 else Decimal(1)
    return Decimal(0), top


def indicator_svg(
    element_id: str,
    points: list[tuple[int, Decimal]],
    target: Decimal | None,
    target_year: int,
    text: ChartText,
) -> str:
    """An SVG line chart of ``points`` (year, value) with the target as a dashed line and marker."""
    years = sorted({year for year, _ in points} | {target_year})
    span = list(range(years[0], years[-1] + 1))
    low, high = _scale([v for _, v in points] + ([target] if target is not None else []))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + (plot_w * (span.index(year) + 0.5) / len(span))

    def y(value: Decimal) -> float:
        return TOP + plot_h * float((high - value) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart"'
        f' aria-labelledby="{element_id}-title {element_id}-desc">',
        f'<title id="{element_id}-title">{escape(text.title)}</title>',
        f'<desc id="{element_id}-desc">{escape(text.description)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#444"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#444"/>',
    ]
    for step in range(5):
        value = low + (high - low) * Decimal(step) / 4
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="15" fill="#333">'
            f"{number(value.quantize(Decimal('0.01')))}</text>"
        )
    for year in span:
        parts.append(
            f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="15" fill="#333">'
            f"{year}</text>"
        )
    if target is not None:
        parts.append(
            f'<line x1="{LEFT}" y1="{y(target):.1f}" x2="{WIDTH - RIGHT}" y2="{y(target):.1f}"'
            ' stroke="#b3261e" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{y(target) - 6:.1f}" text-anchor="end" font-size="15" fill="#b3261e">'
            f"{escape(text.target_label)}</text>"
        )
    if points:
        path = " ".join(f"{x(year):.1f},{y(value):.1f}" for year, value in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0b57d0" stroke-width="2.5"/>')
        for year, value in points:
            parts.append(f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="4" fill="#0b57d0"/>')
            parts.append(
                f'<text x="{x(year):.1f}" y="{y(value) - 9:.1f}" text-anchor="middle" font-size="15" fill="#0b57d0">'
                f"{number(value)}</text>"
            )
    if text.sample_label:
        parts.append(
            f'<text x="{LEFT}" y="20" font-size="16" font-weight="bold" fill="#8a4b00">'
            f"{escape(text.sample_label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
