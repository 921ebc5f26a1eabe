"""The summary's photo page: only when asked, said on page 1, each photo with its area, date
and course day; an image missing, changed or refused is named in its place, never a crash."""

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from diary.core.course import Course, DoseChange
from diary.core.entry import Entry
from diary.core.photos import Photo
from diary.report import make_report
from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import take_in
from tests.helpers.images import jpeg, with_size

pytestmark = pytest.mark.usefixtures("qapp")

START = dt.date(2026, 3, 2)
TODAY = dt.date(2026, 7, 20)


def add_photo(diary: Diary, day: dt.date, area: str, size: tuple[int, int] = (300, 400)) -> Photo:
    kept = take_in(jpeg(gps=True, orientation=None, taken=None, size=size))
    PhotoFiles(diary.path).keep(kept)
    photo = Photo(day, area, kept.sha256, kept.media_type)
    diary.save_photo(photo)
    return photo


def make_diary(path: Path) -> Diary:
    diary = Diary.open(path)
    diary.save_course(
        Course(START, weight_kg=60, doses=(DoseChange(START, 30),), clear_since=dt.date(2026, 5, 25))
    )
    for offset in range(0, 140, 3):
        day = START + dt.timedelta(days=offset)
        diary.save_entry(Entry(day, dose_mg=30, mood=7, breakouts_new=12 - offset // 12, breakout_severity=2))
    return diary


def text_of(reader: PdfReader, page: int) -> str:
    # A bold run ends a line in pypdf's reading ("Face, front\n, first"): spaces made single.
    return re.sub(r"\s+", " ", reader.pages[page].extract_text()).replace(" ,", ",")


def images_in(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def test_photos_are_left_out_unless_asked(tmp_path: Path) -> None:
    with make_diary(tmp_path / "d.sqlite3") as diary:
        add_photo(diary, START + dt.timedelta(days=3), "face_front", size=(400, 300))
        make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="A4", today=TODAY)
    reader = PdfReader(tmp_path / "s.pdf")
    assert images_in(reader) == 0
    everything = " ".join(text_of(reader, page) for page in range(len(reader.pages)))
    assert "photo" not in everything.lower()


def test_first_and_latest_of_each_area_with_date_area_and_course_day(tmp_path: Path) -> None:
    with make_diary(tmp_path / "d.sqlite3") as diary:
        add_photo(diary, dt.date(2026, 3, 5), "face_front")
        add_photo(diary, dt.date(2026, 4, 14), "face_front", size=(310, 400))  # neither first nor latest
        add_photo(diary, dt.date(2026, 7, 14), "face_front", size=(320, 400))
        add_photo(diary, dt.date(2026, 5, 5), "back", size=(330, 400))  # the only one of its area
        add_photo(diary, dt.date(2026, 2, 20), "chest", size=(340, 400))  # before the range
        pages = make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="A4", today=TODAY, photos=True)
    reader = PdfReader(tmp_path / "s.pdf")
    assert len(reader.pages) == pages
    first = text_of(reader, 0)
    assert (
        f"This summary holds photos of the patient's skin (page {pages}), added at the patient's request"
        in first
    )
    assert "Skin clear since 25 May 2026 (8 weeks as of 20 Jul 2026), as marked by the patient" in first
    last = text_of(reader, pages - 1)
    assert "Photos of the skin, 2 Mar – 20 Jul 2026" in last
    assert "4 photos in all" in last
    assert "Face, front, first in this range Thu 5 Mar 2026 · course day 4" in last
    assert "Face, front, latest in this range Tue 14 Jul 2026 · course day 135" in last
    assert "Back, the only photo in this range Tue 5 May 2026 · course day 65" in last
    assert "Chest" not in last and "14 Apr" not in last
    assert "That day: new spots 12 · severity mild" in last  # 5 Mar was logged
    assert "That day: new spots not logged · severity not logged" in last  # 14 Jul was not
    assert re.search(r"\byou(r)?\b", last, re.IGNORECASE) is None
    assert len(reader.pages[pages - 1].images) == 3 and images_in(reader) == 3


def test_an_image_missing_changed_or_refused_is_named_and_the_pdf_is_whole(tmp_path: Path) -> None:
    with make_diary(tmp_path / "d.sqlite3") as diary:
        missing = add_photo(diary, dt.date(2026, 3, 3), "face_front")
        changed = add_photo(diary, dt.date(2026, 3, 3), "chest", size=(301, 400))
        shown = add_photo(diary, dt.date(2026, 7, 1), "chest", size=(302, 400))
        # A "photo" whose header claims 400 megapixels: refused before anything is decoded.
        bomb = with_size(jpeg(gps=False, orientation=None, taken=None), 20_000, 20_000)
        import hashlib

        sha = hashlib.sha256(bomb).hexdigest()
        files = PhotoFiles(diary.path)
        files.folder.joinpath(f"{sha}.jpg").write_bytes(bomb)
        diary.save_photo(Photo(dt.date(2026, 4, 1), "back", sha, "image/jpeg"))
        files.path_of(missing.sha256, missing.media_type).unlink()
        path = files.path_of(changed.sha256, changed.media_type)
        path.write_bytes(path.read_bytes()[:-40] + b"\x00" * 38 + b"\xff\xd9")
        pages = make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="A4", today=TODAY, photos=True)
    reader = PdfReader(tmp_path / "s.pdf")
    # The names wrap inside their cells: compared with every space taken out.
    squeezed = re.sub(r"\s+", "", reader.pages[pages - 1].extract_text())
    assert f"Imagenotshown:photos/{missing.sha256}.jpgismissingfromthediary'sfolder." in squeezed
    assert f"Imagenotshown:photos/{changed.sha256}.jpghaschangedsinceitwasadded" in squeezed
    assert f"Imagenotshown:photos/{sha}.jpgcannotbeshown:" in squeezed and "(400megapixels)" in squeezed
    assert images_in(reader) == 1
    assert shown.sha256 not in squeezed


