"""Stage 3, editing: the write side (`hxay new`, `hxay init`, `hxay schema`, imports), apart from the read-only loading pipeline."""
