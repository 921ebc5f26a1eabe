"""IsoDiary: a private daily diary for a course of isotretinoin."""

__version__ = "0.1.0"
APP_NAME = "IsoDiary"
