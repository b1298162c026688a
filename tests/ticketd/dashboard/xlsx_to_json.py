#!/usr/bin/python3
"""Reads an .xlsx with openpyxl (Debian's python3-openpyxl), an Excel reader independent
of the writer, and writes what a spreadsheet user would see as JSON, for the C++ tests:
  xlsx_to_json.py IN.xlsx OUT.json
{"sheets": [{"name", "freeze", "rows": [[{"v": value, "t": "n"|"s"|"d"|null,
"f": number format, "b": bold}, ...], ...]}]}. Dates come as "YYYY-MM-DD HH:MM:SS"."""
import datetime
import json
import sys

import openpyxl


def cell_json(cell):
    v = cell.value
    if isinstance(v, datetime.datetime):
        kind, v = "d", v.strftime("%Y-%m-%d %H:%M:%S")
    elif isinstance(v, bool) or v is None:
        kind = None
    elif isinstance(v, (int, float)):
        kind = "n"
    else:
        kind = "s"
    return {"v": v, "t": kind, "f": cell.number_format, "b": bool(cell.font and cell.font.b)}


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": []}
    for sheet in book.worksheets:
        rows = [[cell_json(c) for c in row] for row in sheet.iter_rows()]
        out["sheets"].append({"name": sheet.title, "freeze": sheet.freeze_panes, "rows": rows})
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
