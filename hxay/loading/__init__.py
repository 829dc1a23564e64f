"""Stage 2, loading: discover files, read YAML with locations, parse records, cross-check."""
