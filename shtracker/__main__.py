"""Run the command line as `python -m shtracker`."""

from shtracker.cli import main

main()
