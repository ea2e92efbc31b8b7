"""Reports: the terminal view, the ``retold.comparison/2`` JSON, and the self-contained HTML page."""

from retold.report.html import comparison_html, write_html
from retold.report.json import SCHEMA, comparison_dict, comparison_json
from retold.report.terminal import render

__all__ = ["SCHEMA", "comparison_dict", "comparison_html", "comparison_json", "render", "write_html"]
