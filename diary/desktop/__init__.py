"""What ties IsoDiary to one computer: the one-writer lock and hand-over socket, start at
login, the menu entry and the data folders."""
