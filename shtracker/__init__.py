"""Track a plan's targets against what was actually reported."""

__version__ = "0.1.0"
