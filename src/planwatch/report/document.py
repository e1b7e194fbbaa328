"""The shape of a bulletin: sections of blocks (headings, paragraphs, tables, figures), all plain text.

``context.build_context`` fills these; every renderer (docx, html, pdf, and any added format) walks
the same blocks, so all formats carry the same words and numbers. Charts are described by data
(``TrendChart``, ``BarChart``, ``StatusChart``); ``charts.py`` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from planwatch.domain.enums import Status, WarningLevel
from planwatch.domain.periods import Period


class Tone(StrEnum):
    """The colour a cell or bar carries (红黄绿灯; grey for no data)."""

    NONE = "none"
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"

    @classmethod
    def of_warning(cls, warning: WarningLevel) -> Tone:
        return {
            WarningLevel.GREEN: cls.GREEN,
            WarningLevel.YELLOW: cls.YELLOW,
            WarningLevel.RED: cls.RED,
            WarningLevel.NONE: cls.GREY,
        }[warning]


# Print colours: (fill for a table cell, strong colour for bars and text).
TONE_COLOURS: dict[Tone, tuple[str, str]] = {
    Tone.NONE: ("#FFFFFF", "#4A6FA5"),
    Tone.GREEN: ("#DFF0D8", "#2E8B3E"),
    Tone.YELLOW: ("#FCF3CF", "#E0A800"),
    Tone.RED: ("#F8D7DA", "#C62828"),
    Tone.GREY: ("#EEEEEE", "#9E9E9E"),
}

# Colours of the status overview bars, from "achieved" (deep green) to "deterioration" (red).
STATUS_COLOURS: dict[Status, str] = {
    Status.ACHIEVED: "#1B5E20",
    Status.EXPECTED: "#2E7D32",
    Status.ON_TRACK: "#43A047",
    Status.NEEDS_ACCELERATION: "#E0A800",
    Status.LIMITED: "#EF6C00",
    Status.DETERIORATION: "#C62828",
    Status.NO_DATA: "#9E9E9E",
    Status.NOT_ASSESSABLE: "#BDBDBD",
}


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Cell:
    text: str
    tone: Tone = Tone.NONE
    align: Align = Align.CENTER
    bold: bool = False


@dataclass(frozen=True)
class Table:
    key: str  # stable id: "main", "parks", "counties", "chains", "warnings", "ranking"
    caption: str  # 表1　主要指标完成情况
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]  # relative column widths (sum free)
    notes: tuple[str, ...] = ()

    def column(self, header: str) -> list[str]:
        """The texts of one column (tests and the web read tables this way)."""
        i = self.headers.index(header)
        return [row[i].text for row in self.rows]

    def row(self, first_cell: str) -> dict[str, str]:
        """The row whose first cell reads ``first_cell``, as header → text."""
        for row in self.rows:
            if row[0].text == first_cell:
                return {h: c.text for h, c in zip(self.headers, row, strict=True)}
        raise KeyError(first_cell)


@dataclass(frozen=True)
class Heading:
    text: str  # （一）主要指标
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # a bold opening phrase, written before the text (公文: "一是…")
    kind: str = "body"  # body | note | notice (the synthetic-data notice)


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: float
    label: str  # 2024年, or 2024年1—9月 for a value that is not a whole year
    partial: bool = False  # not a full-year value (drawn hollow)


@dataclass(frozen=True)
class TrendChart:
    title: str
    unit: str
    actual: tuple[TrendPoint, ...]
    target_path: tuple[tuple[int, float], ...]  # the compound path from the base year to the target
    target_label: str  # 2025年目标320亿元


@dataclass(frozen=True)
class BarItem:
    label: str
    value: float  # what the bar's length shows, in the chart's unit
    text: str  # the printed value label
    tone: Tone = Tone.NONE


@dataclass(frozen=True)
class BarChart:
    title: str
    axis_label: str
    items: tuple[BarItem, ...]
    reference: float | None = None  # a vertical line (时序进度), same unit as the values
    reference_label: str = ""


@dataclass(frozen=True)
class StatusChart:
    title: str
    statuses: tuple[BarItem, ...]  # one bar per status, coloured by STATUS_COLOURS (label = status label)
    lights: tuple[BarItem, ...]  # 红灯/黄灯/绿灯 counts


ChartSpec = TrendChart | BarChart | StatusChart


@dataclass(frozen=True)
class Figure:
    key: str  # stable id, also the image file name: "trend", "parks", "counties", "status"
    caption: str  # 图1　…
    chart: ChartSpec


Block = Heading | Paragraph | Table | Figure


@dataclass(frozen=True)
class Section:
    key: str  # overview | indicators | counties | parks | chains | warnings | advice
    heading: str  # 一、总体情况
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class BulletinContext:
    """Everything a bulletin says, in order, as text and chart data (no files, no fonts)."""

    title: str
    plan_id: str
    plan_name: str
    as_of: Period
    period_label: str  # 2024年第四季度
    synthetic: bool  # any value used is synthetic demo data
    notice: str | None  # the synthetic-data notice printed under the title (None for real data)
    sections: tuple[Section, ...]
    footnotes: tuple[str, ...]  # 注：sources, method, synthetic data
    issued: date | None = None
    status_counts: dict[Status, int] = field(default_factory=dict)
    warning_counts: dict[WarningLevel, int] = field(default_factory=dict)
    # The official-document frame (the plan's presentation.bulletin; empty parts are not printed).
    issuer: str = ""  # 发文机关, also the 落款
    doc_number: str = ""  # 文号: 州工信通〔2024〕4号
    recipients: str = ""  # 主送: 各县市区人民政府，…：
    opening: str = ""  # the basis sentence and 现将有关情况通报如下：
    cc: str = ""  # 抄送

    @property
    def file_stem(self) -> str:
        """The output file name without suffix: ``bulletin-xiangxi_2021_2025-2024Q4``."""
        return f"bulletin-{self.plan_id}-{self.as_of}"

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def table(self, key: str) -> Table:
        for t in self.tables():
            if t.key == key:
                return t
        raise KeyError(key)

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def text(self) -> str:
        """All words of the bulletin in reading order (for font subsetting and search)."""
        parts = [self.issuer, self.doc_number, self.title, self.period_label, self.notice or "", self.recipients, self.opening]
        for s in self.sections:
            parts.append(s.heading)
            for b in s.blocks:
                if isinstance(b, Heading):
                    parts.append(b.text)
                elif isinstance(b, Paragraph):
                    parts.append(b.lead + b.text)
                elif isinstance(b, Table):
                    parts.append(b.caption)
                    parts.extend(b.headers)
                    parts.extend(c.text for row in b.rows for c in row)
                    parts.extend(b.notes)
                else:
                    parts.append(b.caption)
        parts.extend(self.footnotes)
        parts.append(self.cc)
        return "\n".join(p for p in parts if p)
