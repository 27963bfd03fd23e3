"""Organizations, drafts and responses for the consultations' tests."""

import datetime

from django.utils import timezone

from consultations.models import (
    CommentPart,
    DraftSection,
    PolicyDraftPage,
    Response,
    ResponseComment,
    SectionAnswer,
)
from consultations.services.organizations import (
    organization_create,
    organization_staff_add,
    space_of,
)
from tests.factories import UserFactory

SECTIONS = (
    ("Opening hours", "The program opens from 10 to 4 on weekdays.", "Shorter hours.", ""),
    ("Exchange policy", "Supplies are given out without a one-for-one exchange.", "", "Why?"),
    ("Who can come", "Anyone over 18 can use the program.", "", ""),
)


def make_organization(name="Riverside Syringe Services", *, staff=(), verified_by=None):
    """A verified organization with its space; `staff` are handles or users."""
    moderator = verified_by or UserFactory(username="verifying_moderator")
    organization = organization_create(
        name=name,
        description="A syringe services program by the river.",
        website="https://riverside.example/",
        verified_by=moderator,
    )
    for person in staff:
        member = UserFactory(username=person) if isinstance(person, str) else person
        organization_staff_add(organization=organization, member=member)
    return organization


def make_draft(
    organization,
    *,
    title="Changing our hours and exchange policy",
    slug=None,
    opens_on=None,
    closes_on=None,
    report_by=None,
    sections=SECTIONS,
    live=True,
    **fields,
) -> PolicyDraftPage:
    """A draft under `organization`'s space, open today unless dates say otherwise."""
    today = timezone.localdate()
    opens_on = opens_on or today - datetime.timedelta(days=3)
    closes_on = closes_on or today + datetime.timedelta(days=10)
    draft = PolicyDraftPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-")[:50],
        summary="We plan to change when we are open and how supplies are given out.",
        plain_summary="We might change our hours. Tell us what works for you.",
        affects="People who use the program",
        opens_on=opens_on,
        closes_on=closes_on,
        report_by=report_by or closes_on + datetime.timedelta(days=30),
        how_input_used="Our staff read every response before we decide.",
        who_reads="Our program manager and two peer staff.",
        **fields,
    )
    for position, (heading, text, explainer, question) in enumerate(sections):
        draft.sections.add(
            DraftSection(
                heading=heading,
                text=text,
                explainer=explainer,
                question=question,
                sort_order=position,
            )
        )
    space_of(organization).add_child(instance=draft)
    revision = draft.save_revision()
    if live:
        revision.publish()
    else:
        draft.live = False
        draft.save(update_fields=["live"])
    draft.refresh_from_db()
    return draft


def make_response(
    draft,
    *,
    respondent=None,
    stances=("agree",),
    speaking_as=(),
    comments=None,
    quote_consent=False,
    submitted=True,
    entered_by=None,
) -> Response:
    """A response with one stance per section (cycled), and comments by section index."""
    response = Response.objects.create(
        draft=draft,
        respondent=respondent,
        speaking_as=list(speaking_as),
        quote_consent=quote_consent,
        entered_by_outreach=entered_by is not None,
        entered_by=entered_by,
        submitted_at=timezone.now() if submitted else None,
    )
    sections = list(draft.sections.all())
    SectionAnswer.objects.bulk_create(
        SectionAnswer(
            response=response, section_key=section.key, stance=stances[index % len(stances)]
        )
        for index, section in enumerate(sections)
    )
    for index, body in (comments or {}).items():
        ResponseComment.objects.create(
            response=response,
            section_key=sections[index].key,
            part=CommentPart.COMMENT,
            body=body,
        )
    return response


def make_organization_request(member, **fields):
    """A member's request to act for an organization, waiting in the review queue."""
    from consultations.services.organizations import organization_request_create

    values = {
        "organization_name": "Eastside Harm Reduction Collective",
        "description": "A peer-run drop-in with supplies and naloxone.",
        "how_to_check": "Our staff page lists me: https://eastside.example/staff",
        "website": "https://eastside.example/",
    }
    values.update(fields)
    return organization_request_create(member=member, **values)


# ---- responding, statements and outreach entry ---------------------------------


def sections_of(count: int) -> tuple:
    """`count` sections, every third with a question, for pages measured at two sizes."""
    return tuple(
        (f"Part {number}", f"What part {number} says.", "", "Is this fair?" if number % 3 else "")
        for number in range(1, count + 1)
    )


def respond_url(draft, step=None) -> str:
    base = f"{draft.url}respond/"
    return base if step is None else f"{base}?step={step}"


