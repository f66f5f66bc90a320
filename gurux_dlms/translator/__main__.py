"""``python -m gurux_dlms.translator``: the ``gurux-dlms-translator`` command."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
