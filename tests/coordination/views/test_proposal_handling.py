"""The proposal page's handling sections: what each role sees and posts, and bad input kept out."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from coordination.models import Countersign, ProposalExtensionRequest, ProposerContact
from tests.coordination.services.conftest import people, proposal  # noqa: F401
from tests.coordination.services.helpers import draft


def errors(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def test_a_contact_with_a_bad_date_is_refused_with_a_message(client, proposal, people):  # noqa: F811
    client.force_login(people["lead"])
    url = reverse("workbench:proposal-contact", args=[proposal.pk])
    response = client.post(url, {"kind": "before", "contacted_on": "明天", "manner": "phone", "view": "none"})
    assert response.status_code == 302 and response["Location"].endswith("#contacts")
    assert errors(response) and not ProposerContact.objects.exists()


def test_the_co_unit_sees_the_countersign_form_and_countersigns(client, proposal, people):  # noqa: F811
    draft(proposal, people)
    client.force_login(people["co"])
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert 'id="countersign"' in page and reverse("workbench:reply-countersign", args=[proposal.pk]) in page
    response = client.post(reverse("workbench:reply-countersign", args=[proposal.pk]), {"decision": "agree"})
    assert response.status_code == 302 and not errors(response)
    assert Countersign.objects.get().unit == proposal.co_units.get()


def test_the_lead_sees_no_countersign_form_but_the_request_button(client, proposal, people):  # noqa: F811
    draft(proposal, people)
    client.force_login(people["lead"])
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert reverse("workbench:reply-countersign-request", args=[proposal.pk]) in page
    assert 'name="decision" value="agree"' not in page


@pytest.mark.parametrize("new_deadline", ["", "2099-13-01", "昨天"])
def test_an_extension_request_without_a_valid_date_saves_nothing(client, proposal, people, new_deadline):  # noqa: F811
    client.force_login(people["lead"])
    url = reverse("workbench:proposal-extension-request", args=[proposal.pk])
    response = client.post(url, {"new_deadline": new_deadline, "reason": "需要协调"})
    assert response.status_code == 302 and errors(response)
    assert not ProposalExtensionRequest.objects.exists()
