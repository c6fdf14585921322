"""The club reception's slides as a PowerPoint file: 16:9, native charts the reader can edit.

Every chart is a PowerPoint chart built from `CategoryChartData` (never a picture), so a member can
restyle it or copy its figures; each slide carries the period, the filters and the data's date.
"""

import io
from contextlib import contextmanager

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide as PptxSlide
from pptx.util import Emu, Inches, Pt, lazyproperty
from xlsxwriter import Workbook

from core import formatting as fmt
from core import palette
from core.exports.slides import SERIES, Deck, Slide
from core.figures.exits import KINDS as EXIT_KINDS
from core.figures.privacy import is_formula_like

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
# The pages' colour-blind-safe colours (core.palette), the same in the slides.
DONE, PLANNED, ACCENT = (RGBColor.from_string(colour.lstrip("#").upper()) for colour in (palette.DONE, palette.PLANNED,
                                                                                       palette.ACCENT))
INK, GREY, TILE = RGBColor(0x1F, 0x2A, 0x33), RGBColor(0x6B, 0x76, 0x80), RGBColor(0xEE, 0xF4, 0xF1)
BLANK = 6  # the blank layout of the default template
CHART_TOP = Inches(1.75)
CHART_HEIGHT = Inches(5.05)
HOURS_FORMAT = "#,##0"  # PowerPoint groups the thousands as its reader's locale does: 36 451
LABELLED = 8  # categories up to which each bar carries its value (more would overlap)


# XlsxWriter would make a live formula of a name starting with "=" and a link of one starting with "http".
INERT = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


class _InertWorkbookWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook with every text written as text: a buyer named `=HYPERLINK(...)` keeps
    that name in the sheet (quote-prefixed, as in the xlsx export) and on the chart's axis."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):  # noqa: ANN001, ANN202 - python-pptx's signature
        workbook = Workbook(xlsx_file, INERT)
        yield workbook, workbook.add_worksheet()
        workbook.close()

    def _write_categories(self, workbook, worksheet) -> None:  # noqa: ANN001 - xlsxwriter
        categories = self._chart_data.categories
        plain = workbook.add_format({"num_format": categories.number_format})
        quoted = workbook.add_format({"num_format": categories.number_format, "quote_prefix": True})
        for idx, level in enumerate(categories.levels):
            col = categories.depth - idx - 1
            worksheet.set_column(col, col, 10)
            for off, name in level:
                if isinstance(name, str):
                    worksheet.write_string(off + 1, col, name, quoted if is_formula_like(name) else plain)
                else:
                    worksheet.write(off + 1, col, name, plain)


class _InertChartData(CategoryChartData):
    @lazyproperty
    def _workbook_writer(self) -> _InertWorkbookWriter:
        return _InertWorkbookWriter(self)


def _text(slide: PptxSlide, x: Emu, y: Emu, w: Emu, h: Emu, text: str, size: int, *, bold: bool = False,
          color: RGBColor = INK, align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    frame = slide.shapes.add_textbox(x, y, w, h).text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color


def _lines(slide: PptxSlide, x: Emu, y: Emu, w: Emu, h: Emu, lines: tuple[tuple[str, str], ...],
           size: int = 16) -> None:
    """Label in bold, its text after it (or below it when the text is long)."""
    frame = slide.shapes.add_textbox(x, y, w, h).text_frame
    frame.word_wrap = True
    for i, (label, value) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(8)
        head = paragraph.add_run()
        head.text = label + (" : " if len(value) < 20 else "\n")
        head.font.size, head.font.bold, head.font.color.rgb = Pt(size), True, INK
        tail = paragraph.add_run()
        tail.text = value
        tail.font.size, tail.font.color.rgb = Pt(size - 2 if len(value) >= 20 else size), GREY


def _frame(slide: PptxSlide, deck: Deck, item: Slide, number: int, total: int) -> None:
    _text(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.8), item.title, 34, bold=True)
    if item.subtitle:
        _text(slide, MARGIN, Inches(1.05), WIDTH - 2 * MARGIN, Inches(0.5), item.subtitle, 18, color=GREY)
    _text(slide, MARGIN, Inches(6.95), Inches(11.2), Inches(0.4), deck.footer, 11, color=GREY)
    _text(slide, WIDTH - MARGIN - Inches(1.2), Inches(6.95), Inches(1.2), Inches(0.4), f"{number} / {total}", 11,
          color=GREY, align=PP_ALIGN.RIGHT)


def _chart(slide: PptxSlide, kind: XL_CHART_TYPE, categories: list[str], series: dict[str, list[float]],
           x: Emu, w: Emu, colors: list[RGBColor]) -> None:
    data = _InertChartData(number_format=HOURS_FORMAT)
    data.categories = categories
    for name, values in series.items():
        # Already rounded: the data sheet reads 36451; a hidden count (None) is a point left blank.
        data.add_series(name, [None if v is None else float(v) for v in values])
    chart = slide.shapes.add_chart(kind, x, CHART_TOP, w, CHART_HEIGHT, data).chart
    chart.font.size = Pt(14)
    chart.has_legend = True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    if kind in (XL_CHART_TYPE.DOUGHNUT, XL_CHART_TYPE.PIE):
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.show_percentage, plot.data_labels.show_value = True, False
        plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "0 %", False
        plot.data_labels.font.size, plot.data_labels.font.bold = Pt(20), True
        for point, color in zip(plot.series[0].points, colors, strict=False):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = color
        return
    for plotted, color in zip(chart.plots[0].series, colors, strict=False):
        plotted.format.fill.solid()
        plotted.format.fill.fore_color.rgb = color
    chart.plots[0].gap_width = 60
    if len(categories) <= LABELLED:
        chart.plots[0].has_data_labels = True
        labels = chart.plots[0].data_labels
        labels.number_format, labels.number_format_is_linked = HOURS_FORMAT, False
        labels.position, labels.font.size, labels.font.color.rgb = XL_LABEL_POSITION.OUTSIDE_END, Pt(12), INK
        labels.show_value = True
    axis = chart.value_axis
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = HOURS_FORMAT, False
    axis.major_gridlines.format.line.color.rgb = RGBColor(0xDD, 0xDD, 0xDD)
    if kind == XL_CHART_TYPE.BAR_CLUSTERED:
        chart.category_axis.reverse_order = True  # largest on top, as read


