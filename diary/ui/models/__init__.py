"""State with signals and no widgets: what changed (one Changes per change), autosave, the
flags kept current, the daily backup, the reminders shown and the flags table."""
