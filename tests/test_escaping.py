"""Whatever an editor types is shown as text: never run as a template, markup or script."""

from __future__ import annotations

import pytest

from generator.render import md_escape
from tests.conftest import edit

NASTY = {
    "title: Menerima pengaduan kekerasan seksual":
        "title: \"<script>alert('judul')</script> {{ 7*7 }}\"",
    "do: [Antar korban ke puskesmas atau rumah sakit.]":
        "do: ['[klik](javascript:alert(1)) <img src=x onerror=alert(2)> *tebal* {: onclick=x }',"
        " '# bukan judul', '1. bukan daftar', '&lt;b&gt; | sel']",
    "add_avoid: [Meminta korban mengulang cerita.]":
        "add_avoid: ['</ul></div><script>alert(3)</script> <!-- *x* [y](z)']",
    "reason: UU TPKS melarang penyelesaian di luar pengadilan.":
        "reason: '<iframe src=//jahat.example></iframe>'",
}


@pytest.mark.site
def test_yaml_text_never_becomes_markup_or_script(project, handbook):
    for old, new in NASTY.items():
        path = ("protocols/seksual/mediasi.yml" if old.startswith("reason")
                else "protocols/seksual/pengaduan.yml")
        edit(project / path, old, new)
    result = handbook("--root", project, "build")
    assert result.code == 0, result.err
    html = "".join(p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html"))
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<iframe" not in html
    assert "javascript:" not in html.replace("[klik](javascript:alert(1))", "")
    assert 'href="javascript' not in html
    page = (project / "site/protokol/seksual/pengaduan/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;judul&#39;)&lt;/script&gt; {{ 7*7 }}" in page
    assert "[klik](javascript:alert(1)) &lt;img src=x onerror=alert(2)&gt; *tebal*" in page
    assert "# bukan judul" in page
    assert "1. bukan daftar" in page
    assert "&amp;lt;b&amp;gt; | sel" in page
    assert "&lt;/ul&gt;&lt;/div&gt;&lt;script&gt;alert(3)&lt;/script&gt; &lt;!-- *x* [y](z)" in page
    assert "49" not in page.split("{{ 7*7 }}")[0][-20:]


@pytest.mark.parametrize(("text", "markdown"), [
    ("*a* _b_ `c`", r"\*a\* \_b\_ \`c\`"),
    ("[x](y)", r"\[x\](y)"),
    ("<b>&", "&lt;b&gt;&amp;"),
    ("- bukan daftar", r"\- bukan daftar"),
    ("12. Mei", r"12\. Mei"),
    ("a | b", r"a \| b"),
])
def test_markdown_escaping(text, markdown):
    assert md_escape(text) == markdown
