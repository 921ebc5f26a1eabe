"""Trend charts: matplotlib figures built from the diary's core objects, with no Qt.

The figure (`diary.charts.trends.trends_figure`) serves the window, the PDF summary and
`isodiary chart` alike. This package imports nothing itself, so the modules that need no
matplotlib (ranges, hover words) stay light.
"""
