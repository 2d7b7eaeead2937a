#!/usr/bin/env python
"""Django's command-line utility.

The project configuration lives in the folder `site/`, installed under the import name `portal`
(the standard library owns `site`): settings are `portal.settings.dev|test|production`.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
