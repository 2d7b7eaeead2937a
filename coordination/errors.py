"""Domain errors. Views turn them into messages, the API into 4xx answers."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the joint meeting refused the change; nothing was saved."""

    default_message = _("操作未能完成。")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class NotPermitted(DomainError):
    default_message = _("您没有办理此事项的权限。")


class InvalidState(DomainError):
    default_message = _("当前状态下不能进行此操作。")
