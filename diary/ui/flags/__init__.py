"""The flags view."""
