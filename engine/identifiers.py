"""Identifiers that look and check like real ones.

Vessels get IMO numbers with a valid check digit, MMSIs starting with their flag's
maritime identification digits and call signs in their flag's series (both ITU);
containers get ISO 6346 codes with a valid check digit. Phones get their country's
calling code and a number of the shape its numbering plan allows (Google's
libphonenumber metadata, through ``phonenumbers``). Bank accounts are IBANs with a valid
mod-97 check (``schwifty``) in the countries that use IBAN, and a domestic number
elsewhere. A trainee who checks a number the way an analyst would finds it valid —
whether it belongs to a trafficker or to a phantom. Everything is ASCII.
"""

from __future__ import annotations

import random
from functools import cache

import phonenumbers
import schwifty
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from schwifty.exceptions import InvalidCountryCode

# Maritime identification digits (ITU) for the flags our scenarios use; MMSI = MID + 6 digits.
MID = {
    "KE": 634,
    "TZ": 674,
    "MZ": 650,
    "MY": 533,
    "VN": 574,
    "CN": 412,
    "PA": 352,
    "LR": 636,
    "TG": 671,
    "SL": 667,
    "KM": 616,
    "GH": 627,
    "SN": 663,
    "GN": 632,
    "ID": 525,
    "TH": 567,
    "PE": 760,
    "EC": 735,
    "NG": 657,
    "HK": 477,
    "AE": 470,
    "IN": 419,
    "BR": 710,
    "CO": 730,
    "MG": 647,
    "ZA": 601,
    "CM": 613,
}
# ITU call sign series (Radio Regulations, Appendix 42, "Table of allocation of
# international call sign series") for the flags and countries our scenarios use: the
# first two characters a station of that country may carry. A ship's call sign is such a
# prefix followed by two letters, and sometimes a digit (RR Article 19).
CALL_SIGN_SERIES = {
    "PA": ("HO", "HP", "H3", "H8", "H9", "3E", "3F"),
    "TG": ("5V",),
    "CM": ("TJ",),
    "SL": ("9L",),
    "KE": ("5Y", "5Z"),
    "TZ": ("5H", "5I"),
    "MZ": ("C8", "C9"),
    "MY": ("9M", "9W"),
    "VN": ("3W", "XV"),
    "CN": ("BR", "BS"),  # B is China's; BM-BQ and BU-BX are used in Taiwan, so not those
    "LR": ("A8", "D5", "5L", "5M", "6Z"),
    "KM": ("D6",),
    "GH": ("9G",),
    "SN": ("6V", "6W"),
    "GN": ("3X",),
    "GW": ("J5",),
    "GM": ("C5",),
    "CI": ("TU",),
    "ID": ("PK", "PL", "PM", "PN", "PO", "YB", "YC", "YD", "YE", "YF", "YG", "YH"),
    "TH": ("HS", "E2"),
    "PE": ("OA", "OB", "OC", "4T"),
    "EC": ("HC", "HD"),
    "NG": ("5N", "5O"),
    "HK": ("VR",),
    "AE": ("A6",),
    "IN": ("AT", "AU", "AV", "AW", "VT", "VU", "VV", "VW"),
    "BR": ("PP", "PQ", "PR", "PS", "PT", "PU", "PV", "PW", "PX", "PY"),
    "CO": ("HJ", "HK", "5J", "5K"),
    "MG": ("5R", "5S", "6X"),
    "ZA": ("ZR", "ZS", "ZT", "ZU"),
    "BO": ("CP",),
    "BE": ("ON", "OO", "OP", "OQ", "OR", "OS", "OT"),
    "DE": ("DA", "DB", "DC", "DD", "DE", "DF", "DG", "DH", "DJ", "DK", "DL", "DM"),
}

