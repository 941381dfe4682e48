"""The command line as an editor uses it: annotate any file, stub missing entities, clear errors."""

from __future__ import annotations

import json

from explainer.build import build
from explainer.cli import main
from explainer.config import load_settings
from tests.conftest import write


def test_annotate_file_without_front_matter(tmp_path, capsys):
    path = write(tmp_path / "plain.md", '"We will win," said Jane Doakes, the mayor of Springfield.\n')
    assert main(["annotate", str(path), "--json", "--site", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"title", "entities", "speakers", "quotes", "backgrounds"}
    assert data["title"] == "plain"
    assert [q["text"] for q in data["quotes"]] == ["We will win,"] or [q["text"] for q in data["quotes"]] == ["We will win"]
    speaker = {s["id"]: s for s in data["speakers"]}[data["quotes"][0]["speaker"]]
    assert speaker["name"] == "Jane Doakes"


def test_annotate_reads_the_byline_so_the_first_person_is_its_writer(tmp_path, capsys):
    path = write(tmp_path / "column.md", '---\nbyline: By Ann Cole\n---\nI told the council, "Fix the bridge first."\n')
    assert main(["annotate", str(path), "--json", "--site", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(s["name"], s["role"]) for s in data["speakers"]] == [("Ann Cole", "the writer")]


def test_a_speakers_knowledge_base_role_is_the_one_held_on_the_storys_day(tmp_path, capsys):
    write(tmp_path / "content/entities/ann-cole.md", """
        ---
        name: Ann Cole
        kind: person
        aliases: [Cole]
        roles:
          - role: mayor of Springfield
            to: 2020-12
          - role: senator for Ruritania
            from: 2021-01
        ---
        """)
    roles = []
    for year in (2019, 2023):
        path = write(tmp_path / f"story-{year}.md",
                     f'---\ndate: {year}-05-01\n---\nAnn Cole spoke at noon.\n\n"Fix the bridge," Cole said.\n')
        assert main(["annotate", str(path), "--json", "--site", str(tmp_path)]) == 0
        roles.append([s["role"] for s in json.loads(capsys.readouterr().out)["speakers"]])
    assert roles == [["mayor of Springfield"], ["senator for Ruritania"]]


def test_unknown_entities_warn_then_stub_files_quiet_them(site_root, capsys):
    write(site_root / "content/articles/mayor.md",
          "---\ntitle: Mayor\ndate: 2022-01-02\n---\nThe mayor of Springfield, Jane Doakes, opened the bridge.\n")
    report = build(load_settings(site_root))
    unknown = [w for w in report.warnings if "Jane Doakes" in w.message]
    assert len(unknown) == 1 and str(unknown[0]).startswith("content/articles/mayor.md:5: warning:")
    assert main(["build", "--strict", "--site", str(site_root)]) == 1
    capsys.readouterr()
    assert main(["entities", "stub", "--site", str(site_root)]) == 0
    assert "created" in capsys.readouterr().out
    stub = site_root / "content/entities/jane-doakes.md"
    assert "name: Jane Doakes" in stub.read_text() and "kind: person" in stub.read_text()
    report = build(load_settings(site_root))
    assert not [w for w in report.warnings if "Jane Doakes" in w.message]
    (review,) = [w for w in report.warnings if w.path == "content/entities/jane-doakes.md"]
    assert "to review: description" in review.message and "delete the 'review' line" in review.message


def test_a_stub_is_a_draft_for_editors_with_nothing_of_it_in_public_pages(site_root, capsys):
    write(site_root / "content/articles/bridge.md",
          "---\ntitle: Bridge\ndate: 2022-01-02\n---\nTrucks avoid the Varden Street Bridge in Sarasota, Florida.\n")
    assert main(["entities", "stub", "--site", str(site_root)]) == 0
    bridge = (site_root / "content/entities/varden-street-bridge.md").read_text()
    assert bridge.startswith("---\n# Draft by 'explainer entities stub', first named in content/articles/bridge.md")
    assert "kind: place" in bridge and "review: [description]" in bridge  # the head word settles the kind
    sarasota = (site_root / "content/entities/sarasota.md").read_text()
    assert "geonames: 4172131" in sarasota and "review" not in sarasota  # the gazetteer is sure of both
    assert main(["build", "--site", str(site_root)]) == 0
    capsys.readouterr()
    for page in ("varden-street-bridge", "sarasota"):
        html = (site_root / f"site/entities/{page}/index.html").read_text()
        assert "content/articles" not in html and "Draft by" not in html and "review" not in html


def test_missing_site_folder_is_not_a_traceback(tmp_path, capsys):
    assert main(["build", "--site", str(tmp_path / "nowhere")]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


def test_a_warning_met_in_many_articles_prints_once(site_root, capsys):
    for n in range(3):
        write(site_root / f"content/articles/mayor-{n}.md",
              f"---\ntitle: Mayor {n}\ndate: 2022-01-0{n + 1}\n---\nThe mayor of Springfield, Jane Doakes, spoke.\n")
    assert main(["build", "--site", str(site_root)]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "Jane Doakes" in line]
    assert len(lines) == 1
    assert lines[0].endswith("(and 2 more places)")


def test_many_warning_causes_are_cut_to_a_count_unless_verbose(site_root, capsys):
    from explainer.errors import WARNINGS_SHOWN

    countries = ["France", "Germany", "Spain", "Italy", "Poland", "Norway", "Sweden", "Finland", "Denmark", "Greece",
                 "Portugal", "Austria", "Hungary", "Romania", "Bulgaria", "Ireland", "Belgium", "Croatia", "Serbia",
                 "Egypt", "Kenya", "Nigeria", "Brazil", "Argentina", "Chile", "Peru", "Mexico", "Canada"]
    assert len(countries) > WARNINGS_SHOWN + 3
    body = " ".join(f"The talks went on in {country} on Monday." for country in countries)
    write(site_root / "content/articles/crowd.md", f"---\ntitle: A crowd\ndate: 2022-01-01\n---\n{body}\n")
    assert main(["build", "--site", str(site_root)]) == 0
    short = capsys.readouterr().err.splitlines()
    assert len(short) == WARNINGS_SHOWN + 1
    assert short[-1].startswith("... and ") and short[-1].endswith("(explainer build --verbose lists them all)")
    assert main(["build", "--site", str(site_root), "--verbose"]) == 0
    full = capsys.readouterr().err.splitlines()
    assert len(full) > WARNINGS_SHOWN and not any(line.startswith("... and") for line in full)


def test_an_editor_pins_a_quote_to_its_speaker_or_to_no_one(tmp_path, capsys):
    write(tmp_path / "content/entities/ann-cole.md", "---\nname: Ann Cole\nkind: person\nrole: mayor\n---\n")
    path = write(tmp_path / "story.md", '---\ndate: 2023-05-01\n---\n'
                 'Robert Reyes, a builder, stood beside the mayor.\n\n'
                 '["The bridge opens in June,"]{speaker=ann-cole} Reyes said.\n\n'
                 'He called the plan ["a bold bet"]{speaker=none} and "a fine thing," Reyes said.\n\n'
                 '["We will win,"]{speaker=ann-cole} she said.\n')
    assert main(["annotate", str(path), "--json", "--site", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    cards = {s["id"]: s for s in data["speakers"]}
    said = [(q["text"], cards[q["speaker"]]["name"] if q["speaker"] else None) for q in data["quotes"]]
    # "none" on a fragment leaves a scare quote, dropped; a pin keeps even a quote too short to count as said.
    assert said == [("The bridge opens in June", "Ann Cole"), ("a fine thing", "Robert Reyes"),
                    ("We will win", "Ann Cole")]
    assert [(s["name"], s["role"], s["entity"]) for s in data["speakers"]] == [
        ("Ann Cole", "mayor", "ann-cole"), ("Robert Reyes", "builder", "robert-reyes")]


def test_a_quote_no_rule_can_attribute_is_a_warning_naming_its_line(tmp_path, capsys):
    path = write(tmp_path / "story.md", '---\ndate: 2023-05-01\n---\nThe council met.\n\n'
                 '"Nobody asked us about the bridge at all."\n\n'
                 '["We were never told anything."]{speaker=none}\n')
    assert main(["annotate", str(path), "--json", "--site", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    warned = [line for line in err.splitlines() if "no speaker found" in line]
    assert warned == [f'{path}:6: warning: no speaker found for the quote "Nobody asked us about the bridge ..."; '
                      'name one with ["..."]{speaker=id} around it, or {speaker=none}']
