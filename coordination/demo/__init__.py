"""Demo data of the coordination domain, loaded idempotently by `load_demo`.

"The demo is the product's first impression": every screen should have something true to show.
One module per part, each loading its part through the services and skipping it when it is
already there, so `load_demo` can run any number of times:

- `accounts`: the 27 founding units, their aliases, the office, convenor, liaisons, a leader;
- `replies`: reply letters of earlier years, imported and disclosed;
- `meetings`: a year of meetings, each at another stage;
- `measures`: the founding notice's 27 standing measures, as the notice import reads them;
- `supervision`: progress, urging, extensions, a returned and a closed item, read notifications;
- `proposals`: this year's suggestions at several steps of handling;
- `disclosure`: requests for government information (依申请公开) in every state.

A new state goes into the module of its part, as one more step of that part's story.
"""

from ..auth import DEMO_PASSWORD
from .accounts import demo_account, load_accounts, load_units
from .common import DEMO_START
from .disclosure import load_disclosure
from .meetings import load_meetings
from .proposals import load_proposals
from .replies import load_replies
from .supervision import load_supervision

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_START",
    "demo_account",
    "load_accounts",
    "load_disclosure",
    "load_meetings",
    "load_proposals",
    "load_replies",
    "load_supervision",
    "load_units",
]
