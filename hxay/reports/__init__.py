"""Stage 4, reports: builders that turn a ledger and a date range into a `Table` (table.py).

A builder never prints; renderers (hxay/render) draw the table in every format.
"""
