"""Article text cleaning: HTML to text, and removal of page furniture lines."""

from .text import clean_article, clean_html, clean_text

__all__ = ["clean_article", "clean_html", "clean_text"]
