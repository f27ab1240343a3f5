"""What the report and the views both present, so neither imports the other.

The words (headings, phrases, dates, stage names, a loop as something to do) in the
language of a Translator (reseau.i18n: English in the code, other languages in the
catalogue), a contact's introduction chain and an opportunity's current stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from reseau.dates import MONTH_NAMES
from reseau.i18n import LANGS, N_, Lang, Msg, Translator, msg
from reseau.ledger import Ledger
from reseau.loops import Loop
from reseau.records import Interaction, Opportunity, Stage

__all__ = ["HEADINGS", "LANGS", "Lang", "Words", "current_stage", "introduction_chain"]

HEADING_IDS = (
    N_("At a glance"),
    N_("Broken chains"),
    N_("Coming up"),
    N_("Reconnect"),
    N_("Referral chains"),
    N_("Reciprocity"),
    N_("Opportunities"),
    N_("Ledger activity"),
)


class _Headings(Mapping[Lang, tuple[str, ...]]):
    """The report's second-level headings by language: `HEADINGS["fr"]`."""

    def __getitem__(self, lang: Lang) -> tuple[str, ...]:
        tr = Translator(lang)
        return tuple(tr.gettext(h) for h in HEADING_IDS)

    def __iter__(self) -> Iterator[Lang]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)


HEADINGS: Mapping[Lang, tuple[str, ...]] = _Headings()

# The templates of the report and the views, by key, in English; `Words(lang)("key", ...)`
# translates one through the catalogue.
WORDS: dict[str, str] = {
    "title": N_("Weekly review — {week} ({span})"),
    "title_owner": N_("{owner}'s weekly review — {week} ({span})"),
    "as_of": N_("As of {date}."),
    "partial": N_("This week's counts stop at the as-of date."),
    "metric": N_("Per week"),
    "goal": N_("goal"),
    "of_goal": N_("{metric} {count} of {goal}"),
    "interactions": N_("interactions"),
    "new_contacts": N_("new contacts"),
    "referrals": N_("referrals received"),
    "promises_made": N_("promises made"),
    "promises_kept": N_("promises kept"),
    "stage_changes": N_("opportunity stage changes"),
    "met": N_("goal met"),
    "short_of": N_("{n} short of the goal"),
    "goals_line": N_("This week against your goals: {items}."),
    "no_goals": N_("No weekly goals set (`goals:` in reseau.yaml)."),
    "check_clean": N_("`reseau check`: no error, no warning."),
    "check": N_("`reseau check`: {errors} error(s), {warnings} warning(s), {info} info."),
    "chart_title": N_("Interactions per week"),
    "chart_y": N_("interactions"),
    "broken_none": N_("No broken chain: every loop past its date is closed."),
    "more": N_("… and {n} more ({where})."),
    "more_agenda": N_("`reseau agenda` lists them all"),
    "more_show": N_("`reseau show ID` for each person"),
    "more_opps": N_("each has its file under opportunities/"),
    "more_graph": N_(
        "The graph shows the chains listed below; `reseau graph` draws the whole network ({nodes} people and opportunities)."
    ),
    "coming_none": N_("Nothing due in the next seven days."),
    "reconnect_none": N_("Everyone active is within their cadence."),
    "reconnect_off": N_("Reconnect reminders are turned off (R009 in reseau.yaml)."),
    "reconnect_item": N_("last in touch {date} ({days} ago); your cadence is {cadence}"),
    "chains_intro": N_("Who introduced, referred and opened doors for you:"),
    "chains_none": N_("No introduction or referral recorded yet."),
    "chains_open": N_("Chains still carrying an open loop:"),
    "chains_open_none": N_("No chain carries an open loop."),
    "recip_none": N_("Nothing given or received yet."),
    "contact": N_("Contact"),
    "gave": N_("You gave"),
    "received": N_("You received"),
    "balance": N_("Balance"),
    "opp_none": N_("No opportunity recorded."),
    "opp_stages": N_("Current stages: {items}."),
    "opp_moved": N_("Moved this week:"),
    "opp_moved_none": N_("No opportunity moved this week."),
    "opportunity": N_("Opportunity"),
    "stage": N_("Stage"),
    "came_through": N_("Came through"),
    "direct": N_("(direct)"),
    "activity_not_git": N_("The ledger is not in a Git repository: no activity to show."),
    "activity_no_commits": N_("The ledger's Git repository has no commit yet."),
    "activity_none": N_("No commit touched the ledger this week."),
    "activity_intro": N_("Commits touching the ledger this week (author date):"),
    "commit": N_("Commit"),
    "date": N_("Date"),
    "subject": N_("Subject"),
    "files": N_("Files"),
    "today": N_("due today"),
    "in_days": N_("due {date}, in {days}"),
    "late": N_("due {date}, {days} late"),
    "day": N_("day"),
    "days": N_("days"),
    "or": N_(" or "),
    "and": N_(", "),
    "and_last": N_(" and "),
    "colon": N_(": "),
    "semicolon": N_("; "),
    "promise": N_("Keep your promise to {people}: {text}"),
    "next": N_("Next step with {people}: {text}"),
    "referral": N_("Get in touch with {subject}, referred by {referrer}"),
    "referral_bare": N_("Get in touch with {subject}"),
    "inform": N_("Tell {people} how it went with {subject}"),
    "inform_opp": N_("Tell {people} about {title} at {org}: {stage}"),
    "planned": N_("Planned {channel} with {people}: {text}"),
    "opp_label": N_("{title} at {org}"),
    "introduced": N_("introduced"),
    "referred": N_("referred"),
    "opened": N_("opened"),
    "suggest_title": N_("Whom to approach next (`reseau suggest`):"),
    "suggest_none": N_(
        "Nobody waiting to be approached: everyone introduced or referred to you has been contacted, and everyone who helped you is within their cadence."
    ),
    "why_referred": N_("referred by {by} on {date}, not contacted yet"),
    "why_introduced": N_("introduced by {by}, not contacted yet"),
    "why_opportunity": N_(
        "at {org}, where {title} is open ({stage}); not in touch since it opened on {date}"
    ),
    "why_helped": N_("helped you before ({what}); last in touch {date}, {days} ago"),
    "why_never": N_("never contacted"),
    "path_direct": N_("you know them directly"),
    "path_direct_since": N_("you know them directly; last in touch {date}"),
    "path_through": N_("through {chain}"),
    "path_none": N_("no warm path yet"),
    "helped_opportunity": N_("opportunity"),
    "together": N_("{first} and {last}"),
    "tomorrow": N_("due {date}, in 1 day"),
    "yesterday": N_("due {date}, 1 day late"),
}