def signed_in_client(user):
    from django.test import Client

    visitor = Client()
    visitor.force_login(user)
    return visitor


def make_outreach_worker(username="dana_outreach"):
    from django.contrib.auth.models import Group

    from accounts.roles import OUTREACH_WORKERS_GROUP

    worker = UserFactory(username=username)
    worker.groups.add(Group.objects.get_or_create(name=OUTREACH_WORKERS_GROUP)[0])
    return worker


def watch_word(pattern: str, action: str, **fields):
    """A watched word moderators added; screening sees it at once."""
    from moderation.models import WatchedWord, WordCategory
    from moderation.screening import rules_changed

    word = WatchedWord.objects.create(
        pattern=pattern,
        action=action,
        category=fields.pop("category", WordCategory.OTHER),
        explanation=fields.pop("explanation", "It is an insult aimed at a person."),
        **fields,
    )
    rules_changed()
    return word


# ---- results, export and reports ---------------------------------------------


def make_closed_draft(organization, *, days_ago=1, report_in=30, **fields) -> PolicyDraftPage:
    """A draft whose last day was `days_ago` days ago, with its report due in `report_in` days."""
    today = timezone.localdate()
    closes_on = today - datetime.timedelta(days=days_ago)
    return make_draft(
        organization,
        opens_on=closes_on - datetime.timedelta(days=14),
        closes_on=closes_on,
        report_by=today + datetime.timedelta(days=report_in),
        **fields,
    )


def make_many_responses(
    draft, count, *, stances=("agree",), speaking_as=(), entered_by_outreach=False
) -> list[Response]:
    """`count` submitted responses with no account, in a few bulk queries."""
    responses = Response.objects.bulk_create(
        Response(
            draft=draft,
            speaking_as=list(speaking_as),
            entered_by_outreach=entered_by_outreach,
            submitted_at=timezone.now(),
        )
        for _ in range(count)
    )
    sections = list(draft.sections.all())
    SectionAnswer.objects.bulk_create(
        SectionAnswer(
            response=response, section_key=section.key, stance=stances[index % len(stances)]
        )
        for response in responses
        for index, section in enumerate(sections)
    )
    return responses


def make_statement(
    draft,
    body="Keep the weekend hours.",
    *,
    section=0,
    respondent=None,
    speaking_as=(),
) -> ResponseComment:
    """A statement: a section comment in a submitted response that may be quoted."""
    response = make_response(
        draft,
        respondent=respondent,
        speaking_as=speaking_as,
        quote_consent=True,
        comments={section: body},
    )
    return response.comments.get()


def mark_statement(comment, voter, choice="agree"):
    from consultations.models import StatementVote

    return StatementVote.objects.create(comment=comment, voter=voter, choice=choice)


# ---- writing drafts in the editor ----------------------------------------------


def many_sections(count: int) -> tuple:
    """`count` sections in the shape `make_draft(sections=...)` takes."""
    return tuple(
        (
            f"Part {number}",
            f"What part {number} says, with **some** Markdown.\n\n- one point\n- another",
            f"What part {number} means." if number % 2 else "",
            f"What do you think of part {number}?" if number % 3 == 0 else "",
        )
        for number in range(1, count + 1)
    )


def draft_form(*, title="Changing our hours", sections=(), paste="", **changes) -> dict:
    """The policy draft editor's form as the browser sends it; `sections` are
    dicts of the section fields (saved ones first, with their "id")."""
    from django.utils.text import slugify

    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    today = timezone.localdate()
    data = {
        "title": title,
        "slug": changes.pop("slug", slugify(title)),
        "summary": "We plan to change when we are open.",
        "plain_summary": "We might change our hours. Tell us what works for you.",
        "affects": "People who use the program",
        "opens_on": str(today),
        "closes_on": str(today + datetime.timedelta(days=14)),
        "how_input_used": "Our staff read every response before we decide.",
        "who_reads": "Our program manager and two peer staff.",
        "report_by": str(today + datetime.timedelta(days=45)),
        "paste_draft": paste,
        "sections": inline_formset(
            [
                {"heading": "", "text": "", "explainer": "", "question": "", **section}
                for section in sections
            ],
            initial=sum(1 for section in sections if section.get("id")),
        ),
        "comments": inline_formset([]),
        **changes,
    }
    form = nested_form_data(data)
    # The editor numbers every section it shows from 1, as Django's formsets
    # do; numbered from 0, every section would look moved and the save would
    # count as an edit.
    for number in range(len(sections)):
        form[f"sections-{number}-ORDER"] = str(number + 1)
    return form
