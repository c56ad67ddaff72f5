"""Reading articles from files, folders and standard input. Network I/O lives here too."""

from .files import read_inputs, read_path, decode_bytes

__all__ = ["read_inputs", "read_path", "decode_bytes"]
