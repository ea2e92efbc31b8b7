"""Reports: the terminal view and the ``retold.comparison/2`` JSON."""

from retold.report.json import SCHEMA, comparison_dict, comparison_json
from retold.report.terminal import render

__all__ = ["SCHEMA", "comparison_dict", "comparison_json", "render"]
