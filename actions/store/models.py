"""Every table, imported in one place so metadata and migrations see them all."""

from actions.store.admin import ApiToken, AuditEntry, Result
from actions.store.base import Base
from actions.store.broadcasts import Broadcast
from actions.store.campaigns import Campaign, Neighbourhood, Proposal, Theme
from actions.store.ideas import Idea
from actions.store.messaging import InboundMessage, OutboxMessage
from actions.store.residents import Conversation, Resident
from actions.store.voting import Ballot, BallotChoice, BallotDraft, Voter, VotingCode
from actions.store.web import WebPhoto, WebTranscriptEntry

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Ballot",
    "BallotChoice",
    "BallotDraft",
    "Base",
    "Broadcast",
    "Campaign",
    "Conversation",
    "Idea",
    "InboundMessage",
    "Neighbourhood",
    "OutboxMessage",
    "Proposal",
    "Resident",
    "Result",
    "Theme",
    "Voter",
    "VotingCode",
    "WebPhoto",
    "WebTranscriptEntry",
]