def test_asked_for_with_none_in_the_range_says_so_and_page_1_claims_none(tmp_path: Path) -> None:
    with make_diary(tmp_path / "d.sqlite3") as diary:
        add_photo(diary, dt.date(2026, 2, 1), "face_front")
        pages = make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="A4", today=TODAY, photos=True)
    reader = PdfReader(tmp_path / "s.pdf")
    assert "holds photos" not in text_of(reader, 0)
    assert "Photos were asked for, but the patient took none in this range." in text_of(reader, pages - 1)
    assert images_in(reader) == 0


def test_a_phone_sized_photo_is_printed_at_print_size_not_its_own(tmp_path: Path) -> None:
    with make_diary(tmp_path / "d.sqlite3") as diary:
        add_photo(diary, dt.date(2026, 3, 3), "face_front", size=(3000, 4000))
        make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="A4", today=TODAY, photos=True)
    reader = PdfReader(tmp_path / "s.pdf")
    (image,) = reader.pages[-1].images
    assert max(image.image.size) <= 500  # 62 mm at 200 dpi, not 4000 pixels
    assert image.image.size[1] > image.image.size[0]  # still upright


def test_six_areas_take_two_pages_and_page_1_names_both(tmp_path: Path) -> None:
    from diary.core.photos import AREAS

    with make_diary(tmp_path / "d.sqlite3") as diary:
        for number, area in enumerate(AREAS):
            add_photo(diary, dt.date(2026, 3, 5), area, size=(300 + number, 400))
            add_photo(diary, dt.date(2026, 7, 2), area, size=(400, 300 + number))  # landscape
        pages = make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="Letter", today=TODAY, photos=True)
    reader = PdfReader(tmp_path / "s.pdf")
    assert f"holds photos of the patient's skin (pages {pages - 1}–{pages})" in text_of(reader, 0)
    assert len(reader.pages[pages - 2].images) + len(reader.pages[pages - 1].images) == 12
    assert "Photos of the skin" in text_of(reader, pages - 2)
    assert "Other, latest in this range" in text_of(reader, pages - 1)


def test_a_file_larger_than_any_kept_photo_is_not_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diary.report import photo_page

    with make_diary(tmp_path / "d.sqlite3") as diary:
        photo = add_photo(diary, dt.date(2026, 3, 5), "face_front")
        path = PhotoFiles(diary.path).path_of(photo.sha256, photo.media_type)
        monkeypatch.setattr(photo_page, "MAX_IMAGE_BYTES", path.stat().st_size - 1)
        monkeypatch.setattr(photo_page, "_SEAL_ROOM", 0)
        pages = make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="A4", today=TODAY, photos=True)
    squeezed = re.sub(r"\s+", "", PdfReader(tmp_path / "s.pdf").pages[pages - 1].extract_text())
    assert f"Imagenotshown:photos/{photo.sha256}.jpgislargerthananyphotothediarykeeps." in squeezed


@pytest.mark.usefixtures("quick_passphrases")
def test_a_protected_diarys_sealed_photos_are_opened_for_the_page(tmp_path: Path) -> None:
    from diary.store import keyring, protection

    path = tmp_path / "d.sqlite3"
    with make_diary(path) as diary:
        photo = add_photo(diary, dt.date(2026, 3, 5), "face_front")
    protection.protect(path, "correct horse")
    try:
        sealed = PhotoFiles(path).path_of(photo.sha256, photo.media_type)
        assert sealed.exists() and not sealed.read_bytes().startswith(b"\xff\xd8")  # sealed on disk
        with Diary.open(path) as diary:
            pages = make_report(diary, tmp_path / "s.pdf", START, TODAY, paper="A4", today=TODAY, photos=True)
    finally:
        keyring.forget()
    reader = PdfReader(tmp_path / "s.pdf")
    assert len(reader.pages[pages - 1].images) == 1
    assert "Image not shown" not in text_of(reader, pages - 1)
