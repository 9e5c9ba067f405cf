"""Allow `python -m drill`."""

from drill.cli import main

main()
