"""`python -m adoptbook`: the same as the `adoptbook` command."""

from adoptbook.cli import main

main(prog_name="adoptbook")
