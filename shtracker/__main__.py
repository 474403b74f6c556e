"""Run the command line as `python -m shtracker`."""

from shtracker.cli.app import main

main()
