"""`python -m sora_space ...`: see `sora_space.cli`."""
import sys

from .cli import main

sys.exit(main())
