"""A campaign to and from a pabulib `.pb` file: proposals, ballots and (on export) the outcome."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from actions import campaigns, limits, manage_campaigns, paper_ballots
from actions.campaign_settings import CURRENCY, CampaignSettings, Category
from actions.domain.ballot_rules import BallotKind, BallotRules
from actions.domain.campaign import PhaseDates
from actions.domain.pabulib.errors import PabulibError
from actions.domain.pabulib.model import PbFile, PbProject, PbVote
from actions.domain.pabulib.parse import parse
from actions.domain.pabulib.write import write
from actions.errors import Problem, invalid
from actions.manage_proposals import NUMBER_MAX
from actions.store.campaigns import Campaign, Proposal
from actions.tally_campaign import approvals, get, published_proposals

CHANNEL = "pabulib"
DATE = "%d.%m.%Y"
RULES_BY_PB = {"greedy": "greedy", "equalshares": "mes-add1", "equalshares/add1": "mes-add1"}


def _whole(meta: dict[str, str], key: str) -> int | None:
    value = meta.get(key, "").strip()
    if not re.fullmatch(r"\d+(?:\.0*)?", value):
        return None
    number = int(value.split(".")[0])
    return number if number <= limits.INT_MAX else None


def _rules(meta: dict[str, str]) -> BallotRules:
    max_sum = _whole(meta, "max_sum_cost")
    return BallotRules(
        kind=BallotKind.KNAPSACK if max_sum is not None else BallotKind.APPROVAL,
        max_budget=max_sum,
        min_budget=_whole(meta, "min_sum_cost"),
        min_items=_whole(meta, "min_length"),
        max_items=_whole(meta, "max_length"),
    )


def _date(text: str, zone: ZoneInfo) -> datetime | None:
    try:
        return datetime.combine(datetime.strptime(text.strip(), DATE).date(), time(), zone)
    except ValueError:
        return None  # pabulib allows a bare year, which names no moment


def _dates(meta: dict[str, str], timezone: str) -> PhaseDates:
    zone = ZoneInfo(timezone)
    end = _date(meta.get("date_end", ""), zone)
    return PhaseDates(
        voting_open=_date(meta.get("date_begin", ""), zone),
        voting_close=end + timedelta(days=1) if end else None,
    )


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64] or "theme"


def _themes(pb: PbFile, language: str) -> tuple[tuple[Category, ...], dict[str, str]]:
    """Themes from the first category of each project, and each project's theme key."""
    keys: dict[str, str] = {}
    categories: dict[str, Category] = {}
    for project in pb.projects:
        name = project.fields.get("category", "").split(",")[0].strip()
        if not name:
            continue
        key = _slugify(name)
        if key not in categories:
            categories[key] = Category(key, {language: name[: limits.TITLE_MAX]})
        keys[project.project_id] = key
    return tuple(categories.values()), keys


def import_pb(
    session: Session,
    *,
    text: str,
    slug: str,
    supported: frozenset[str],
    now: datetime,
    language: str | None = None,
) -> Campaign:
    """A new campaign holding the file's projects as proposals and its votes as ballots."""
    if "\x00" in text:
        raise invalid([Problem("nul_character", "the file contains a NUL character")])
    try:
        pb = parse(text)
    except PabulibError as error:
        raise invalid([Problem("bad_pb_file", error.problem, line=error.line or None)]) from None
    if pb.vote_type != "approval":
        problem = Problem("unsupported_vote_type", f"{pb.vote_type} ballots can't be imported")
        raise invalid([problem])
    _check_projects(pb)
    meta = dict(pb.meta)
    language = language or meta.get("language", "").strip().lower()
    if not language:
        message = "the file names no language: say which one"
        raise invalid([Problem("language_required", message, "language")])
    themes, theme_of = _themes(pb, language)
    title = meta.get("description") or " ".join(
        filter(None, (meta.get("unit"), meta.get("instance")))
    )
    currency = meta.get("currency", "EUR").strip().upper()
    timezone = "Europe/Amsterdam"
    campaign = manage_campaigns.create(
        session,
        settings=CampaignSettings(
            slug=slug,
            name={language: (title or slug)[: limits.TITLE_MAX]},
            budget=min(pb.budget, limits.INT_MAX + 1),
            languages=(language,),
            currency=currency if CURRENCY.fullmatch(currency) else "EUR",
            timezone=timezone,
            dates=_dates(meta, timezone),
            rules=_rules(meta),
            tally_method=RULES_BY_PB.get(meta.get("rule", "").strip().lower(), "greedy"),
            themes=themes,
        ),
        supported=supported,
        now=now,
    )
    proposals = {}
    for number, project in enumerate(pb.projects, start=1):
        name = project.fields.get("name", "").strip() or f"Project {project.project_id}"
        proposals[project.project_id] = Proposal(
            campaign_id=campaign.id,
            number=number,
            external_id=project.project_id,
            title={language: name[: limits.TITLE_MAX]},
            summary={},
            description=_description(project, language),
            cost=project.cost,
            theme_key=theme_of.get(project.project_id),
            created_at=now,
            updated_at=now,
        )
    session.add_all(proposals.values())
    session.flush()
    ballots = [
        (_voter_key(campaign.id, vote.voter_id), [proposals[p].id for p in vote.vote])
        for vote in pb.votes
    ]
    paper_ballots.store(session, campaign_id=campaign.id, ballots=ballots, channel=CHANNEL, now=now)
    return campaign


