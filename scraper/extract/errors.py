"""Errors that extraction raises for input that is not a page at all."""


class NotHTMLError(ValueError):
    """The document is not HTML (a PDF, an image, binary data)."""
