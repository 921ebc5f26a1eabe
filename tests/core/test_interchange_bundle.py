"""The bundle's rules on their own, from facts about members (no ZIP): names, places, kinds."""

from __future__ import annotations

import stat

import pytest

from diary.core.interchange import InterchangeError
from diary.core.interchange.bundle import Member, check_members, check_named, image_of, member_name

HASH = "0a" * 32


def test_an_image_travels_under_photos_by_hash_and_the_name_reads_back() -> None:
    assert member_name(HASH, "image/png") == f"photos/{HASH}.png"
    assert image_of(f"photos/{HASH}.jpg") == (HASH, "image/jpeg")
    for name in (f"photos/{HASH}.jpeg", f"photos/{HASH.upper()}.jpg", f"photos/x/{HASH}.jpg", f"{HASH}.jpg"):
        assert image_of(name) is None


@pytest.mark.parametrize(
    ("member", "words"),
    [
        (Member("photos\\..\\x.jpg"), "points outside the bundle"),
        (Member("\\x.jpg"), "absolute path"),
        (Member(f"photos/{HASH}.jpg\x00.exe"), "has a name no bundle member has"),
        (Member(f"photos/{HASH}.jpg", external_attr=(stat.S_IFDIR | 0o700) << 16), "is not a plain file"),
        (Member(f"photos/{HASH}.jpg", flag_bits=0x40), "is encrypted"),
        (Member(f"photos/{HASH}.jpg", compress_type=14), "method 14"),
    ],
)
def test_a_member_is_judged_by_what_the_zip_says_of_it(member: Member, words: str) -> None:
    with pytest.raises(InterchangeError, match=words) as refused:
        check_members("in.isodiary", [Member("diary.json"), member])
    assert refused.value.where == f"member {member.name!r}"


def test_a_link_made_on_windows_attributes_is_not_read_as_a_unix_mode() -> None:
    check_members("in.isodiary", [Member("diary.json", create_system=0, external_attr=0xA1FF0000)])


def test_the_images_held_must_be_those_named() -> None:
    check_named("b", ["diary.json", f"photos/{HASH}.jpg"], {HASH: "image/jpeg"})
    with pytest.raises(InterchangeError, match="is missing") as missing:
        check_named("b", ["diary.json"], {HASH: "image/jpeg"})
    assert missing.value.where == f"member 'photos/{HASH}.jpg'"
    with pytest.raises(InterchangeError, match="is extra"):
        check_named("b", ["diary.json", f"photos/{HASH}.png"], {HASH: "image/jpeg"})
