"""`python -m hxay`: the same as the `hxay` command."""

from hxay.cli import main

main()
