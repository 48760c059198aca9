"""`python -m handout` runs the command line, like the `handout` script."""

from .cli import main

main(prog_name="handout")
