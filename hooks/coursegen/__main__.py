"""`python -m coursegen`: the command line of the engine."""

from .cli import main

raise SystemExit(main())
