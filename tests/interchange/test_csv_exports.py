"""LinkedIn Connections.csv in four languages, Google Contacts and Outlook CSV."""

from __future__ import annotations

import pytest

from reseau.interchange.addressbook_csv import read_google_csv, read_outlook_csv
from reseau.interchange.encoding import decode
from reseau.interchange.linkedin import read_linkedin_csv
from reseau.interchange.people import PersonRecord

PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
HEADERS = {
    "en": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "fr": "Prénom,Nom,URL,Adresse e-mail,Entreprise,Poste,Date de connexion",
    "de": "Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am",
    "es": "Nombre,Apellidos,URL,Dirección de correo electrónico,Empresa,Cargo,Fecha de conexión",
}
DATES = {"en": "24 Aug 2023", "fr": "24 août 2023", "de": "24. Aug. 2023", "es": "24 ago 2023"}
HELENE = PersonRecord(
    name="Hélène Dupré",
    organization="Datacorp, SA",
    role="Head of data",
    emails=("helene@datacorp.example",),
    links=("https://www.linkedin.com/in/helene",),
    connected_on="2023-08-24",
)


@pytest.mark.parametrize("lang", sorted(HEADERS))
@pytest.mark.parametrize("preamble", ["", PREAMBLE])
@pytest.mark.parametrize("eol", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_linkedin_in_every_language(lang: str, preamble: str, eol: str, bom: str) -> None:
    row = f'Hélène,Dupré,https://www.linkedin.com/in/helene,helene@datacorp.example,"Datacorp, SA",Head of data,{DATES[lang]}'
    text = bom + (preamble + HEADERS[lang] + "\n" + row + "\n").replace("\n", eol)
    assert read_linkedin_csv(text) == ([HELENE], [])


def test_linkedin_saved_by_excel_with_semicolons_in_cp1252() -> None:
    text = HEADERS["fr"].replace(",", ";") + "\n"
    text += "Hélène;Dupré;https://www.linkedin.com/in/helene;helene@datacorp.example;Datacorp, SA;Head of data;24/08/2023\n"
    decoded = decode(text.encode("cp1252"))
    assert decoded.how == "detected"
    assert read_linkedin_csv(decoded.text) == ([HELENE], [])


GOOGLE = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Name Suffix,Nickname,"
    "File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,"
    "Phone 1 - Value,Address 1 - Label,Address 1 - City,Address 1 - Country,Website 1 - Label,"
    "Website 1 - Value\n"
    'John,,Richter,,Mr.,Sr.,Johnny,,"Acme, Inc.","Head of Sales, EMEA",,--03-12,Met in Lyon,'
    "* myContacts ::: Clients,* Work,john@acme.example ::: j.r@acme.example,,,Mobile,+1 555 0100,"
    "Work,Boston,USA,Profile,https://www.linkedin.com/in/jr\n"
    ",,,,,,,,,,,,,,,,,,,,,,,,\n"
    ",,,,,,,,Lonely Org,,,,,,,,,,,,,,,,\n"
)


def test_google_contacts_csv() -> None:
    records, warnings = read_google_csv(GOOGLE)
    assert records == [
        PersonRecord(
            name="Mr. John Richter Sr.",
            organization="Acme, Inc.",
            role="Head of Sales, EMEA",
            emails=("john@acme.example", "j.r@acme.example"),
            phones=("+1 555 0100",),
            links=("https://www.linkedin.com/in/jr",),
            notes="Met in Lyon",
            location="Boston, USA",
            tags=("Clients",),
            aliases=("Johnny",),
            birthday="--03-12",
        )
    ]
    assert warnings == ["line 4: no name; row skipped"]


OUTLOOK = (
    '"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",'
    '"Business City","Business Country/Region","Business Phone","Mobile Phone","Birthday",'
    '"Categories","E-mail Address","E-mail Type","E-mail Display Name","Notes","Web Page"\r\n'
    '"","Zoë","","Müller","","Bäckerei, GmbH","","Meisterin","München","Deutschland",'
    '"+49 89 123","","3/12/1984","Kunden;Bayern","zoe@example.de","SMTP","Zoë","","www.example.de"\r\n'
    '"","Max","","Maier","","","","","","","","","0/0/00","","","","","",""\r\n'
)


def test_outlook_csv_in_cp1252() -> None:
    decoded = decode(OUTLOOK.encode("cp1252"))
    records, warnings = read_outlook_csv(decoded.text)
    assert warnings == []
    assert records == [
        PersonRecord(
            name="Zoë Müller",
            organization="Bäckerei, GmbH",
            role="Meisterin",
            emails=("zoe@example.de",),
            phones=("+49 89 123",),
            links=("www.example.de",),
            location="München, Deutschland",
            tags=("Kunden", "Bayern"),
            birthday="1984-03-12",
        ),
        PersonRecord(name="Max Maier"),
    ]


def test_no_header_is_reported() -> None:
    assert read_google_csv("a,b\n1,2\n")[0] == []
    assert "no Outlook CSV header" in read_outlook_csv("a,b\n")[1][0]
