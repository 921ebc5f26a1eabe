"""State with signals and no widgets: autosave, the flags kept current, the daily backup,
the reminders shown and the flags table."""
