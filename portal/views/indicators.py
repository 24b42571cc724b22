"""The indicators dashboard, the annual reports, and the figures as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import re

from flask import Blueprint, Response, abort, render_template
from flask_babel import gettext as _

from .. import urls
from ..content.indicators import Indicator
from ..content.model import Entry
from ..generate.chart import ChartText, indicator_svg, number
from .common import catalog, now, show_drafts, visible_or_404

bp = Blueprint("indicators", __name__)
REPORTS = "reports"


def reports() -> dict[int, Entry]:
    """Published annual reports by year (the report's file name is its year)."""
    found = {}
    for entry in catalog().section(REPORTS, now(), show_drafts()):
        if entry.slug.isdigit():
            found[int(entry.slug)] = entry
    return dict(sorted(found.items()))


def _unit(indicator: Indicator, lang: str) -> str:
    return indicator.unit_en if lang == "en" and indicator.unit_en else indicator.unit


def _name(indicator: Indicator, lang: str) -> str:
    return indicator.name_en if lang == "en" and indicator.name_en else indicator.name


def summary(indicator: Indicator, lang: str, year: int | None = None) -> str:
    """One sentence: the newest figure (up to ``year``) and how far it is from the target."""
    values = [v for v in indicator.values if year is None or v.year <= year]
    unit = _unit(indicator, lang)
    if indicator.target is None:
        target = _(
            "目标（%(year)s年）：%(text)s。政策没有给出数值。", year=indicator.target_year, text=indicator.target_text
        )
    else:
        target = _(
            "%(year)s年目标 %(value)s %(unit)s。", year=indicator.target_year, value=number(indicator.target), unit=unit
        )
    if not values:
        return _sentences(lang, _("尚无数据。"), target)
    latest = values[-1]
    said = _("%(year)s年为 %(value)s %(unit)s。", year=latest.year, value=number(latest.value), unit=unit)
    if indicator.target is None:
        return _sentences(lang, said, target)
    gap = indicator.target - latest.value
    values = {"year": indicator.target_year, "target": number(indicator.target), "unit": unit}
    if gap <= 0:
        return _sentences(lang, said, _("已达到%(year)s年目标 %(target)s %(unit)s。", **values))
    short = _("距%(year)s年目标 %(target)s %(unit)s还差 %(gap)s %(unit)s。", gap=number(gap), **values)
    return _sentences(lang, said, short)


def _sentences(lang: str, *parts: str) -> str:
    """Sentences run together in Chinese and are separated by a space in English."""
    return ("" if lang == "zh" else " ").join(parts)


def chart(indicator: Indicator, lang: str, year: int | None = None, prefix: str = "chart") -> str:
    """The indicator's SVG chart (figures up to ``year``), with a title and a description."""
    values = [v for v in indicator.values if year is None or v.year <= year]
    target_label = (
        _("目标 %(value)s（%(year)s年）", value=number(indicator.target), year=indicator.target_year)
        if indicator.target is not None
        else ""
    )
    text = ChartText(
        title=_name(indicator, lang) + f"（{_unit(indicator, lang)}）",
        description=summary(indicator, lang, year),
        target_label=target_label,
        sample_label=_("示例数据") if any(v.sample for v in values) else None,
    )
    points = [(v.year, v.value) for v in values]
    return indicator_svg(f"{prefix}-{indicator.id}", points, indicator.target, indicator.target_year, text)


def policy_link(indicator: Indicator, lang: str) -> str | None:
    """Link to the policy passage that sets the target: the anchor of the element quoting it."""
    entry = catalog().library_entry(indicator.policy)
    if entry is None:
        return None
    anchor = _anchor_of(entry, indicator.quote)
    return urls.entry_path(entry, lang) + (f"#{anchor}" if anchor else "")


def _anchor_of(entry: Entry, quote: str) -> str | None:
    squashed = re.sub(r"\s+", "", quote)[:12]
    html = entry.html
    at = html.find(squashed)
    if at < 0:
        return None
    ids = list(re.finditer(r'\bid="([^"]+)"', html[:at]))
    return ids[-1].group(1) if ids else None


def _context(lang: str, year: int | None = None) -> dict:
    cat = catalog()
    return {
        "indicators": cat.indicators,
        "reports": reports(),
        "summary": lambda ind: summary(ind, lang, year),
        "chart": lambda ind: chart(ind, lang, year, "report" if year else "chart"),
        "policy_link": lambda ind: policy_link(ind, lang),
        "policy_title": lambda ind: e.title if (e := cat.library_entry(ind.policy)) else ind.policy,
        "name": lambda ind: _name(ind, lang),
        "unit": lambda ind: _unit(ind, lang),
        "number": number,
        "year": year,
    }


@bp.route("/<lang:lang>/indicators/")
def dashboard(lang: str):
    """Every indicator: chart against its target, a sentence, the data table, the sources."""
    return render_template("indicators.html", **_context(lang))


@bp.route("/<lang:lang>/indicators/<slug:year>/")
def report(lang: str, year: str):
    """One year's annual report, with that year's figures and charts embedded."""
    entry = visible_or_404(catalog().get(REPORTS, year))
    if not year.isdigit():
        abort(404)
    return render_template("report.html", entry=entry, section=REPORTS, **_context(lang, int(year)))


CSV_COLUMNS = {
    "zh": ("指标编号", "指标", "单位", "年份", "数值", "目标", "目标年份", "来源", "数据日期", "示例数据"),
    "en": ("id", "indicator", "unit", "year", "value", "target", "target year", "source", "date", "sample"),
}


def indicators_csv(lang: str) -> str:
    """Every yearly figure as CSV (UTF-8 with a byte-order mark, which spreadsheet programs need)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS[lang])
    for ind in catalog().indicators:
        target = number(ind.target) if ind.target is not None else (ind.target_text or "")
        for v in ind.values:
            row = (
                ind.id,
                _name(ind, lang),
                _unit(ind, lang),
                v.year,
                number(v.value),
                target,
                ind.target_year,
                v.source,
                v.date.isoformat() if v.date else "",
                "true" if v.sample else "false",
            )
            writer.writerow(row)
    return "\ufeff" + out.getvalue()


@bp.route("/<lang:lang>/indicators/indicators.csv")
def csv_file(lang: str):
    """The figures of the dashboard as a spreadsheet file."""
    return Response(indicators_csv(lang), mimetype="text/csv")


def indicator_record(ind: Indicator) -> dict:
    """Open-data record of one indicator and its figures."""
    return {
        "id": ind.id,
        "name": ind.name,
        "name_en": ind.name_en,
        "unit": ind.unit,
        "kind": ind.kind,
        "definition": ind.definition,
        "target": float(ind.target) if ind.target is not None else None,
        "target_text": ind.target_text,
        "target_year": ind.target_year,
        "policy": ind.policy,
        "quote": ind.quote,
        "values": [
            {
                "year": v.year,
                "value": float(v.value),
                "source": v.source,
                "date": v.date.isoformat() if v.date else None,
                "sample": v.sample,
            }
            for v in ind.values
        ],
    }


@bp.route("/api/indicators.json")
def indicators_json():
    """The indicators, their targets and yearly figures (open data)."""
    records = [indicator_record(ind) for ind in catalog().indicators]
    body = json.dumps({"count": len(records), "indicators": records}, ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json")
