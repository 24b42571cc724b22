"""Journeys across guides: the steps of a guide checked against the library, and the "本页属于" box.

A guide with ``steps`` (see :mod:`portal.content.steps`) is a journey; every guide one of its
steps names belongs to it. Computed once per catalogue (``catalog.derived``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..messages import _, suggest
from .catalog import LIBRARY_SECTIONS, Catalog
from .errors import Problem
from .model import Entry
from .steps import Step

_ID = re.compile(r'\bid="([^"]+)"')


@dataclass(frozen=True)
class Membership:
    """A guide's place in a journey: the journey's page, its steps, this page's step, the next guide."""

    journey: Entry
    steps: tuple[Step, ...]
    current: int  # the number of the first step that leads to this guide
    next_guide: Entry | None


def steps_of(entry: Entry) -> tuple[Step, ...]:
    """The entry's steps (empty for a page without a journey)."""
    return entry.extra.get("steps", ())


def _step_problem(catalog: Catalog, step: Step) -> tuple[int, str] | None:
    law = catalog.library_entry(step.law)
    if law is None:
        slugs = [e.slug for e in catalog.entries.values() if e.section in LIBRARY_SECTIONS]
        return step.line, _("步骤 “%(title)s”：法规库里没有 “%(slug)s”%(hint)s", title=step.title,
                            slug=step.law, hint=suggest(step.law, slugs))
    anchors = set(_ID.findall(law.html))
    if step.anchor not in anchors:
        return step.line, _("步骤 “%(title)s”：《%(law)s》没有锚点 “#%(anchor)s”%(hint)s", title=step.title,
                            law=law.title, anchor=step.anchor, hint=suggest(step.anchor, anchors))
    if step.guide and catalog.get("guides", step.guide) is None:
        guides = [e.slug for e in catalog.entries.values() if e.section == "guides"]
        return step.guide_line, _("步骤 “%(title)s”：没有办事指南 “%(guide)s”%(hint)s", title=step.title,
                                  guide=step.guide, hint=suggest(step.guide, guides))
    return None


def check_steps(catalog: Catalog) -> list[Problem]:
    """An error, on the step's line, for each step whose article or guide is not in the catalogue."""
    problems = []
    for entry in catalog.entries.values():
        for step in steps_of(entry):
            found = _step_problem(catalog, step)
            if found:
                problems.append(Problem(entry.path, *found))
    return problems


def _memberships(catalog: Catalog) -> dict[tuple[str, str], list[Membership]]:
    found: dict[tuple[str, str], list[Membership]] = {}
    for journey in sorted(catalog.entries.values(), key=lambda e: e.slug):
        steps = steps_of(journey)
        for step in steps:
            guide = catalog.get("guides", step.guide) if step.guide else None
            if guide is None or guide.key == journey.key:
                continue
            if any(m.journey.key == journey.key for m in found.get(guide.key, [])):
                continue
            later = [s for s in steps if s.number > step.number and s.guide and s.guide != step.guide]
            following = next((g for s in later if (g := catalog.get("guides", s.guide))), None)
            found.setdefault(guide.key, []).append(Membership(journey, steps, step.number, following))
    return found


def memberships(catalog: Catalog, entry: Entry) -> list[Membership]:
    """The journeys ``entry`` belongs to (computed once per catalogue)."""
    index = catalog.derived.get("journeys")
    if index is None:
        index = catalog.derived["journeys"] = _memberships(catalog)
    return index.get(entry.key, [])
