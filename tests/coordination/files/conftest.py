"""The meeting cycle's fixtures (frozen clock, invited units, minutes) serve these tests too."""

from tests.coordination.services.conftest import *  # noqa: F403
