"""The report's editor: its tables as a grid of number inputs, counted again on request, checked to add up."""

import decimal

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .layout import DECIMAL_CELLS, cells, empty_figures, input_name
from .tables import report_tables


class FiguresWidget(forms.Widget):
    """The national tables with an input in every stored cell; totals are shown, not typed."""

    template_name = "content/admin/annual_figures_widget.html"

    def format_value(self, value):
        return value if isinstance(value, dict) else empty_figures()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["tables"] = report_tables(self.format_value(value), editable=True)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, not the form renderer's (which sees only Django's and apps' own).
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def value_from_datadict(self, data, files, name):
        figures = empty_figures()
        for path, _zero in cells(empty_figures()):
            target = figures
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = data.get(input_name(path), "")
        return figures


class FiguresField(forms.Field):
    widget = FiguresWidget

    def to_python(self, value):
        if not isinstance(value, dict):
            return empty_figures()
        bad = []
        for path, raw in cells(value):
            number = parse_cell(path, raw)
            if number is None:
                bad.append(path)
            else:
                target = value
                for key in path[:-1]:
                    target = target[key]
                target[path[-1]] = number
        if bad:
            raise ValidationError(
                _("有 %(count)d 个数字无效：请填写不小于 0 的整数（收费金额可带两位小数）。"),
                params={"count": len(bad)},
                code="invalid",
            )
        return value


MAX_CELL = 10**8  # more than any district's count or fee in 万元; a typo beyond it is refused


def parse_cell(path, raw):
    """A cell's number, or None when it is not one; an empty cell is 0."""
    text = str(raw).strip().replace(",", "") or "0"
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None
    if not number.is_finite() or not 0 <= number < MAX_CELL:
        return None
    if tuple(path[1:]) in DECIMAL_CELLS:
        return float(round(number, 2))
    return int(number) if number == number.to_integral_value() else None


class AnnualReportForm(WagtailAdminPageForm):
    recount = forms.BooleanField(
        label=_("按平台记录重新统计"),
        required=False,
        help_text=_("勾选后保存，表格中的数字由平台记录重新统计，手工修改的数字会被替换。"),
    )
    figures = FiguresField(label=_("报告数据"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["recount"].initial = True

    def clean(self):
        """A recount replaces the typed figures before the page checks that they add up (its `clean`)."""
        cleaned = super().clean()
        if cleaned.get("recount") and cleaned.get("year"):
            from .figures import figures_for  # it reads the page models, which import this form

            cleaned["figures"] = figures_for(cleaned["year"])
            self.instance.counted_at = timezone.now()
        return cleaned
