"""Shared inputs, the theme, the calendar and the lazy tab."""