def _series(table, columns: tuple[str, ...]) -> dict[str, list[float]]:  # noqa: ANN001 - a DataFrame
    return {SERIES[c]: [fmt.rounded(v, "hours") for v in table[c].fillna(0)] for c in columns if c in table.columns}


def _title_slide(slide: PptxSlide, deck: Deck, item: Slide) -> None:
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(2.1), WIDTH, Inches(2.2))
    band.fill.solid()
    band.fill.fore_color.rgb = DONE
    band.line.fill.background()
    _text(slide, MARGIN, Inches(2.3), WIDTH - 2 * MARGIN, Inches(0.6), item.subtitle, 24,
          color=RGBColor(0xFF, 0xFF, 0xFF))
    _text(slide, MARGIN, Inches(2.95), WIDTH - 2 * MARGIN, Inches(1.2), item.title, 40, bold=True,
          color=RGBColor(0xFF, 0xFF, 0xFF))
    _lines(slide, MARGIN, Inches(4.7), WIDTH - 2 * MARGIN, Inches(1.6), item.lines, 20)
    _text(slide, MARGIN, Inches(6.6), WIDTH - 2 * MARGIN, Inches(0.4), f"{deck.data_as_of} · {deck.generated}", 14,
          color=GREY)


def _figures_slide(slide: PptxSlide, item: Slide) -> None:
    w, h, gap = Inches(3.9), Inches(2.35), Inches(0.3)
    for i, (label, value, detail) in enumerate(item.lines):
        x, y = MARGIN + (i % 3) * (w + gap), Inches(1.5) + (i // 3) * (h + gap)
        tile = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, w, h)
        tile.fill.solid()
        tile.fill.fore_color.rgb = TILE
        tile.line.fill.background()
        tile.adjustments[0] = 0.08
        frame = tile.text_frame
        frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
        for j, (text, size, bold, color) in enumerate(((label, 18, False, INK), (value, 44, True, DONE),
                                                       (detail, 14, False, GREY))):
            paragraph = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.CENTER
            run = paragraph.add_run()
            run.text = text
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color


def _members_slide(slide: PptxSlide, item: Slide) -> None:
    half = (len(item.lines) + 1) // 2
    column = (WIDTH - 2 * MARGIN) / 2
    for i, chunk in enumerate((item.lines[:half], item.lines[half:])):
        _lines(slide, MARGIN + int(i * column), Inches(1.8), int(column - Inches(0.3)), Inches(5), chunk, 20)


def _content(slide: PptxSlide, item: Slide) -> None:
    full = WIDTH - 2 * MARGIN
    if item.kind == "figures":
        _figures_slide(slide, item)
    elif item.kind == "members":
        _members_slide(slide, item)
    elif item.kind == "yearly":
        t = item.table
        _chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, [str(y) for y in t["annee"]],
               _series(t, ("heures_prevues", "heures_realisees")), MARGIN, full, [PLANNED, DONE])
    elif item.kind == "exits":
        t = item.table
        kinds = [k for k in dict.fromkeys(t["type_sortie"]) if k in EXIT_KINDS]
        series = {str(moment): [None if isinstance(v, str) else v for v in rows["sorties"]]
                  for moment, rows in ((m, t[(t["moment"] == m) & t["type_sortie"].isin(EXIT_KINDS)])
                                       for m in dict.fromkeys(t["moment"]))}
        _chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, kinds, series, MARGIN, Inches(7.6), [DONE, PLANNED])
        _lines(slide, MARGIN + Inches(7.9), CHART_TOP, Inches(4.4), CHART_HEIGHT, item.lines, 16)
    elif item.kind == "contracts":
        t = item.table
        _chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, t["reference"].tolist(),
               _series(t, ("heures_prevues", "heures_realisees")), MARGIN, Inches(6.6), [PLANNED, DONE])
        _lines(slide, MARGIN + Inches(6.9), CHART_TOP, Inches(5.4), CHART_HEIGHT, item.lines, 15)
    elif item.kind == "breakdown":
        t = item.table
        side = bool(item.lines)
        width = Inches(8.2) if side else full
        if item.name == "sexe":
            _chart(slide, XL_CHART_TYPE.DOUGHNUT, t["valeur"].tolist(), _series(t, ("heures_realisees",)),
                   MARGIN, width, [DONE if v == "Hommes" else ACCENT for v in t["valeur"]])
        else:
            columns = ("heures_prevues", "heures_realisees") if "heures_prevues" in t else ("heures_realisees",)
            _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, [str(v) for v in t["valeur"]], _series(t, columns),
                   MARGIN, width, [PLANNED, DONE] if len(columns) == 2 else [DONE])
        if side:
            _lines(slide, MARGIN + Inches(8.5), CHART_TOP, Inches(3.8), CHART_HEIGHT, item.lines, 16)


def deck_pptx(deck: Deck) -> bytes:
    """The deck as a .pptx file (16:9)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = deck.title
    prs.core_properties.subject = deck.footer
    for number, item in enumerate(deck.slides, start=1):
        slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
        if item.kind == "title":
            _title_slide(slide, deck, item)
            continue
        _frame(slide, deck, item, number, len(deck.slides))
        _content(slide, item)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
