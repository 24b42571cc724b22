"""Teaching-resource metadata: what `portal check` accepts and what it reports, with file:line."""

from __future__ import annotations

from click.testing import CliRunner

from portal.cli import main
from portal.content.loader import read_entry
from portal.content.schema import SECTIONS
from portal.content.teaching import BANDS
from portal.settings import REPO_ROOT

from .conftest import write


def check(folder):
    return CliRunner(env={"PORTAL_STAFF_LANGUAGE": "en"}).invoke(main, ["check", "--content", str(folder)])


def test_a_complete_teaching_resource_passes_check(tmp_path):
    write(
        tmp_path,
        "curricula/lesson.md",
        """
        ---
        title: 小学低年级教案：这是谁画的
        band: 小学低年级
        subjects: [美术, 道德与法治]
        resource_types: [教案, 学习单]
        objectives: [知道画画的人是作者]
        duration_minutes: 40
        materials: [彩笔, 图画纸]
        licence: CC BY 4.0
        reviewer: 教研组
        review_date: 2026-11-30
        unit: 这是谁画的
        unit_order: 1
        ---
        正文。
        """,
    )
    result = check(tmp_path)
    assert result.exit_code == 0, result.output


def test_check_names_each_bad_teaching_field_with_its_line(tmp_path):
    path = write(
        tmp_path,
        "curricula/bad.md",
        """
        ---
        title: 有错的教案
        band: 幼儿园
        subjects: [体育课]
        resource_types: 视频
        duration_minutes: 四十
        unit_order: 2
        reviewer: 某老师
        ---
        正文。
        """,
    )
    out = check(tmp_path).output
    assert f"{path}:3: error: 'band' must be one of 小学低年级、小学中年级、小学高年级、初中、高中" in out
    assert f"{path}:4: error: 'subjects' has unknown value '体育课'" in out
    assert f"{path}:5: error: 'resource_types' has unknown value '视频'" in out
    assert f"{path}:6: error: 'duration_minutes' must be a whole number of at least 1" in out
    assert f"{path}:7: error: 'unit_order' needs 'unit'" in out
    assert f"{path}:8: error: 'reviewer' needs 'review_date'" in out


def test_teaching_fields_belong_to_curricula_only(tmp_path):
    path = write(tmp_path, "news/n.md", "---\ntitle: 新闻\nband: 初中\n---\n正文。\n")
    assert f"{path}:3: error: unknown key 'band' for section 'news'" in check(tmp_path).output


def test_the_published_lessons_state_a_valid_band():
    files = sorted((REPO_ROOT / "content" / "curricula").glob("*[!n].md"))  # not the .en.md translations
    # a lesson states its band; a school-wide activity plan has none
    lessons = [p for p in files if "resource_types: [教案" in p.read_text(encoding="utf-8")]
    assert len(lessons) >= 5
    for path in lessons:
        entry, problems = read_entry(SECTIONS["curricula"], path)
        assert problems == [] and entry is not None, problems
        band = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("band: "))
        assert band.removeprefix("band: ") in BANDS


def test_the_catalogue_reads_the_teaching_fields_once_as_a_typed_record(tmp_path):
    write(tmp_path, "curricula/lesson.md", """
        ---
        title: 小学低年级教案：这是谁画的
        band: 小学低年级
        subjects: 美术
        resource_types: [教案, 课件]
        ip_fields: [著作权]
        topics: [作者]
        objectives: [知道画画的人是作者]
        duration_minutes: 40
        licence: CC BY-SA 4.0
        author: 教研组
        reviewer: 某老师
        review_date: 2026-11-30
        unit: 这是谁画的
        unit_order: 2
        ---
        正文。
        """)
    from portal.content.teaching import TeachingInfo

    entry, problems = read_entry(SECTIONS["curricula"], tmp_path / "curricula" / "lesson.md")
    info = entry.extra["teaching"]
    assert problems == [] and isinstance(info, TeachingInfo)
    assert (info.band, info.subjects, info.resource_types) == ("小学低年级", ("美术",), ("教案", "课件"))
    assert info.topics == ("著作权", "作者") and info.duration_minutes == 40 and info.unit_order == 2
    assert (info.licence, info.author, info.reviewer, str(info.review_date)) == ("CC BY-SA 4.0", "教研组", "某老师",
                                                                                  "2026-11-30")
    assert info.band_rank == 0


def test_check_names_two_resources_at_one_unit_position_and_a_unit_across_bands(tmp_path):
    def lesson(name, band, order):
        text = f"---\ntitle: {name}\nband: {band}\nunit: 专利单元\nunit_order: {order}\n---\n正文。\n"
        return write(tmp_path, f"curricula/{name}.md", text)

    lesson("a", "初中", 1)
    second, third = lesson("b", "初中", 1), lesson("c", "高中", 3)
    out = check(tmp_path).output
    assert f"{second}:5: error: unit '专利单元' already has a.md at position 1: change unit_order" in out
    assert f"{third}:3: error: unit '专利单元' is a 初中 unit (a.md); this resource's band differs" in out


def test_check_warns_when_a_declared_quiz_or_worksheet_has_no_section_or_no_answers(tmp_path):
    path = write(tmp_path, "curricula/lesson.md", """
        ---
        title: 缺了学习单的教案
        band: 初中
        resource_types: [教案, 学习单, 测验]
        ---
        ## 测验

        1. 专利有哪三种？
        """)
    out = check(tmp_path).output
    assert f"{path}:4: warning: resource_types names 学习单 but the text has no '## 学习单' section" in out
    assert f"{path}:4: warning: the '## 测验' section has no answers" in out
