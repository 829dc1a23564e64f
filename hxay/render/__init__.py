"""Stage 5, render: every report and the diagnostics in every output format (terminal,
markdown, json and csv, html, svg, xlsx, docx, ics), one module or package per format."""
