"""One reader per input kind -> Document records (text cleaned, metadata, hash)."""

from .readers import READERS, RawRecord, iter_records  # noqa: F401
from .clean import make_document  # noqa: F401
