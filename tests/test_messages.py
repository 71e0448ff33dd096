"""Every reply exists in English and Spanish, and every phone number or web address in a reply is
in the verified directory with its source and checked date."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml

from bot import directory
from bot.messages import catalog

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
# Short numbers too: 911, 988, text lines (88788, 233733) and the relay service (711).
PHONE = re.compile(r"(?<![\d-])(?:1-)?\d{3}-\d{3}-\d{4}\b|\b911\b|\b988\b|\b88788\b|\b233733\b|\b711\b"
                   r"|\+1-\d{3}-\d{3}-\d{4}|\(\d{3}\) ?\d{3}-\d{4}")
URL = re.compile(r"https?://[^\s)\"']+")
# Official domains: .gov, state .us domains, Florida's state portal, the services the seed page and the
# fact sheet name (VINELink at the address official pages link, the National Domestic Violence Hotline),
# the 988 Lifeline's own site, and the national hotlines' own sites, each read on its own pages (issue 9).
OFFICIAL = re.compile(
    r"^https://([a-z0-9-]+\.)*(gov|us|myflorida\.com)(/|$)|^https://vinelink\.vineapps\.com(/|$)"
    r"|^https://www\.thehotline\.org(/|$)|^https://988lifeline\.org(/|$)|^https://rainn\.org(/|$)"
    r"|^https://humantraffickinghotline\.org(/|$)|^https://childhelphotline\.org(/|$)"
    r"|^https://www\.pomc\.org(/|$)"
    r"|^https://strongheartshelpline\.org(/|$)"
)


def _domain_texts():
    for name, variations in DOMAIN["responses"].items():
        for variation in variations:
            yield name, variation["text"]


def _catalog_texts():
    for key, entry in catalog().items():
        for lang in ("en", "es"):
            yield key, entry[lang]


def _placeholders(text: str) -> set:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_domain_response_has_english_and_spanish(name):
    languages = set()
    for variation in DOMAIN["responses"][name]:
        conditions = {c["name"]: c["value"] for c in variation.get("condition") or []}
        languages.add(conditions.get("language", "en"))
        if variation.get("buttons"):
            assert all(b["title"] for b in variation["buttons"])
    assert languages == {"en", "es"}


@pytest.mark.parametrize("key", sorted(catalog()))
def test_catalog_message_has_both_languages_with_the_same_blanks(key):
    entry = catalog()[key]
    assert entry.get("en") and entry.get("es")
    assert _placeholders(entry["en"]) == _placeholders(entry["es"])
    for button in entry.get("buttons") or []:
        assert button["en"] and button["es"] and button["payload"]
    # Spanish is not a copy of the English (messages that are only blanks excepted)
    if re.sub(r"\{\w+\}", "", entry["en"]).strip(" :,\n"):
        assert entry["es"] != entry["en"]


def _directory_contacts():
    phones, urls = set(), set()
    for entry in directory.sourced_entries():
        assert entry.get("source") and entry.get("checked"), f"directory entry without source/checked: {entry}"
        for field in ("phone", "tty", "text_number"):
            if entry.get(field):
                phones.add(re.sub(r"\D", "", entry[field]).removeprefix("1") if len(re.sub(r"\D", "", entry[field])) == 11
                           else re.sub(r"\D", "", entry[field]))
        if entry.get("url"):
            urls.add(entry["url"].rstrip("/"))
    return phones, urls


def test_every_number_and_address_in_a_reply_is_in_the_directory():
    phones, urls = _directory_contacts()
    texts = list(_domain_texts()) + list(_catalog_texts())
    assert texts
    for name, text in texts:
        for phone in PHONE.findall(text):
            digits = re.sub(r"\D", "", phone)
            digits = digits[1:] if len(digits) == 11 else digits
            if digits[3:8] == "55501":
                continue  # 555-0100..0199: reserved for fiction, used in examples of the format
            assert digits in phones, f"{name}: {phone} is not in data/directory/"
        for url in URL.findall(text):
            assert url.rstrip("/.") in urls, f"{name}: {url} is not in data/directory/"


def test_directory_links_only_to_official_domains():
    _, urls = _directory_contacts()
    for url in urls:
        assert OFFICIAL.match(url), f"not an official domain: {url}"


def test_the_bot_never_asks_for_a_vns_victim_id_or_pin():
    for name, text in list(_domain_texts()) + list(_catalog_texts()):
        lowered = text.lower()
        asks = re.search(r"\b(what is your|cual es su|cuál es su|type your|write your|escriba su|enter your|give me your|"
                         r"tell me your|digame su|dígame su)\b.{0,30}\b(pin|victim id|vin|identificación)", lowered)
        assert not asks, f"{name} asks for a VNS credential"
