"""The window: PySide6 widgets that show and edit the diary through the store."""
