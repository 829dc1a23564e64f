"""hxay: compliance tracker for the 护校安园 special action."""

__version__ = "0.1.0"