def _description(project: PbProject, language: str) -> dict[str, str]:
    text = project.fields.get("description", "").strip()
    return {language: text[: limits.DESCRIPTION_MAX]} if text else {}


def _check_projects(pb: PbFile) -> None:
    found = [
        Problem("bad_project", f"project {p.project_id}: {why}")
        for p in pb.projects
        for why in (
            "the id is longer than 64 characters" if len(p.project_id) > 64 else None,
            "the cost is too large" if p.cost > limits.INT_MAX else None,
        )
        if why
    ]
    if len(pb.projects) > NUMBER_MAX:
        found.append(Problem("too_many_projects", f"at most {NUMBER_MAX} projects"))
    if found:
        raise invalid(found, "the file's projects can't be imported")


def _voter_key(campaign_id: int, voter_id: str) -> str:
    key = f"{CHANNEL}:{campaign_id}:{voter_id}"
    if len(key) <= 64:
        return key
    # Long ids are hashed to fit the column; distinct ids stay distinct.
    return f"{CHANNEL}:{campaign_id}:" + hashlib.sha256(voter_id.encode()).hexdigest()[:40]


def _project_ids(proposals: list[Proposal]) -> dict[int, str]:
    external = [p.external_id for p in proposals]
    if all(external) and len(set(external)) == len(external):
        return {p.id: str(p.external_id) for p in proposals}
    return {p.id: str(p.number) for p in proposals}


def _meta(campaign: Campaign, n_projects: int, n_votes: int, method: str | None) -> dict[str, str]:
    info = campaigns.info(campaign)
    zone = ZoneInfo(campaign.timezone)
    meta = {
        "description": info.text(info.name, info.default_language),
        "unit": campaign.slug,
        "instance": campaign.slug,
        "num_projects": str(n_projects),
        "num_votes": str(n_votes),
        "budget": str(campaign.budget),
        "vote_type": "approval",
        "rule": method or campaign.tally_method,
        "language": info.default_language,
        "currency": campaign.currency,
    }
    if info.dates.voting_open is not None:
        meta["date_begin"] = info.dates.voting_open.astimezone(zone).strftime(DATE)
    if info.dates.voting_close is not None:
        last_day = info.dates.voting_close.astimezone(zone) - timedelta(microseconds=1)
        meta["date_end"] = last_day.strftime(DATE)
    limits_by_key = {
        "max_sum_cost": info.rules.max_budget if info.rules.kind is BallotKind.KNAPSACK else None,
        "min_sum_cost": info.rules.minimum_spend() or None,
        "min_length": info.rules.min_items,
        "max_length": info.rules.max_items,
    }
    meta |= {key: str(value) for key, value in limits_by_key.items() if value is not None}
    return meta


def export_pb(session: Session, *, campaign_id: int, result_id: int | None = None) -> str:
    """The campaign's published proposals and confirmed ballots as `.pb` text.

    With a result, its method is the META rule and a `selected` column marks its winners.
    Voters are numbered 1, 2, ... so no voter key leaves the database.
    """
    campaign = manage_campaigns.get(session, campaign_id=campaign_id)
    result = get(session, campaign_id=campaign_id, result_id=result_id) if result_id else None
    proposals = published_proposals(session, campaign_id=campaign_id)
    ids = _project_ids(proposals)
    ballots = approvals(session, campaign_id=campaign_id, on_ballot=set(ids))
    votes: dict[int, int] = dict.fromkeys(ids, 0)
    for ballot in ballots:
        for proposal_id in ballot:
            votes[proposal_id] += 1
    language = campaign.languages[0]
    projects = tuple(
        PbProject(
            ids[p.id],
            p.cost,
            {
                "project_id": ids[p.id],
                "cost": str(p.cost),
                "votes": str(votes[p.id]),
                "name": p.title.get(language) or next(iter(p.title.values()), ""),
                "category": p.theme_key or "",
            },
        )
        for p in proposals
    )
    pb_votes = tuple(
        PbVote(
            str(n),
            tuple(ids[i] for i in ballot),
            {"voter_id": str(n), "vote": ",".join(ids[i] for i in ballot)},
        )
        for n, ballot in enumerate(ballots, start=1)
    )
    pb = PbFile(
        meta=_meta(campaign, len(projects), len(pb_votes), result.method if result else None),
        project_columns=("project_id", "cost", "votes", "name", "category"),
        projects=projects,
        vote_columns=("voter_id", "vote"),
        votes=pb_votes,
    )
    selected = [ids[i] for i in result.selected if i in ids] if result else None
    return write(pb, selected=selected)
