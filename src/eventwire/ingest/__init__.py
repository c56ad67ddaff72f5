"""Reading articles from files, folders and standard input. Network I/O lives here too."""

from .files import decode_bytes, read_inputs, read_path

__all__ = ["decode_bytes", "read_inputs", "read_path"]
