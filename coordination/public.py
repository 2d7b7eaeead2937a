"""What the coordination domain publishes for the public site, and nothing more.

The public site (`content`) reads units and disclosed replies through these functions and
subscribes to the signals below; coordination never imports the public site. A reply's public
fields are masked here (`public_reply_fields`), so whatever the site shows or indexes has
already lost the personal data policy hides.
"""

from django.dispatch import Signal

from .documents import reply_letter
from .numbering import index_number_take, register_index_formatter
from .selectors import active_units, disclosed_replies, public_reply_fields
from .selectors.disclosure_requests import annual_request_figures
from .selectors.proposal_progress import ProgressStep, disclosed_proposals
from .selectors.proposal_progress import progress_steps as proposal_progress_steps
from .selectors.public_measures import PublicMeasure, measures_of_policy, measures_of_unit

# Sent (after the transaction commits) when what the public may see of a reply changed: it was
# signed off or imported as disclosed, or a disclosed reply was re-opened. Arguments: `reply`.
reply_public_changed = Signal()
# Sent when a unit or a standing measure changed, what the public pages of units and policies list
# (coordination/invalidation.py), inside the writer's transaction: a cache must forget again after
# the commit (portal/generations.py does). No arguments beyond the sender.
public_data_changed = Signal()

__all__ = [
    "ProgressStep",
    "PublicMeasure",
    "active_units",
    "annual_request_figures",
    "disclosed_proposals",
    "disclosed_replies",
    "index_number_take",
    "measures_of_policy",
    "measures_of_unit",
    "proposal_progress_steps",
    "public_data_changed",
    "public_reply_fields",
    "register_index_formatter",
    "reply_letter",
    "reply_public_changed",
]
