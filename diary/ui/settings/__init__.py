"""Settings: the dialog, reminders, and who to call in an emergency."""