STAGE_WORDS: dict[str, str] = {
    "lead": N_("lead"),
    "applied": N_("applied"),
    "interview": N_("interview"),
    "offer": N_("offer"),
    "accepted": N_("accepted"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
}

ITEM_WORDS: dict[str, str] = {
    "promise": N_("promise kept"),
    "interest": N_("interest"),
    "thanks": N_("thanks"),
    "update": N_("update"),
    "article": N_("article"),
    "introduction": N_("introduction"),
    "help": N_("help"),
    "recommendation": N_("recommendation"),
    "other": N_("other"),
    "advice": N_("advice"),
    "information": N_("information"),
    "feedback": N_("feedback"),
    "news": N_("news"),
    "referral": N_("referral"),
}

CHANNEL_WORDS: dict[str, str] = {
    "meeting": N_("meeting"),
    "call": N_("call"),
    "video": N_("video"),
    "email": N_("email"),
    "message": N_("message"),
    "event": N_("event"),
    "letter": N_("letter"),
}

_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def word(table: dict[str, str], value: str) -> Msg | str:
    """A vocabulary word as a message (a word outside the table stays as it is)."""
    return msg(table[value]) if value in table else value


def joined(names: list[str] | tuple[str, ...], how: str = "or") -> Msg | str:
    """`A or B or C` (`A ou B ou C`); how="and": `A and B and C`."""
    if len(names) < 2:
        return "".join(names)
    rest = joined(names[1:], how)
    if how == "and":
        return msg("{first} and {rest}", first=names[0], rest=rest)
    return msg("{first} or {rest}", first=names[0], rest=rest)


def together(names: list[str]) -> Msg | str:
    """Everyone at once, for a planned meeting: `A and B`, `A, B and C`."""
    if len(names) < 2:
        return "".join(names)
    return msg(WORDS["together"], first=", ".join(names[:-1]), last=names[-1])


def loop_action(ledger: Ledger, loop: Loop) -> Msg:
    """The concrete thing to do about a loop, naming the people in full."""
    people = joined([ledger.name(c) for c in loop.people])
    source = loop.source
    if loop.kind == "promise":
        return msg(WORDS["promise"], people=people, text=loop.action)
    if loop.kind == "next":
        return msg(WORDS["next"], people=people, text=loop.action)
    if loop.kind == "referral":
        subject = ledger.name(loop.subject or loop.people[0])
        referrers = (
            [ledger.name(c) for c in source.with_ if c != loop.subject]
            if isinstance(source, Interaction)
            else []
        )
        if referrers:
            return msg(WORDS["referral"], subject=subject, referrer=", ".join(referrers))
        return msg(WORDS["referral_bare"], subject=subject)
    if loop.kind == "inform" and isinstance(source, Opportunity):
        index = loop.at[1] if len(loop.at) > 1 and isinstance(loop.at[1], int) else -1
        return msg(
            WORDS["inform_opp"],
            people=people,
            title=source.title,
            org=source.organization,
            stage=word(STAGE_WORDS, source.stages[index].stage),
        )
    if loop.kind == "inform":
        return msg(WORDS["inform"], people=people, subject=ledger.name(loop.subject or ""))
    assert isinstance(source, Interaction)
    return msg(
        WORDS["planned"],
        people=together([ledger.name(c) for c in loop.people]),
        channel=word(CHANNEL_WORDS, source.channel or "meeting"),
        text=source.summary or source.id,
    )


@dataclass(frozen=True)
class Words:
    """One language: templates, dates, and the phrasing of loops."""

    lang: Lang

    @property
    def tr(self) -> Translator:
        return Translator(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        template = self.tr.gettext(WORDS[key])
        return template.format(**values) if values else template

    def render(self, message: Msg | str) -> str:
        return self.tr.render(message)

    def stage(self, stage: str) -> str:
        return self.render(word(STAGE_WORDS, stage))

    def item(self, value: str) -> str:
        return self.render(word(ITEM_WORDS, value))

    def channel(self, value: str) -> str:
        return self.render(word(CHANNEL_WORDS, value))

    def days(self, n: int) -> str:
        return self.tr.days(n)

    def date(self, day: dt.date, ref: dt.date | None = None) -> str:
        """`6 May` (with the year when it differs from ref's, or when ref is None: `6 May 2016`)."""
        return self.tr.short_date(day, ref)

    def long_date(self, day: dt.date) -> str:
        """`Wednesday 6 April 2016` (`mercredi 6 avril 2016`)."""
        if self.lang != "en":
            return self.tr.babel_date(day, "EEEE d MMMM y")
        weekday = _EN_WEEKDAYS[day.weekday()]
        return f"{weekday} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"

    def span(self, start: dt.date, end: dt.date) -> str:
        """`11 Apr – 17 Apr 2016`, with the first year only when it differs."""
        return f"{self.tr.short_date(start, end)} – {self.tr.short_date(end)}"

    def people(self, ledger: Ledger, ids: tuple[str, ...]) -> str:
        return self.render(joined([ledger.name(c) for c in ids]))

    def together(self, ledger: Ledger, ids: tuple[str, ...]) -> str:
        """Everyone at once, for a planned meeting: `A and B`, `A, B and C`."""
        return self.render(together([ledger.name(c) for c in ids]))

    def when(self, loop: Loop, as_of: dt.date) -> str:
        """`due 14 Apr, 3 days late`, `due today`, `due 6 May, in 3 days`."""
        delta = (loop.due - as_of).days
        if delta == 0:
            return self("today")
        shown = self.date(loop.due, as_of)
        if delta == 1:
            return self("tomorrow", date=shown)
        if delta == -1:
            return self("yesterday", date=shown)
        if delta > 0:
            return self("in_days", date=shown, days=self.days(delta))
        return self("late", date=shown, days=self.days(-delta))

    def action(self, ledger: Ledger, loop: Loop) -> str:
        """The concrete thing to do, naming the people in full."""
        return self.render(loop_action(ledger, loop))


def introduction_chain(ledger: Ledger, cid: str) -> tuple[str, ...]:
    """cid's introduction chain, the one known directly first, cid last."""
    return tuple(reversed([cid, *ledger.introducers(cid)]))


def current_stage(opp: Opportunity, as_of: dt.date) -> Stage | None:
    past = [s for s in opp.stages if s.date <= as_of]
    return past[-1] if past else None
