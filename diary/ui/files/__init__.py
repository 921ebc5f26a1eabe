"""The File menu's dialogs: import and export, backups, and the appointment summary."""
