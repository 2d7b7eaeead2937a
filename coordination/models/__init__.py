from .notifications import Notification
from .proposals import Proposal, Proposer, Reply
from .units import Liaison, MemberUnit

__all__ = ["Liaison", "MemberUnit", "Notification", "Proposal", "Proposer", "Reply"]
