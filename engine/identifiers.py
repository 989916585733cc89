"""Identifiers that look and check like real ones.

Vessels get IMO numbers with a valid check digit and MMSIs starting with their flag's
maritime identification digits (ITU); containers get ISO 6346 codes with a valid check
digit; phones get their country's calling code. A trainee who checks a number the way an
analyst would finds it valid — whether it belongs to a trafficker or to a phantom.
"""

from __future__ import annotations

import random

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
CALLING = {
    "KE": "254",
    "TZ": "255",
    "MZ": "258",
    "MY": "60",
    "VN": "84",
    "CN": "86",
    "GH": "233",
    "NG": "234",
    "BE": "32",
    "NL": "31",
    "DE": "49",
    "SN": "221",
    "GN": "224",
    "PE": "51",
    "CO": "57",
    "EC": "593",
    "AE": "971",
    "IN": "91",
    "TH": "66",
    "ID": "62",
    "BR": "55",
    "CH": "41",
    "MG": "261",
    "CM": "237",
    "CD": "243",
    "TG": "228",
    "PA": "507",
    "ES": "34",
    "FR": "33",
    "HK": "852",
    "ZA": "27",
    "LA": "856",
    "MM": "95",
    "SG": "65",
}
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
