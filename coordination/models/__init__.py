from .notifications import Notification
from .units import Liaison, MemberUnit

__all__ = ["Liaison", "MemberUnit", "Notification"]
