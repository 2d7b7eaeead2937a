"""What every workbench view shares: login, and turning domain errors into messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect

from coordination import permissions
from coordination.errors import DomainError
from coordination.selectors.dashboard import first_rows


def run(request, service, /, *, success: str, redirect_to, **arguments):
    """POST → service → message → redirect, the shape of every workbench action.

    Calls `service(actor=request.user, **arguments)`, shows its success or its refusal (nothing is
    half-saved), then goes to `redirect_to`: an object with `get_absolute_url`, or a URL name.
    """
    try:
        service(actor=request.user, **arguments)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(redirect_to)


PER_PAGE = 50


class KeysFirstPaginator(Paginator):
    """Finds a page's keys first, then reads those rows only.

    For lists sorted by a computed key over every row (督办 items by light): sorting whole rows
    (every column, joined to the unit) made PostgreSQL carry them all through the sort; sorting the
    keys can run from an index and takes about half the time. The rows and their order are the
    same: the outer query keeps the list's ordering, which must end with the primary key.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(first_rows(self.object_list, top - bottom, offset=bottom), number, self)


def paginated(request, rows, per_page: int = PER_PAGE, *, keys_first: bool = False) -> Page:
    """One page of a workbench list (`?page=`; a bad or too large number gives the first or last page).

    `keys_first`: see `KeysFirstPaginator` (not for DISTINCT querysets)."""
    paginator = (KeysFirstPaginator if keys_first else Paginator)(rows, per_page)
    return paginator.get_page(request.GET.get("page"))


def office_required(view):
    """For screens only the office uses; services check again on every write."""

    @login_required
    def wrapped(request, *args, **kwargs):
        if not permissions.is_office(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def posted_id(request, name: str) -> int | None:
    """An object id posted by a select box; None for anything that is not one (never a 500)."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def query_without(query, *names: str) -> str:
    """The query string of `query` (a QueryDict) less the parameters `names`, for links that set them."""
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
