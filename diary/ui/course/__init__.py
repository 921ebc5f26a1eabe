"""The course: its dialog, all the courses, and the skincare routine."""
