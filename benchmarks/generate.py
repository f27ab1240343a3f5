"""Write a deterministic synthetic reseau ledger (docs/ledger-format.md format).

    python benchmarks/generate.py OUT_DIR --contacts N --interactions M \
        --opportunities K [--seed S]

Same arguments give a byte-identical tree: all randomness comes from one
``random.Random(seed)`` and nothing reads the clock. Dates are laid out
against a fixed as-of day (``AS_OF``, 2026-11-27): interactions that happened
are dated 2016-01-04 .. AS_OF, ``planned: true`` ones after it.

Shapes, meant to look like a real ledger that grew for years:

- contacts with accented names (ids transliterated to ASCII slugs, unique),
  relation, organisation, emails, links, tags, cadence, status, notes; about
  half of them ``introduced_by`` an earlier contact, so introduction chains go
  several levels deep and never loop;
- interactions with 1–3 contacts: a first meeting per contact, a referral
  (``received: [{referral: K}]``) from the introducer shortly before meeting
  an introduced contact, and follow-ups skewed towards a few frequent
  contacts; promises kept (``done:``) and open, ``next`` steps, a few
  ``planned: true`` meetings after AS_OF, links to opportunities;
- opportunities with 1–4 stages, opened via an existing contact;
- ``# comments`` in some files, YAML that is hand-written rather than dumped.

The YAML is written as text (no YAML library) so that 10,000 contacts,
50,000 interactions and 1,000 opportunities take a few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import unicodedata
from bisect import bisect_right
from datetime import date
from itertools import accumulate
from pathlib import Path

# Bump whenever the bytes written for given arguments change: benchmarks/run.py
# reuses a generated ledger while its stamp holds the same version, and
# tests/test_benchmarks_generate.py pins the digest of a small tree.
GENERATOR_VERSION = 1

AS_OF = date(2026, 11, 27)
START = date(2016, 1, 4)

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# --------------------------------------------------------------------------
# vocabulary

FIRST_NAMES = (
    "Hélène",
    "José",
    "Zoë",
    "Łukasz",
    "François",
    "Camille",
    "Marc",
    "Karim",
    "Anaïs",
    "Gaël",
    "Noémie",
    "Jérôme",
    "Inès",
    "Chloé",
    "Léa",
    "Théo",
    "Maël",
    "Agnès",
    "Clément",
    "Renée",
    "Béatrice",
    "Stéphane",
    "Frédéric",
    "Cécile",
    "Aurélie",
    "Loïc",
    "Joël",
    "Raphaël",
    "Mélanie",
    "Élodie",
    "Émile",
    "Océane",
    "Thaïs",
    "Björn",
    "Søren",
    "Åsa",
    "Jürgen",
    "Günther",
    "Małgorzata",
    "Paweł",
    "Wojciech",
    "Zbigniew",
    "Dorota",
    "Ágnes",
    "Dávid",
    "Mihály",
    "Jiří",
    "Tomáš",
    "Dušan",
    "Ángel",
    "Inés",
    "Begoña",
    "Íñigo",
    "João",
    "Conceição",
    "Gonçalo",
    "Sébastien",
    "Ana",
    "Pilar",
    "Lucía",
    "Marie",
    "Jean",
    "Pierre",
    "Sophie",
    "Julie",
    "Nicolas",
    "Thomas",
    "Laura",
    "Sarah",
    "Emma",
    "Louis",
    "Hugo",
    "Lucas",
    "Manon",
    "Pauline",
    "Antoine",
    "Mathieu",
    "Vincent",
    "Isabelle",
    "Nathalie",
    "Sandrine",
    "Olivier",
    "Philippe",
    "Christophe",
    "David",
    "Yasmine",
    "Mehdi",
    "Nadia",
    "Fatou",
    "Moussa",
    "Aïcha",
    "Samir",
    "Leïla",
    "Youssef",
    "Amélie",
    "Priya",
    "Rahul",
    "Mei",
    "Wei",
    "Hiroshi",
    "Yuki",
    "Olga",
    "Dmitri",
    "Ingrid",
    "Sven",
    "Niamh",
    "Siobhán",
    "Seán",
    "Aoife",
    "Giulia",
    "Marco",
    "Francesca",
    "Niccolò",
    "Andrea",
    "Paolo",
    "Elena",
    "Ioana",
    "Ștefan",
    "Mădălina",
    "Çağla",
    "Müge",
    "Oğuz",
    "Jean-Luc",
    "Marie-Claire",
    "Anne-Sophie",
    "Pierre-Yves",
)

LAST_NAMES = (
    "Dupré",
    "Leroy",
    "Bonnet",
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Moreau",
    "Lefèvre",
    "Fontaine",
    "Girard",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martínez",
    "Rodríguez",
    "García",
    "Fernández",
    "López",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Muñoz",
    "Núñez",
    "Peña",
    "Gonçalves",
    "Araújo",
    "Conceição",
    "Simões",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Łukasik",
    "Müller",
    "Schröder",
    "Köhler",
    "Weiß",
    "Krüger",
    "Großmann",
    "Bäcker",
    "Jönsson",
    "Søndergaard",
    "Åkesson",
    "Østergaard",
    "Nørgaard",
    "Kovács",
    "Szabó",
    "Horváth",
    "Tóth",
    "Németh",
    "Dvořák",
    "Novák",
    "Černý",
    "Procházka",
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Popescu",
    "Ionescu",
    "Țurcanu",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Öztürk",
    "Benali",
    "Haddad",
    "Mansouri",
    "Diallo",
    "Traoré",
    "Ndiaye",
    "Diop",
    "Nguyen",
    "Tran",
    "Pham",
    "Le Goff",
    "Le Gall",
    "Kerouac",
    "O'Brien",
    "O'Connor",
    "Murphy",
    "Kelly",
    "Walsh",
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Wilson",
    "Evans",
    "Patel",
    "Shah",
    "Gupta",
    "Singh",
    "Kumar",
    "Tanaka",
    "Suzuki",
    "Watanabe",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Ivanov",
    "Petrov",
    "Smirnova",
    "de la Fuente",
    "van der Berg",
    "De Smet",
    "Van Damme",
    "Janssens",
    "Peeters",
    "Maes",
    "Lambert",
    "Dupont",
    "Renard",
    "Lacroix",
    "Bouvier",
    "Carré",
    "Vasseur",
    "Hébert",
    "Faure",
    "Rousseau",
    "Besnard",
)

ORGANIZATIONS = (
    ("Datacorp", "datacorp"),
    ("Acme", "acme"),
    ("Globex", "globex"),
    ("Initech", "initech"),
    ("Hooli", "hooli"),
    ("Umbrella Santé", "umbrella"),
    ("Société Générale des Données", "sgd"),
    ("Banque Lumière", "lumiere"),
    ("Crédit Mutuel Numérique", "cmn"),
    ("Ville de Lyon", "lyon"),
    ("Université de Nantes", "univ-nantes"),
    ("Énergie Verte", "energieverte"),
    ("Transports Rhône-Alpes", "tra"),
    ("Atelier Dupré & Fils", "dupre-fils"),
    ("Studio Zoë", "studiozoe"),
    ("Łódź Software", "lodzsoft"),
    ("Müller Logistik", "mueller"),
    ("Nordisk Data", "nordisk"),
    ("Café Société", "cafesociete"),
    ("Agence Horizon", "horizon"),
    ("Lumen Analytics", "lumen"),
    ("Quantia", "quantia"),
    ("Kappa Conseil", "kappa"),
    ("Orbital Robotics", "orbital"),
    ("Pâtisserie Mercier", "mercier"),
    ("Hôpital Saint-Éloi", "saint-eloi"),
    ("Mairie de Bordeaux", "bordeaux"),
    ("La Poste Innovation", "lpi"),
    ("Blablamove", "blablamove"),
    ("Fintech Øresund", "oresund"),
    ("Ciel Ouvert", "cielouvert"),
    ("Mistral Données", "mistral"),
    ("Pixel & Cie", "pixel"),
    ("Verdure", "verdure"),
    ("Aérolab", "aerolab"),
    ("Groupe Saint-Honoré", "sainthonore"),
    ("Navale Atlantique", "navale"),
    ("Banco Ibérico", "iberico"),
    ("Lisboa Tech", "lisboatech"),
    ("Kraków Labs", "krakowlabs"),
    ("Wiener Werk", "wienerwerk"),
    ("Bureau Étoile", "etoile"),
    ("Freelance", "independant"),
)

ROLES = (
    "Head of data",
    "Data analyst",
    "Data engineer",
    "CTO",
    "CEO",
    "Product manager",
    "Responsable RH",
    "Chargée de recrutement",
    "Directeur financier",
    "Développeuse backend",
    "Software engineer",
    "Engineering manager",
    "UX designer",
    "Consultant",
    "Chef de projet",
    "Directrice marketing",
    "Sales lead",
    "Chercheur",
    "Professeure",
    "Founder",
    "Talent acquisition",
    "Analyste crédit",
    "Architecte SI",
    "DevOps engineer",
    "Scrum master",
    "Responsable partenariats",
    "Journaliste",
    "Avocate",
    "Comptable",
    "Infirmier",
    "Directeur d'agence",
)

LOCATIONS = (
    "Paris",
    "Lyon",
    "Nantes",
    "Bordeaux",
    "Lille",
    "Marseille",
    "Toulouse",
    "Rennes",
    "Grenoble",
    "Strasbourg",
    "Montpellier",
    "Nice",
    "Genève",
    "Lausanne",
    "Bruxelles",
    "Liège",
    "Montréal",
    "Québec",
    "Berlin",
    "München",
    "Kraków",
    "Łódź",
    "Warszawa",
    "København",
    "Malmö",
    "Lisboa",
    "Madrid",
    "Barcelona",
    "Milano",
    "Torino",
    "London",
    "Dublin",
    "Saint-Étienne",
    "Orléans",
    "Besançon",
    "Angers",
    "Remote",
)

TAGS = (
    "data",
    "python",
    "recrutement",
    "finance",
    "santé",
    "lyon",
    "paris",
    "startup",
    "conseil",
    "ml",
    "rh",
    "design",
    "alumni",
    "ancien-collègue",
    "mentor",
    "meetup",
    "produit",
    "cloud",
    "sécurité",
    "public",
    "ong",
    "enseignement",
    "marketing",
    "vente",
    "juridique",
    "industrie",
    "énergie",
    "transport",
    "banque",
    "assurance",
    "immobilier",
    "presse",
    "freelance",
    "open-source",
    "conférence",
)

RELATIONS = (
    "friend",
    "family",
    "colleague",
    "former-colleague",
    "classmate",
    "acquaintance",
    "cold",
)
RELATION_WEIGHTS = (6, 2, 10, 14, 8, 12, 6)

CHANNELS = ("meeting", "call", "video", "email", "message", "event", "letter")
CHANNEL_WEIGHTS = (30, 20, 15, 20, 10, 4, 1)

GIFTS = (
    "interest",
    "thanks",
    "update",
    "article",
    "introduction",
    "help",
    "recommendation",
    "other",
)
RECEIVED_WORDS = ("advice", "information", "feedback", "help", "news", "other")
ASKS = ("none", "advice", "information", "feedback", "introduction", "job")
ASK_WEIGHTS = (40, 30, 18, 6, 5, 1)

SUMMARIES = (
    "Café près de son bureau ; {first} m'a décrit comment travaille son équipe.",
    "Coffee near {org}: {first} walked me through how the team is organised.",
    "Appel de vingt minutes avec {first} sur le marché du {tag} à {loc}.",
    "Call with {first} about what {org} looks for in new hires.",
    "Déjeuner avec {first}, discussion sur les projets {tag} de {org}.",
    "Met {first} at a {tag} meetup in {loc}; exchanged on tooling.",
    "{first} a raconté son parcours, de stagiaire à {role}.",
    "Visio rapide : {first} m'a conseillé de regarder du côté de {org}.",
    "Short email exchange with {first} — shared my notes on {tag}.",
    "Rencontre à l'événement « {tag} » à {loc}, bonne discussion avec {first}.",
    "Échange de messages avec {first} à propos d'une conférence {tag}.",
    "{first} explained the budget cycle at {org} (hiring frozen until spring).",
    "Long walk with {first}; we talked about {tag}, family and {loc}.",
    "Asked {first} for feedback on my CV, got detailed comments.",
    "Apéro avec {first} et d'anciens collègues de {org}.",
    "Thanked {first} for the introduction; told them how it went.",
    "Nouvelles de {first} : nouveau poste de {role} chez {org}.",
    "{first} m'a parlé des équipes {tag} à {loc} — « prends ton temps ».",
)

PROMISES = (
    "Send the article on {tag} {first} asked about",
    "Envoyer à {first} mes notes sur {tag}",
    "Share the slides from the {tag} meetup",
    "Présenter {first} à quelqu'un de {org}",
    "Relire le document de {first} sur {tag}",
    "Send {first} the link to the {tag} course",
    "Recommander un livre sur {tag} à {first}",
)

NEXT_ACTIONS = (
    "Tell {first} how the call went",
    "Donner des nouvelles à {first} après l'entretien",
    "Ask {first} how the {tag} project is going",
    "Relancer {first} à propos de {org}",
    "Invite {first} to the next {tag} meetup",
    "Envoyer un petit mot à {first} pour la nouvelle année",
    "Share news about the {tag} job search with {first}",
)

NOTES = (
    "Leads a team of six; budget frozen this year.",
    "Très à l'écoute, préfère le téléphone aux emails.",
    "Met through the alumni network; knows everyone in {loc}.",
    "Ancienne collègue chez {org}, toujours de bon conseil.",
    "Speaks French, Polish and German; moved to {loc} in 2019.",
    "Organise le meetup {tag} de {loc} chaque mois.",
)

OPPORTUNITY_TITLES = (
    "Data analyst",
    "Data engineer",
    "Senior data scientist",
    "Head of data",
    "Product manager",
    "Chef de projet data",
    "Consultant BI",
    "Développeur Python",
    "Backend engineer",
    "Engineering manager",
    "Analytics lead",
    "Responsable études",
    "ML engineer",
    "Freelance mission",
)

STAGE_PATHS = (
    ("lead",),
    ("lead", "applied"),
    ("lead", "withdrawn"),
    ("lead", "applied", "interview"),
    ("lead", "applied", "rejected"),
    ("lead", "interview", "offer"),
    ("lead", "applied", "interview", "rejected"),
    ("lead", "applied", "interview", "offer"),
    ("lead", "applied", "interview", "withdrawn"),
    ("lead", "interview", "offer", "accepted"),
)
STAGE_NOTES = {
    "rejected": ("chose an internal candidate", "profil trop junior selon eux", "position closed"),
    "withdrawn": ("salary too low", "trop loin de Lyon"),
    "offer": ("verbal offer, written one to follow",),
    "accepted": ("start in two months",),
}

# --------------------------------------------------------------------------
# text helpers

_TRANSLIT = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ð": "d",
        "þ": "th",
    }
)


def slugify(text: str) -> str:
    """ASCII slug of a name: ``Hélène Dupré`` → ``helene-dupre``."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_PLAIN_RE = re.compile(r"^[^\W\d_][\w .,'’()/+@:&-]*$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def q(value: str, flow: bool = False) -> str:
    """A YAML scalar for ``value``: plain when unambiguous, else double-quoted."""
    if (
        _PLAIN_RE.match(value)
        and value.lower() not in _RESERVED
        and not value.endswith((" ", ":"))
        and ": " not in value
        and not (flow and "," in value)
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(q(i, flow=True) for i in items) + "]"


# --------------------------------------------------------------------------
# the model


class _Contact:
    __slots__ = (
        "cid",
        "depth",
        "domain",
        "first",
        "introducer",
        "loc",
        "met",
        "name",
        "org",
        "role",
        "tag",
    )
    cid: str
    name: str
    first: str
    org: str
    domain: str
    role: str
    loc: str
    tag: str
    met: int
    introducer: int | None
    depth: int

    def __init__(self) -> None:
        self.introducer: int | None = None
        self.depth = 0


def _pick_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    seen: set[str] = set()
    names: list[tuple[str, str]] = []
    for _ in range(n):
        for attempt in range(12):
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            if attempt >= 8:  # crowded: add a middle initial
                first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."
            if attempt >= 10:
                first = f"{first} {rng.choice(FIRST_NAMES)}"
            full = f"{first} {last}"
            key = slugify(full)
            if key not in seen:
                break
        seen.add(key)
        names.append((first, full))
    return names


def _unique(slug: str, taken: set[str]) -> str:
    cand, k = slug, 2
    while cand in taken:
        cand = f"{slug}-{k}"
        k += 1
    taken.add(cand)
    return cand


# an interaction to write: (date ordinal, contact indexes, kind, extra), where
# extra is the referred contact's index (kind "referral"), the opportunity id
# (kind "opportunity") or None
_Plan = tuple[int, list[int], str, "int | str | None"]


def _fmt(d: int) -> str:
    return date.fromordinal(d).isoformat()


class _Gen:
    def __init__(self, contacts: int, interactions: int, opportunities: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n, self.m, self.k = contacts, interactions, opportunities
        self.start = START.toordinal()
        self.as_of = AS_OF.toordinal()

    # -- contacts ---------------------------------------------------------
    def make_contacts(self) -> None:
        rng = self.rng
        lo, hi = self.start, self.as_of - 10
        mets = sorted(rng.randint(lo, hi) for _ in range(self.n))
        names = _pick_names(rng, self.n)
        taken: set[str] = set()
        self.contacts: list[_Contact] = []
        for i, ((first, full), met) in enumerate(zip(names, mets, strict=False)):
            c = _Contact()
            c.cid = _unique(slugify(full), taken)
            c.name, c.first = full, first.split(" ")[0]
            c.org, c.domain = rng.choice(ORGANIZATIONS)
            c.role = rng.choice(ROLES)
            c.loc = rng.choice(LOCATIONS)
            c.tag = rng.choice(TAGS)
            c.met = met
            # introductions: only to earlier contacts (no cycles); favour the
            # recently met, who are themselves often introduced → deep chains
            if i > 0 and rng.random() < 0.55:
                if rng.random() < 0.7:
                    j = rng.randrange(max(0, i - 200), i)
                else:
                    j = rng.randrange(0, i)
                c.introducer = j
                c.depth = self.contacts[j].depth + 1
            self.contacts.append(c)
        self.mets = mets
        # follow-up weights: a few people are seen very often (Zipf-like)
        ranks = list(range(1, self.n + 1))
        rng.shuffle(ranks)
        self.cum_weights = list(accumulate(1.0 / (r**0.6) for r in ranks))

    def contact_text(self, i: int) -> str:
        rng, c = self.rng, self.contacts[i]
        out = ["# yaml-language-server: $schema=../schema/contact.schema.json"]
        if rng.random() < 0.12:
            out.append(
                f"# met {_fmt(c.met)} — {rng.choice(('via LinkedIn', 'à un meetup', 'through work', 'par un ami'))}"
            )
        out.append(f"name: {q(c.name)}")
        if rng.random() < 0.9:
            out.append(f"organization: {q(c.org)}")
        if rng.random() < 0.7:
            out.append(f"role: {q(c.role)}")
        if c.introducer is not None:
            intro = self.contacts[c.introducer].cid
            if rng.random() < 0.1:
                out.append(f"introduced_by: {intro}   # thanks to them")
            else:
                out.append(f"introduced_by: {intro}")
            if rng.random() < 0.9:
                out.append("relation: introduced")
        elif rng.random() < 0.85:
            out.append("relation: " + rng.choices(RELATIONS, RELATION_WEIGHTS)[0])
        r = rng.random()
        if r < 0.7:
            emails = [f"{c.cid.replace('-', '.')}@{c.domain}.example"]
            if r < 0.15:
                emails.append(f"{c.cid}@mail.example")
            out.append("emails: " + flow_list(emails))
        if rng.random() < 0.3:
            out.append(
                f'phones: ["+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} '
                f'{rng.randint(10, 99)} {rng.randint(10, 99)}"]'
            )
        if rng.random() < 0.5:
            out.append(f"links: [https://www.linkedin.com/in/{c.cid}]")
        if rng.random() < 0.6:
            out.append(f"location: {q(c.loc)}")
        if rng.random() < 0.6:
            tags = sorted({c.tag, *rng.sample(TAGS, rng.randint(0, 2))})
            out.append("tags: " + flow_list(tags))
        if rng.random() < 0.08:
            first, _, last = c.name.partition(" ")
            out.append("aliases: " + flow_list([f"{first} {last.upper()}"]))
        if rng.random() < 0.4:
            out.append(f"cadence: {rng.choice((30, 45, 60, 90, 180, 365))}")
        if rng.random() < 0.8:
            status = rng.choices(("active", "dormant", "archived"), (75, 20, 5))[0]
            out.append(f"status: {status}")
        if rng.random() < 0.15:
            note = rng.choice(NOTES).format(loc=c.loc, org=c.org, tag=c.tag)
            out.append("notes: |")
            out.append(f"  {note}")
            if rng.random() < 0.4:
                out.append(f"  Intéressé·e par {c.tag} ; à recontacter au printemps.")
        if rng.random() < 0.01:
            until = _fmt(self.as_of + rng.randint(10, 300))
            out.append("waive:")
            out.append(f"  - {{rule: R009, until: {until}, reason: on parental leave}}")
        if rng.random() < 0.03:
            out.append("x-source: linkedin-import")
        return "\n".join(out) + "\n"

    # -- opportunities -----------------------------------------------------
    def make_opportunities(self) -> None:
        rng = self.rng
        taken: set[str] = set()
        self.opps: list[tuple[str, str, str, int, list[tuple[int, str]]]] = []
        limit = bisect_right(self.mets, self.as_of - 30)
        for _ in range(self.k if self.n else 0):
            via = rng.randrange(0, max(1, limit))
            title = rng.choice(OPPORTUNITY_TITLES)
            org = self.contacts[via].org
            oid = _unique(slugify(f"{org} {title}"), taken)
            d = rng.randint(min(self.contacts[via].met + 1, self.as_of - 5), self.as_of - 5)
            stages: list[tuple[int, str]] = []
            for stage in rng.choice(STAGE_PATHS):
                if d > self.as_of:
                    break
                stages.append((d, stage))
                d += rng.randint(3, 25)
            self.opps.append((oid, title, org, via, stages))

    def opportunity_text(self, idx: int) -> str:
        rng = self.rng
        _oid, title, org, via, stages = self.opps[idx]
        out = ["# yaml-language-server: $schema=../schema/opportunity.schema.json"]
        out.append(f"title: {q(title)}")
        out.append(f"organization: {q(org)}")
        out.append(f"via: {self.contacts[via].cid}")
        out.append("stages:")
        for d, stage in stages:
            notes = STAGE_NOTES.get(stage)
            if notes and rng.random() < 0.6:
                out.append(
                    f"  - {{date: {_fmt(d)}, stage: {stage}, note: {q(rng.choice(notes), flow=True)}}}"
                )
            else:
                out.append(f"  - {{date: {_fmt(d)}, stage: {stage}}}")
        if rng.random() < 0.1:
            out.append("# salary range discussed at the interview")
        return "\n".join(out) + "\n"

    # -- interactions --------------------------------------------------------
    def make_interactions(self) -> None:
        """Plan interactions as tuples (date, with, kind, extra)."""
        rng, n, m = self.rng, self.n, self.m
        plans: list[_Plan] = []
        if n == 0 or m == 0:
            self.plans = plans
            return
        n_planned = m // 200 if m >= 200 else (1 if m >= 5 else 0)
        n_first = min(n, int(m * 0.4))
        introduced = [i for i, c in enumerate(self.contacts) if c.introducer is not None]
        n_referral = min(len(introduced) // 2, int(m * 0.1))
        n_opp = min(len(self.opps), int(m * 0.05))
        n_follow = m - n_planned - n_first - n_referral - n_opp

        for i in sorted(rng.sample(range(n), n_first)):
            plans.append((self.contacts[i].met, [i], "first", None))
        for k in sorted(rng.sample(introduced, n_referral)):
            c = self.contacts[k]
            a = c.introducer
            assert a is not None
            d = max(self.contacts[a].met, c.met - rng.randint(1, 12))
            plans.append((d, [a], "referral", k))
        for o in range(n_opp):
            oid, _t, _org, via, stages = self.opps[o]
            d = stages[0][0]
            plans.append((d, [via], "opportunity", oid))
        cum, total = self.cum_weights, self.cum_weights[-1]
        for _ in range(n_follow):
            i = bisect_right(cum, rng.random() * total)
            i = min(i, n - 1)
            d = rng.randint(self.contacts[i].met, self.as_of)
            plans.append((d, self._with(i, d), "follow", None))
        for _ in range(n_planned):
            i = rng.randrange(n)
            d = self.as_of + rng.randint(1, (date(AS_OF.year, 12, 31) - AS_OF).days)
            plans.append((d, self._with(i, d), "planned", None))
        plans.sort(key=lambda p: (p[0], p[1][0], p[2]))
        self.plans = plans

    def _with(self, i: int, d: int) -> list[int]:
        """1–3 people: ``i`` and maybe others already met by day ``d``."""
        people = [i]
        r = self.rng.random()
        extra = 2 if r < 0.04 else 1 if r < 0.18 else 0
        bound = bisect_right(self.mets, d)
        for _ in range(extra):
            if bound <= 1:
                break
            j = self.rng.randrange(bound)
            if j not in people:
                people.append(j)
        return people

    def interaction_text(self, plan: _Plan, channel: str) -> str:
        rng, C = self.rng, self.contacts
        d, people, kind, extra = plan
        c = C[people[0]]
        ref = C[extra] if isinstance(extra, int) else c  # the referred contact
        ids = [C[p].cid for p in people]
        ctx = {"first": c.first, "org": c.org, "tag": c.tag, "loc": c.loc, "role": c.role}
        planned = kind == "planned"
        out = ["# yaml-language-server: $schema=../../schema/interaction.schema.json"]
        out.append(f"date: {_fmt(d)}")
        out.append("with: " + flow_list(ids))
        out.append(f"channel: {channel}")
        if (
            kind == "first"
            and c.introducer is None
            and rng.random() < 0.5
            or kind == "follow"
            and rng.random() < 0.3
        ):
            out.append("initiated_by: them")
        elif rng.random() < 0.5:
            out.append("initiated_by: me")
        if planned:
            out.append(
                f"summary: {q('Prévu : ' + rng.choice(('déjeuner', 'café', 'appel', 'visio')) + ' avec ' + c.first)}"
            )
            if rng.random() < 0.5:
                out.append("ask: advice")
            out.append("planned: true")
            return "\n".join(out) + "\n"
        if kind == "referral":
            k = ref
            summary = f"{c.first} suggested I talk to {k.first} at {k.org}."
        elif kind == "opportunity":
            summary = f"{c.first} m'a parlé d'un poste ouvert chez {c.org}."
        else:
            summary = rng.choice(SUMMARIES).format(**ctx)
        if rng.random() < 0.05:
            out.append("# notes prises juste après")
        out.append(f"summary: {q(summary)}")
        ask = rng.choices(ASKS, ASK_WEIGHTS)[0]
        if kind == "referral":
            ask = "introduction"
        if ask != "none" or rng.random() < 0.3:
            out.append(f"ask: {ask}")
        gave = ["interest"] if rng.random() < 0.8 else []
        if rng.random() < 0.25:
            g = rng.choice(GIFTS[1:])
            if g not in gave:
                gave.append(g)
        if gave:
            out.append("gave: " + flow_list(gave))
        received: list[str] = []
        if rng.random() < 0.35:
            received.append(rng.choice(RECEIVED_WORDS))
        if kind == "referral":
            received.append(f"referral: {ref.cid}")
        if received:
            out.append("received:")
            out.extend(f"  - {r}" for r in received)
        if rng.random() < 0.25:
            due = d + rng.randint(3, 30)
            out.append("promised:")
            out.append(f"  - what: {q(rng.choice(PROMISES).format(**ctx))}")
            out.append(f"    due: {_fmt(due)}")
            old = due < self.as_of - 45
            if (old and rng.random() < 0.96) or (not old and rng.random() < 0.5):
                done = d + rng.randint(1, due - d + 5)
                if done <= self.as_of:
                    out.append(f"    done: {_fmt(done)}")
        if rng.random() < 0.6 or kind == "referral":
            due = d + rng.randint(7, 45)
            out.append("next:")
            if kind == "referral":
                action = f"Tell {c.first} how the call with {ref.first} went"
            else:
                action = rng.choice(NEXT_ACTIONS).format(**ctx)
            out.append(f"  action: {q(action)}")
            out.append(f"  due: {_fmt(due)}")
            if len(ids) > 1 and rng.random() < 0.5:
                out.append(f"  with: [{ids[0]}]")
        if kind == "opportunity":
            out.append(f"opportunity: {extra}")
        if rng.random() < 0.02:
            out.append("x-mood: great")
        return "\n".join(out) + "\n"


SETTINGS = """\
# yaml-language-server: $schema=schema/settings.schema.json
# Synthetic ledger written by benchmarks/generate.py ({contacts} contacts,
# {interactions} interactions, {opportunities} opportunities, seed {seed}).
owner: Camille Martin
week_starts: monday
defaults: {{cadence: 60}}
rules:
  R004: {{days: 14}}
  R005: {{days: 7}}
goals: {{interactions: 5, new_contacts: 2}}
"""


def generate(
    out_dir: Path, contacts: int, interactions: int, opportunities: int, seed: int = 1
) -> None:
    """Write a synthetic ledger into ``out_dir`` (missing or empty)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    if min(contacts, interactions, opportunities) < 0:
        raise ValueError("sizes must be >= 0")
    if contacts == 0 and (interactions or opportunities):
        raise ValueError("interactions and opportunities need contacts")
    g = _Gen(contacts, interactions, opportunities, seed)
    g.make_contacts()
    g.make_opportunities()
    g.make_interactions()

    for sub in ("contacts", "interactions", "opportunities"):
        (out_dir / sub).mkdir(parents=True, exist_ok=True)

    def write(path: str, text: str) -> None:
        # bytes and plain str paths: pathlib and text-mode encoding cost more
        # than the YAML itself at 60,000 files
        with open(path, "wb") as fh:
            fh.write(text.encode("utf-8"))

    root = os.fspath(out_dir)
    write(
        f"{root}/reseau.yaml",
        SETTINGS.format(
            contacts=contacts, interactions=interactions, opportunities=opportunities, seed=seed
        ),
    )
    for i, c in enumerate(g.contacts):
        write(f"{root}/contacts/{c.cid}.yaml", g.contact_text(i))
    for idx, opp in enumerate(g.opps):
        write(f"{root}/opportunities/{opp[0]}.yaml", g.opportunity_text(idx))
    taken: set[str] = set()
    years: set[int] = set()
    for plan in g.plans:
        d = date.fromordinal(plan[0])
        if d.year not in years:
            os.makedirs(f"{root}/interactions/{d.year}", exist_ok=True)
            years.add(d.year)
        channel = g.rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        if plan[2] == "referral":
            channel = g.rng.choice(("call", "meeting", "email"))
        stem = _unique(f"{d.isoformat()}-{channel}-{g.contacts[plan[1][0]].cid}", taken)
        write(f"{root}/interactions/{d.year}/{stem}.yaml", g.interaction_text(plan, channel))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("out_dir", type=Path)
    p.add_argument("--contacts", type=int, default=1000)
    p.add_argument("--interactions", type=int, default=5000)
    p.add_argument("--opportunities", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    try:
        generate(a.out_dir, a.contacts, a.interactions, a.opportunities, a.seed)
    except (FileExistsError, ValueError) as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
