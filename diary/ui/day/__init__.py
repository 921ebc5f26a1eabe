"""The day: its form, its view, the PHQ-9 check-in and the message at save."""
