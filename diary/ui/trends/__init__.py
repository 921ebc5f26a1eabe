"""Trends: the charts in the window, their controls and the day cursor."""
