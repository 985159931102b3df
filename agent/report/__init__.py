"""The weekly status email (PRODUCT.md section 7)."""

from agent.report.builder import REPORT_HEADER, build_report, render_html, render_text, report_text
from agent.report.sections import ReportData, collect

__all__ = [
    "REPORT_HEADER",
    "ReportData",
    "build_report",
    "collect",
    "render_html",
    "render_text",
    "report_text",
]
