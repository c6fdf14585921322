"""What a reader of an exported file sees, as plain data: every cell of a workbook (value, type, format, style),
every shape's text and chart of a deck. Two files that read the same dump the same (tests/core/exports)."""

import io
from datetime import date, datetime

import openpyxl
from pptx import Presentation


def _value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)  # 0.1 and 0.1000000001 differ, -0.0 and 0.0 too
    return value


def workbook_dump(content: bytes) -> dict:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheets = {}
    for sheet in book.worksheets:
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                font, align = cell.font, cell.alignment
                cells.append([cell.coordinate, _value(cell.value), cell.data_type, cell.number_format,
                              bool(font.b), bool(font.i), font.sz, align.horizontal, align.vertical,
                              bool(align.wrap_text), cell.fill.fgColor.rgb if cell.fill.fill_type else None,
                              cell.border.bottom.style, bool(cell.quotePrefix)])
        columns = {key: [dim.width, dim.min, dim.max] for key, dim in sorted(sheet.column_dimensions.items())}
        rows = {key: dim.height for key, dim in sorted(sheet.row_dimensions.items()) if dim.height}
        setup = [sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.fitToWidth,
                 sheet.page_setup.fitToHeight, str(sheet.print_title_rows), sheet.freeze_panes]
        sheets[sheet.title] = {"cells": cells, "columns": columns, "rows": rows, "setup": setup}
    return sheets


def deck_dump(content: bytes) -> list:
    prs = Presentation(io.BytesIO(content))
    slides = []
    for slide in prs.slides:
        shapes = []
        for shape in slide.shapes:
            item: dict = {"kind": str(shape.shape_type), "box": [shape.left, shape.top, shape.width, shape.height]}
            if shape.has_text_frame:
                item["text"] = [[(run.text, run.font.size, run.font.bold) for run in p.runs]
                                for p in shape.text_frame.paragraphs]
            if shape.has_chart:
                chart = shape.chart
                item["chart"] = [str(chart.chart_type), list(map(str, chart.plots[0].categories)),
                                 [(s.name, [_value(v) for v in s.values]) for s in chart.plots[0].series]]
            shapes.append(item)
        slides.append(shapes)
    return [prs.core_properties.title, prs.core_properties.subject, slides]
