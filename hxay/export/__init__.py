"""Stage 6, export (after render, before api): the ledger as tidy tables, pandas DataFrames
written with pyarrow as Parquet or CSV in a hive layout, and DuckDB views over many exports.
The only stage that uses pandas, pyarrow and duckdb, each imported inside the functions."""
