from .contributions import ArticleFeedback, ArticleProposal, ArticleSuggestion, ProposalStatus
from .drafts import AutosavedDraft
from .following import TopicFollow
from .knowledge_base import (
    ArticleAuthor,
    ArticlePage,
    ArticleSource,
    KnowledgeBaseIndexPage,
    sources_rule_error,
)
from .pages import HomePage, OverdosePage, StandardPage
from .safety import CrisisLineBlock, SafetySettings
from .snippets import AuthorProfile, SubstanceTag, TaggedSubstance, TaggedTopic, TopicTag
from .workflow import PeerApproval, PeerReviewTask

__all__ = [
    "ArticleAuthor",
    "ArticleFeedback",
    "ArticlePage",
    "ArticleProposal",
    "ArticleSource",
    "ArticleSuggestion",
    "AutosavedDraft",
    "AuthorProfile",
    "CrisisLineBlock",
    "HomePage",
    "KnowledgeBaseIndexPage",
    "OverdosePage",
    "PeerApproval",
    "PeerReviewTask",
    "ProposalStatus",
    "SafetySettings",
    "StandardPage",
    "SubstanceTag",
    "TaggedSubstance",
    "TaggedTopic",
    "TopicFollow",
    "TopicTag",
    "sources_rule_error",
]
