"""Forms of the coordination domain. They validate input; services make the change."""

from wagtail.admin.forms import WagtailAdminModelForm


class LiaisonAdminForm(WagtailAdminModelForm):
    """Admin form of a liaison term.

    Appointing a liaison ends the current term first, inside `services.liaison_appoint`,
    which validates the constraints itself; checking "one active liaison per unit" on the
    form would refuse every replacement before the service could end the old term.
    """

    def validate_unique(self):
        if self.instance.pk:
            super().validate_unique()
