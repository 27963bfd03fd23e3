from .organizations import Organization, OrganizationRequest, RequestStatus
from .pages import (
    ConsultationIndexPage,
    DraftSection,
    DraftStatus,
    OrganizationSpacePage,
    PolicyDraftPage,
    draft_context_register,
    draft_view_register,
)
from .reports import HeardReport, SectionChange
from .responses import (
    CommentPart,
    Response,
    ResponseComment,
    SectionAnswer,
    SpeakingAs,
    Stance,
    StatementVote,
    VoteChoice,
)
from .workflow import CommunityCheckTask

__all__ = [
    "CommentPart",
    "CommunityCheckTask",
    "ConsultationIndexPage",
    "DraftSection",
    "DraftStatus",
    "HeardReport",
    "Organization",
    "OrganizationRequest",
    "OrganizationSpacePage",
    "PolicyDraftPage",
    "RequestStatus",
    "Response",
    "ResponseComment",
    "SectionAnswer",
    "SectionChange",
    "SpeakingAs",
    "Stance",
    "StatementVote",
    "VoteChoice",
    "draft_context_register",
    "draft_view_register",
]
