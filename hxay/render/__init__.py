"""Stage 4, render: tables and diagnostics to terminal, csv, json, markdown, xlsx, html."""