# Domestic account number shapes where IBAN is not used (``#`` a digit). Lengths differ from
# bank to bank inside a country; each shape is the one of a large bank there, an assumption
# of ours that makes a number look local, not a registry. Unlisted countries get DEFAULT.
NATIONAL_ACCOUNT = {
    "CN": "#### #### #### #### ###",  # 19-digit bank card / account numbers
    "KE": "#############",
    "TZ": "#############",
    "MY": "############",
    "VN": "#############",
    "GH": "#############",
    "NG": "##########",  # NUBAN, 10 digits (Central Bank of Nigeria)
    "PE": "###-###-############-##",  # CCI, 20 digits
    "CO": "###-######-##",
    "EC": "##########",
    "IN": "###########",
    "TH": "###-#-#####-#",
    "ID": "##########",
    "HK": "###-######-###",
    "ZA": "##########",
    "SG": "###-#####-#",
    "SL": "###-#########",
    "GN": "#####-#####-###########-##",  # RIB-like: bank, branch, account, key
    "GM": "##########",
    "BO": "##########",
    "LR": "############",
}
DEFAULT_ACCOUNT = "####-########"
_ISO6346 = {
    c: v
    for c, v in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [v for v in range(10, 39) if v % 11], strict=True)
}


def imo_check_digit(six: str) -> int:
    """IMO ship number: digits weighted 7..2, the last digit of the sum is the check digit."""
    return sum(int(d) * w for d, w in zip(six, range(7, 1, -1), strict=True)) % 10


def iso6346_check_digit(ten: str) -> int:
    """ISO 6346 container code: letters valued 10..38 skipping multiples of 11, weights 2^i."""
    total = sum((_ISO6346[ch] if ch.isalpha() else int(ch)) * (2**i) for i, ch in enumerate(ten))
    return total % 11 % 10


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(n))


def call_sign(flag: str, rng: random.Random) -> str | None:
    """A ship's call sign in its flag's ITU series: prefix, two letters, maybe a digit; None
    for a flag whose series we do not carry (better no call sign than a wrong one)."""
    series = CALL_SIGN_SERIES.get(flag)
    if series is None:
        return None
    letters = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2))
    digit = str(rng.randrange(10)) if rng.random() < 0.5 else ""
    return f"{rng.choice(series)}{letters}{digit}"


@cache
def _phone_example(country: str) -> phonenumbers.PhoneNumber | None:
    return phonenumbers.example_number_for_type(
        country, PhoneNumberType.MOBILE
    ) or phonenumbers.example_number(country)


def phone_number(country: str, rng: random.Random) -> str:
    """A mobile number valid under the country's numbering plan, in international format
    (``+254 712 345678``): the example number's operator prefix, random subscriber digits."""
    example = _phone_example(country)
    if example is None:  # a region libphonenumber does not know: digits, no calling code
        return f"{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 3)}"
    nsn = phonenumbers.national_significant_number(example)
    keep = min(3, len(nsn) - 4)
    number = example
    for _ in range(20):
        candidate = phonenumbers.parse(
            f"+{example.country_code}{nsn[:keep]}{_digits(rng, len(nsn) - keep)}"
        )
        if phonenumbers.is_valid_number_for_region(candidate, country):
            number = candidate
            break
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


@cache
def uses_iban(country: str) -> bool:
    """Whether the country is in SWIFT's IBAN registry (schwifty's "aspirational" countries,
    from Nordea's list of planned adopters, are not: their banks still use domestic numbers)."""
    try:
        return not schwifty.registry.get_iban_spec(country).aspirational
    except InvalidCountryCode:
        return False


def bank_account(country: str, rng: random.Random) -> str:
    """An IBAN with a valid mod-97 check where the country uses IBAN (grouped by four, as
    printed), else a domestic account number."""
    if uses_iban(country):
        return schwifty.IBAN.random(country, random=rng, use_registry=False).formatted
    shape = NATIONAL_ACCOUNT.get(country, DEFAULT_ACCOUNT)
    return "".join(str(rng.randrange(10)) if ch == "#" else ch for ch in shape)
