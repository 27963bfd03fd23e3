"""A fictional local organization and its consultations, for development
only (`manage.py load_demo`): one open draft with responses, and one closed
draft with its "what we heard" report and a revised version."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from .models import (
    CommentPart,
    DraftSection,
    HeardReport,
    Organization,
    PolicyDraftPage,
    Response,
    ResponseComment,
    SectionAnswer,
    SectionChange,
    SpeakingAs,
)
from .services.organizations import organization_create, organization_staff_add, space_of

ORGANIZATION = {
    "name": "Riverside Syringe Services",
    "slug": "riverside-syringe-services",
    "description": (
        "A small syringe services program by the river. We hand out supplies, naloxone "
        "and test strips, and we connect people to care when they ask."
    ),
    "website": "https://riverside-ssp.example/",
}

OPEN_DRAFT = {
    "title": "New hours and a new way to get supplies",
    "slug": "new-hours-and-supplies",
    "summary": (
        "Riverside Syringe Services proposes to change its opening hours from weekday "
        "mornings to afternoons and two evenings, to end the one-for-one exchange rule, "
        "to add mail delivery of supplies, and to set a shorter wait at the front desk."
    ),
    "plain_summary": (
        "We want to change when we are open and how you get supplies. You would no longer "
        "need to bring back used needles to get new ones. Tell us what works for you."
    ),
    "affects": "Everyone who gets supplies from Riverside, and people who might start.",
    "how_input_used": (
        "Our staff read every response. We will change the plan where people tell us it "
        "doesn't work for them, and say why when we don't."
    ),
    "who_reads": "Our program manager, two peer staff and our nurse.",
}

OPEN_SECTIONS = [
    (
        "Opening hours",
        "The program will be open Monday to Friday from 12 to 6, and until 9 on "
        "Tuesdays and Thursdays. Saturday mornings stay the same.",
        "We would open later in the day and stay open later on two evenings.",
        "Which hours would you actually come in?",
    ),
    (
        "Supplies without exchange",
        "Participants will receive the supplies they ask for, without returning used "
        "equipment. Sharps containers will be offered with every visit.",
        "You would not need to bring back used needles to get new ones.",
        "",
    ),
    (
        "Mail delivery",
        "Participants may ask for supplies by mail in plain packaging, up to twice a month.",
        "We could mail supplies to you in a plain box.",
        "Is there anything that would make mail delivery feel safe for you?",
    ),
    (
        "Front desk wait",
        "Staff will aim to see each person within 10 minutes of arrival, and will offer "
        "a quick pick-up line for people who only need supplies.",
        "",
        "",
    ),
    (
        "Peer staff",
        "At least one peer worker with lived experience will be on every shift.",
        "Someone who has been where you are will always be working.",
        "",
    ),
]

CLOSED_DRAFT = {
    "title": "Handing out naloxone",
    "slug": "handing-out-naloxone",
    "summary": (
        "How Riverside gives out naloxone: how many kits per visit, whether people must "
        "take a training first, and whether kits can be picked up for someone else."
    ),
    "plain_summary": (
        "We asked how we should give out naloxone, the medicine that reverses an opioid "
        "overdose. How many kits, whether you need training first, and whether you can "
        "take kits for friends."
    ),
    "affects": "Everyone who gets naloxone from Riverside, and their friends and family.",
    "how_input_used": "We will change the policy based on what you tell us.",
    "who_reads": "Our program manager and two peer staff.",
}

CLOSED_SECTIONS = [
    (
        "Kits per visit",
        "Each participant may take up to two naloxone kits per visit.",
        "You could take two kits each time you come.",
        "How many kits would you want?",
    ),
    (
        "Training first",
        "Participants must complete a 20-minute training before their first kit.",
        "You would need to do a short training before your first kit.",
        "",
    ),
    (
        "Kits for others",
        "Kits may only be given to the person who will carry them.",
        "You could not pick up kits for a friend.",
        "",
    ),
]

REVISED_SECTIONS = [
    (
        "Kits per visit",
        "Each participant may take as many naloxone kits as they ask for.",
        "You can take as many kits as you need.",
        "",
    ),
    (
        "Training first",
        "Staff will offer a 5-minute training with every kit. It is never required.",
        "We will offer a short how-to with every kit. You can say no.",
        "",
    ),
    (
        "Kits for others",
        "Anyone may pick up kits for friends, family or people they work with.",
        "You can pick up kits for other people.",
        "",
    ),
]

CLOSED_STANCES = [
    ("disagree", "disagree", "disagree"),
    ("disagree", "disagree", "disagree"),
    ("disagree", "unsure", "disagree"),
    ("agree", "disagree", "disagree"),
    ("disagree", "disagree", "unsure"),
    ("disagree", "agree", "disagree"),
    ("unsure", "disagree", "disagree"),
    ("disagree", "disagree", "disagree"),
]

STATEMENTS = [
    (0, "Two kits is not enough when you're the one everyone calls."),
    (1, "Nobody should have to sit through a class to save a life."),
    (2, "My sister can't come in herself. Let me carry one for her."),
]

REPORT = (
    "Most of you told us the old rules got in the way. Two kits a visit was too few "
    "for people who look out for others, the training kept people from coming back, "
    "and not being able to pick up kits for someone else left friends and family "
    "without one.\n\nWe changed all three rules. Thank you to everyone who answered, "
    "on the site and on paper at the van."
)

CHANGES = [
    (0, "No more limit. You told us two kits ran out fast, so you can take what you need."),
    (1, "Training is offered, never required. It took too long and kept people away."),
    (2, "Anyone can pick up kits for others. Many of you carry naloxone for people you love."),
]


def _draft(space, fields, sections, *, opens_on, closes_on, report_by, revises=None):
    draft = PolicyDraftPage.objects.filter(slug=fields["slug"]).first()
    if draft is not None:
        return draft
    draft = PolicyDraftPage(
        **fields, opens_on=opens_on, closes_on=closes_on, report_by=report_by, revises=revises
    )
    keys = [section.key for section in revises.sections.all()] if revises else []
    for position, (heading, text, explainer, question) in enumerate(sections):
        section = DraftSection(
            heading=heading, text=text, explainer=explainer, question=question, sort_order=position
        )
        if position < len(keys):
            section.key = keys[position]
        draft.sections.add(section)
    space.add_child(instance=draft)
    draft.save_revision().publish()
    return PolicyDraftPage.objects.get(pk=draft.pk)


def _respond(draft, *, respondent=None, entered_by=None, stances, speaking_as, comments=()):
    response = Response.objects.create(
        draft=draft,
        respondent=respondent,
        entered_by=entered_by,
        entered_by_outreach=entered_by is not None,
        speaking_as=speaking_as,
        quote_consent=True,
        submitted_at=timezone.now() - timedelta(days=2),
    )
    sections = list(draft.sections.all())
    SectionAnswer.objects.bulk_create(
        SectionAnswer(response=response, section_key=section.key, stance=stance)
        for section, stance in zip(sections, stances, strict=False)
    )
    for index, body in comments:
        ResponseComment.objects.create(
            response=response, section_key=sections[index].key, part=CommentPart.COMMENT, body=body
        )
    return response


@transaction.atomic
def consultations_demo_load(
    *,
    member,
    moderator,
    trusted=None,
    newcomer=None,
    organization_staff=None,
    outreach=None,
    reviewer=None,
    second_reviewer=None,
    **others,
) -> None:
    """Idempotent: the organization by slug, drafts by slug."""
    organization = Organization.objects.filter(slug=ORGANIZATION["slug"]).first()
    if organization is None:
        organization = organization_create(**ORGANIZATION, verified_by=moderator)
    if organization_staff is not None:
        organization_staff_add(organization=organization, member=organization_staff)
    space = space_of(organization)
    today = timezone.localdate()
    if PolicyDraftPage.objects.filter(slug=OPEN_DRAFT["slug"]).exists():
        return

    open_draft = _draft(
        space,
        OPEN_DRAFT,
        OPEN_SECTIONS,
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=16),
        report_by=today + timedelta(days=45),
    )
    people = [person for person in (member, trusted, newcomer, reviewer) if person is not None]
    voices = [
        ((0, "Evenings would help. I work days."),),
        ((1, "No exchange rule means I can get enough for my friends too."),),
        (),
        ((2, "Plain box, please, no name of the program on it."),),
    ]
    for person, said in zip(people, voices, strict=False):
        _respond(
            open_draft,
            respondent=person,
            stances=("agree", "agree", "unsure", "agree", "agree"),
            speaking_as=[SpeakingAs.USE_NOW],
            comments=said,
        )
    if outreach is not None:
        _respond(
            open_draft,
            entered_by=outreach,
            stances=("disagree", "agree", "agree", "agree", "agree"),
            speaking_as=[SpeakingAs.USE_NOW],
            comments=((0, "Mornings are the only time I'm sure to be around."),),
        )

    closed_draft = _draft(
        space,
        CLOSED_DRAFT,
        CLOSED_SECTIONS,
        opens_on=today - timedelta(days=70),
        closes_on=today - timedelta(days=40),
        report_by=today - timedelta(days=10),
    )
    PolicyDraftPage.objects.filter(pk=closed_draft.pk).update(
        closed_at=timezone.now() - timedelta(days=39)
    )
    groups = [
        [SpeakingAs.USE_NOW],
        [SpeakingAs.USE_NOW, SpeakingAs.PEER_WORKER],
        [SpeakingAs.FAMILY],
        [SpeakingAs.USE_NOW],
        [SpeakingAs.USED_TO],
        [SpeakingAs.USE_NOW],
        [SpeakingAs.FAMILY],
        [SpeakingAs.USE_NOW],
    ]
    statements = []
    for number, (stances, speaking_as) in enumerate(zip(CLOSED_STANCES, groups, strict=True)):
        said = [STATEMENTS[number]] if number < len(STATEMENTS) else []
        person = people[number] if number < len(people) else None
        response = _respond(
            closed_draft,
            respondent=person,
            entered_by=None if person else (outreach or moderator),
            stances=stances,
            speaking_as=speaking_as,
            comments=said,
        )
        statements.extend(response.comments.all())
    report = HeardReport.objects.create(
        draft=closed_draft,
        body=REPORT,
        body_html="".join(f"<p>{escape(part)}</p>" for part in REPORT.split("\n\n")),
        published_at=timezone.now() - timedelta(days=12),
        published_by=organization_staff,
    )
    sections = list(closed_draft.sections.all())
    for index, text in CHANGES:
        change = SectionChange.objects.create(
            report=report, section_key=sections[index].key, what_changed=text
        )
        change.because_of.set(
            [comment for comment in statements if comment.section_key == sections[index].key]
        )
    _draft(
        space,
        {
            **CLOSED_DRAFT,
            "title": "Handing out naloxone (version 2)",
            "slug": "handing-out-naloxone-v2",
        },
        REVISED_SECTIONS,
        opens_on=today - timedelta(days=2),
        closes_on=today + timedelta(days=28),
        report_by=today + timedelta(days=60),
        revises=closed_draft,
    )
