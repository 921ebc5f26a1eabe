"""The diary's domain in pure Python: entries, courses, the routine, and what follows from them."""
