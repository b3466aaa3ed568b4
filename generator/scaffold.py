"""`handbook new`: a valid, commented skeleton protocol for an editor to fill in."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jinja2

from generator.errors import HandbookError
from generator.validate import load_handbook


def scaffold(root: Path, type_id: str, stage_id: str, *,
             today: datetime.date | None = None) -> Path:
    """Write `protocols/<type>/<stage>.yml`; refuse to overwrite an existing protocol."""
    path = root / "protocols" / type_id / f"{stage_id}.yml"
    if path.exists():
        raise HandbookError(f"{path.relative_to(root)} sudah ada; ubah berkas itu langsung.")
    handbook, _ = load_handbook(root)
    types = {t.id: t for t in handbook.types}
    stages = {s.id: s for s in handbook.stages}
    if type_id not in types:
        raise HandbookError(f"jenis \"{type_id}\" tidak ada; pilih salah satu: "
                            f"{', '.join(types)}")
    if stage_id not in stages:
        raise HandbookError(f"tahap \"{stage_id}\" tidak ada; pilih salah satu: "
                            f"{', '.join(stages)}")
    today = today or datetime.date.today()
    law = next((r.id for r in handbook.references if r.is_indonesian_law), "")
    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"),
                             autoescape=False, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)
    env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)
    text = env.get_template("skeleton.yml.j2").render(
        type=types[type_id], stage=stages[stage_id], today=today.isoformat(),
        due=(today + datetime.timedelta(days=182)).isoformat(), role=handbook.roles[0].id,
        law=law)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
