"""Stage 1, loading: discover files, read YAML with locations, parse records, cross-check."""
