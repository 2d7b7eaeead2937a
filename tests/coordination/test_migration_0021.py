"""Migration 0021 numbers the replies written before rounds and marks what a 不满意 left owed."""

import importlib

from django.apps import apps

from coordination.models import Proposal, Reply
from tests.coordination.services.conftest import *  # noqa: F403  (the people and proposal fixtures)
from tests.coordination.services.helpers import draft

number_rounds = importlib.import_module("coordination.migrations.0021_reply_rounds_and_templates").number_rounds


def test_an_unsatisfied_proposal_owes_its_second_reply_and_the_first_letter_keeps_the_rating(proposal, people):
    first = draft(proposal, people)
    Reply.objects.filter(pk=first.pk).update(status=Reply.Status.SENT)
    Proposal.objects.filter(pk=proposal.pk).update(
        rating="unsatisfied", rated_on=proposal.received_on, status=Proposal.Status.IN_HANDLING
    )
    number_rounds(apps, None)
    proposal.refresh_from_db()
    first.refresh_from_db()
    assert proposal.reply_round == 2 and (first.round, first.rating) == (1, "unsatisfied")


def test_a_closed_proposal_with_two_letters_rates_the_second(proposal, people):
    first = draft(proposal, people)
    second = Reply.objects.create(proposal=proposal, unit=proposal.lead_unit, round=2, status=Reply.Status.SENT)
    Reply.objects.filter(pk=first.pk).update(status=Reply.Status.SENT)
    Proposal.objects.filter(pk=proposal.pk).update(rating="satisfied", status=Proposal.Status.CLOSED)
    number_rounds(apps, None)
    proposal.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert proposal.reply_round == 2 and (first.round, second.round) == (1, 2)
    assert (first.rating, second.rating) == ("", "satisfied")
