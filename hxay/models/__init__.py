"""Stage 0, models: record, campaign, diagnostic and finding types. No I/O."""
