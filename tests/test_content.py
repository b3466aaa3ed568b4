"""The shipped handbook itself: complete, sourced and honest about what is not confirmed."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.checklist import checklist_for
from generator.merge import effective_child, effective_red_flags, effective_steps
from generator.validate import load_handbook
from tests.conftest import ROOT


def _ids_in_order(folder: str) -> list[str]:
    """The ids of protocols/<folder>/*.yml by their `order`: adding or retiring a type or a
    stage is a content change, and these tests follow it (CONTRIBUTING section 11)."""
    files = sorted((ROOT / "protocols" / folder).glob("*.yml"))
    order = {f.stem: int(yaml.safe_load(f.read_text(encoding="utf-8"))["order"]) for f in files}
    return sorted(order, key=lambda i: (order[i], i))


TYPES = _ids_in_order("types")
STAGES = _ids_in_order("stages")


@pytest.fixture(scope="module")
def shipped():
    handbook, warnings = load_handbook(ROOT)  # raises with every problem if one is found
    return handbook, warnings


def test_every_type_and_stage_pair_has_a_written_protocol(shipped):
    handbook, warnings = shipped
    assert [t.id for t in handbook.types] == TYPES
    assert [s.id for s in handbook.stages] == STAGES
    assert all(p.written for p in handbook.protocols), [
        p.key for p in handbook.protocols if not p.written]
    assert not [w for w in warnings if w.code == "pasangan-belum-ada"]


def test_each_protocol_gives_at_least_five_steps_with_actor_and_time(shipped):
    handbook, _ = shipped
    for protocol in handbook.protocols:
        steps = effective_steps(handbook, protocol)
        assert len(steps) >= 5, protocol.key
        assert all(s.who and s.when and s.do for s in steps), protocol.key


def test_each_protocol_has_red_flags_and_child_guidance(shipped):
    handbook, _ = shipped
    for protocol in handbook.protocols:
        assert effective_red_flags(handbook, protocol), protocol.key
        assert effective_child(handbook, protocol), protocol.key


def test_each_protocol_is_a_draft_until_the_province_approves_it(shipped):
    handbook, _ = shipped
    for protocol in handbook.protocols:
        if protocol.status == "disahkan":
            assert protocol.approved_by and protocol.approved_on, protocol.key
        else:
            assert protocol.version.startswith("0."), protocol.key


@pytest.mark.parametrize("type_id", ["seksual", "perdagangan-orang", "eksploitasi"])
def test_crimes_are_never_mediated(shipped, type_id):
    handbook, _ = shipped
    protocol = handbook.protocol(type_id, "mediasi")
    assert protocol.not_applicable is not None
    assert len(effective_steps(handbook, protocol)) >= 5


def test_sexual_violence_mediation_page_cites_the_tpks_law(shipped):
    handbook, _ = shipped
    cited = handbook.protocol("seksual", "mediasi").not_applicable.sources
    assert any(c.ref == "uu-12-2022" and "23" in c.at for c in cited)


def test_checklists_stay_short_enough_for_one_page(shipped):
    handbook, _ = shipped
    for protocol in handbook.protocols:
        checklist = checklist_for(handbook, protocol)
        assert checklist.item_count <= 26, (protocol.key, checklist.item_count)
        assert all(len(g.items) <= 10 for g in checklist.groups), protocol.key


def test_no_phone_number_outside_services_not_even_in_comments():
    phone = re.compile(r"(?<![\w/.])(?:\+62|0)[\s.-]?\d(?:[\s.-]?\d){6,}")
    for path in (ROOT / "protocols").rglob("*.yml"):
        if path.name != "services.yml":
            assert not phone.search(path.read_text(encoding="utf-8")), path


def test_unconfirmed_contacts_are_never_shown_as_confirmed(shipped):
    handbook, _ = shipped
    for service in handbook.services:
        for contact in service.contacts:
            reference = handbook.reference(contact.source.ref)
            if reference.kind in ("berita",) and contact.confirmed:
                # a news report confirms a number only when a second source agrees
                assert contact.note, (service.id, contact.value)


def test_kalimantan_tengah_has_its_fourteen_regions(shipped):
    handbook, _ = shipped
    assert len(handbook.regions) == 14
    for region in handbook.regions:
        assert any(s.area == region.id for s in handbook.services), region.id
