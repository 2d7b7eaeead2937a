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


class StaleEdit(DomainError):
    """Someone saved the document since this user opened it; their save is refused."""

    default_message = _("在您编辑期间，其他人已保存了新的版本。您的修改未保存，请在最新版本的基础上重新修改。")

    def __init__(self, current, message=None):
        self.current = current
        super().__init__(message)


class ImportRefused(DomainError):
    """An uploaded file or text cannot be read as the document it claims to be; nothing was read from it."""

    default_message = _("无法读取此文件。")


class DuplicateMeeting(DomainError):
    """Another meeting of the same kind falls on the same day; the office may confirm it anyway."""

    default_message = _("同一天已安排了同类会议。")

    def __init__(self, others, message=None):
        self.others = others
        super().__init__(message)
