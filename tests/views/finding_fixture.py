"""A small ledger that exercises each reason of `reseau suggest` and each trap of a warm path."""

from __future__ import annotations

AS_OF = "2016-05-03"

FILES: dict[str, str] = {
    # Marc helped (advice, a referral to Léa) in January: past his 30-day cadence.
    "contacts/marc-leroy.yaml": (
        "name: Marc Leroy\norganization: Batiplus\nrole: Project manager\n"
        "relation: former-colleague\ncadence: 30\n"
    ),
    "interactions/2016/2016-01-10-call-marc-leroy.yaml": (
        "date: 2016-01-10\nwith: [marc-leroy]\nchannel: call\nask: advice\ngave: [interest]\n"
        "received: [advice, {referral: lea-petit}]\n"
    ),
    # Léa: referred by Marc, never contacted.
    "contacts/lea-petit.yaml": "name: Léa Petit\norganization: Batiplus\nrole: Data engineer\n",
    # Nina: introduced by Paul, who is cold: no warm path.
    "contacts/paul-froid.yaml": "name: Paul Froid\norganization: Globex\nrelation: cold\n",
    "interactions/2016/2016-04-01-email-paul-froid.yaml": (
        "date: 2016-04-01\nwith: [paul-froid]\nchannel: email\ninitiated_by: them\n"
    ),
    "contacts/nina-roux.yaml": (
        "name: Nina Roux\norganization: Initech\nrole: CTO\nintroduced_by: paul-froid\n"
    ),
    # An open opportunity at Acme, opened by Karim (in touch).
    "contacts/karim-bonnet.yaml": (
        "name: Karim Bonnet\norganization: Acme\nrole: Analytics lead\nrelation: acquaintance\n"
    ),
    "interactions/2016/2016-04-11-call-karim-bonnet.yaml": (
        "date: 2016-04-11\nwith: [karim-bonnet]\nchannel: call\nask: information\n"
        "gave: [interest]\nreceived: [information]\nopportunity: acme-analyst\n"
    ),
    "opportunities/acme-analyst.yaml": (
        "title: Data analyst\norganization: Acme\nvia: karim-bonnet\nstages:\n"
        "  - {date: 2016-04-11, stage: lead}\n  - {date: 2016-04-20, stage: applied}\n"
    ),
    "contacts/omar-haddad.yaml": "name: Omar Haddad\norganization: ACME\nrelation: acquaintance\n",
    "interactions/2016/2016-02-01-message-omar-haddad.yaml": (
        "date: 2016-02-01\nwith: [omar-haddad]\nchannel: message\ninitiated_by: them\n"
    ),
    "contacts/zoe-martin.yaml": "name: Zoé Martin\norganization: Acme\nrole: Head of data\n",
    # Never approached: one with a colleague in touch, one whose only colleague is cold, one
    # who names themselves as introducer (L002), and an archived one (never suggested).
    "contacts/ugo-blanc.yaml": "name: Ugo Blanc\norganization: Batiplus\n",
    "contacts/theo-noir.yaml": "name: Théo Noir\norganization: Globex\n",
    "contacts/ida-vert.yaml": "name: Ida Vert\nintroduced_by: ida-vert\n",
    "contacts/old-friend.yaml": "name: Old Friend\nstatus: archived\nintroduced_by: marc-leroy\n",
}
