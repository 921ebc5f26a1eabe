"""The application: starting it, the context (the window's one door to the diary), the
main window, the tray, crashes and the first frame."""
