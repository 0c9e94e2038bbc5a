"""`adoptbook diff`: what each edition shows differently between two revisions.

Each test builds a small git repository from tests/fixtures/mini, commits a change
and runs the real command (in-process, through click) on it.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from adoptbook.comparison import compare
from adoptbook.config import load_project
from adoptbook.diff_report import MARKER, diff_markdown
from adoptbook.pipeline import prepare_edition, render_pages
from adoptbook.reader_text import sentences
from adoptbook.snapshot import take_snapshot
from helpers import run_cli
from sitekit import copy_project

NEW_GUIDE = """\
id: onboarding-tips
title: Tips for the first week
type: guide
audience: [internal, customer]
summary: Small steps make the first week easier.
sections:
  - heading: Day one
    body: Show every team where to find help on day one.
  - heading: For the account team
    body: Log which teams asked for help first.
    audience: internal
stages: [go-live]
owner: CS Enablement
reviewed: 2026-11-01
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=t@example.com", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "playbook")
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    return root


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def share_with_customers(repo: Path, path: str) -> None:
    edit(repo, path, "audience: internal", "audience: [internal, customer]")


def diff(repo: Path, *args: str):
    return run_cli(repo / "mkdocs.yml", "diff", *args)


def diff_json(repo: Path, *args: str) -> tuple[int, dict]:
    result = diff(repo, *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def edition(data: dict, name: str) -> dict:
    return next(e for e in data["editions"] if e["name"] == name)


def visible_texts(edition_data: dict) -> list[str]:
    return [s["text"] for s in edition_data["newly_visible"]]


def test_a_new_customer_play_is_added_and_its_sentences_flagged(repo: Path) -> None:
    (repo / "plays/guides/onboarding-tips.yml").write_text(NEW_GUIDE, encoding="utf-8")
    commit(repo, "new guide")

    code, data = diff_json(repo, "HEAD~1", "HEAD")

    assert code == 3
    assert data["customer_visible_change"] is True
    customer, internal = edition(data, "customer"), edition(data, "internal")
    assert [p["uri"] for p in customer["added"]] == ["plays/onboarding-tips.md"]
    assert [p["uri"] for p in internal["added"]] == ["plays/onboarding-tips.md"]
    texts = visible_texts(customer)
    assert "Small steps make the first week easier." in texts
    assert "Show every team where to find help on day one." in texts
    assert not any("Log which teams" in t for t in texts), "internal section reported to customers"
    assert internal["newly_visible"] is None  # the internal edition shows everything
    first = customer["newly_visible"][0]
    assert first["page"]["uri"] == "plays/onboarding-tips.md"
    assert first["pages"] >= 1


def test_an_audience_widened_from_internal_flags_what_customers_now_read(repo: Path) -> None:
    share_with_customers(repo, "plays/guides/csm-strategy.yml")
    commit(repo, "share the strategy guide")

    code, data = diff_json(repo, "main~1")

    assert code == 3
    customer = edition(data, "customer")
    assert [p["uri"] for p in customer["added"]] == ["plays/csm-strategy.md"]
    assert "Start from the outcomes customers buy." in visible_texts(customer)
    internal = edition(data, "internal")
    assert internal["added"] == [] and internal["removed"] == []
    markdown = diff(repo, "main~1").stdout
    assert "⚠️ `customer` edition (customers):" in markdown
    assert "- Start from the outcomes customers buy." in markdown


def test_a_change_inside_coaching_only_is_no_change_for_customers(repo: Path) -> None:
    edit(repo, "plays/myths/no-choice.yml", "What usually happens is ...", "Ask what happens next.")
    commit(repo, "coaching")

    code, data = diff_json(repo, "HEAD~1", "HEAD")

    assert code == 0
    assert data["customer_visible_change"] is False
    customer = edition(data, "customer")
    assert not customer["has_changes"] and customer["newly_visible"] == []
    changes = {c["uri"]: c for c in edition(data, "internal")["changed"]}
    assert set(changes) == {"plays/no-choice.md", "call-sheets/no-choice.md"}
    for change in changes.values():
        assert any(
            line.startswith("+") and "Ask what happens next." in line for line in change["diff"]
        )
    markdown = diff(repo, "HEAD~1", "HEAD").stdout
    assert "### ✅ `customer` edition (customers): no change" in markdown
    assert "**No change for customers.**" in markdown


def test_a_removed_play_is_listed_in_every_edition_that_showed_it(repo: Path) -> None:
    (repo / "plays/checklists/before-you-buy.yml").unlink()
    commit(repo, "remove checklist")

    code, data = diff_json(repo, "HEAD~1", "HEAD")

    assert code == 3
    for name in ("customer", "internal"):
        removed = edition(data, name)["removed"]
        assert removed == [{"uri": "plays/before-you-buy.md", "title": "Before you buy"}]
    customer = edition(data, "customer")
    assert "toolkit.md" in {c["uri"] for c in customer["changed"]}  # its card is gone
    assert customer["newly_visible"] == [{"text": "Nothing here yet.", **_on("toolkit.md")}]


def _on(uri: str) -> dict:
    return {"page": {"uri": uri, "title": "Adoption toolkit"}, "pages": 1}


def test_a_renamed_id_is_a_rename_with_no_new_sentences(repo: Path) -> None:
    git(repo, "mv", "plays/guides/critical-path.yml", "plays/guides/value-chain.yml")
    edit(repo, "plays/guides/value-chain.yml", "id: critical-path", "id: value-chain")
    for play in (repo / "plays").rglob("*.yml"):  # the plays that name it follow the new id
        text = play.read_text(encoding="utf-8")
        play.write_text(text.replace("critical-path", "value-chain"), encoding="utf-8")
    commit(repo, "rename")

    code, data = diff_json(repo, "HEAD~1", "HEAD")

    assert code == 3  # the page moved: customers' links and bookmarks change
    customer = edition(data, "customer")
    assert customer["added"] == [] and customer["removed"] == []
    [renamed] = [c for c in customer["changed"] if c["renamed_from"]]
    assert renamed["renamed_from"] == "plays/critical-path.md"
    assert renamed["uri"] == "plays/value-chain.md"
    assert renamed["diff"] == []
    assert customer["newly_visible"] == []
    markdown = diff(repo, "HEAD~1", "HEAD").stdout
    assert "`plays/critical-path.md` → `plays/value-chain.md` (renamed)" in markdown


def test_a_bad_revision_is_one_line_and_a_usage_error(repo: Path) -> None:
    result = diff(repo, "no-such-branch")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: 'no-such-branch' is not a revision in {repo.resolve()}"
    ]


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "not-git")
    result = run_cli(root / "mkdocs.yml", "diff", "main")
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.output
    assert len(result.output.strip().splitlines()) == 1


def _conflict(repo: Path) -> None:
    git(repo, "switch", "-q", "-c", "other")
    edit(repo, "plays/guides/csm-strategy.yml", "Goals, roles", "Aims, roles")
    commit(repo, "other")
    git(repo, "switch", "-q", "main")
    edit(repo, "plays/guides/csm-strategy.yml", "Goals, roles", "Targets, roles")
    commit(repo, "main")
    merge = subprocess.run(["git", "-C", str(repo), "merge", "-q", "other"], capture_output=True)
    assert merge.returncode != 0  # a conflict, left in the work tree


def test_a_work_tree_with_merge_conflicts_is_an_error(repo: Path) -> None:
    _conflict(repo)
    result = diff(repo, "main~1")
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert "unresolved merge conflicts (plays/guides/csm-strategy.yml)" in line


def test_uncommitted_changes_do_not_matter_between_two_revisions(repo: Path) -> None:
    _conflict(repo)  # the work tree is as dirty as it gets
    code, data = diff_json(repo, "main~1", "main")
    assert code == 0  # csm-strategy is internal: nothing changes for customers
    changed = {c["uri"] for c in edition(data, "internal")["changed"]}
    assert changed == {"plays/csm-strategy.md", "csm.md", "find.md"}  # both list its summary
    code, data = diff_json(repo, "main", "main")
    assert code == 0 and not any(e["has_changes"] for e in data["editions"])


def test_uncommitted_and_untracked_files_are_compared_without_head(repo: Path) -> None:
    (repo / "plays/guides/onboarding-tips.yml").write_text(NEW_GUIDE, encoding="utf-8")
    code, data = diff_json(repo, "HEAD")
    assert code == 3
    assert data["head"] == "the work tree"
    assert [p["uri"] for p in edition(data, "customer")["added"]] == ["plays/onboarding-tips.md"]
    assert git(repo, "status", "--porcelain") == "?? plays/guides/onboarding-tips.yml\n"


@pytest.mark.parametrize("broken", ["HEAD", "HEAD~1"])
def test_a_revision_that_fails_check_is_one_line(repo: Path, broken: str) -> None:
    good = (repo / "plays/guides/csm-strategy.yml").read_text(encoding="utf-8")
    edit(repo, "plays/guides/csm-strategy.yml", "stages: [sale]", "stages: [sail]")
    commit(repo, "typo")
    if broken == "HEAD~1":
        (repo / "plays/guides/csm-strategy.yml").write_text(good, encoding="utf-8")
        commit(repo, "fixed")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {broken} (")
    assert "fails check: plays/guides/csm-strategy.yml:9:10: error: stages[0]: 'sail'" in line


def test_a_revision_whose_page_fails_to_expand_is_one_line(repo: Path) -> None:
    page = "---\naudience: [internal, customer]\n---\n# Broken\n\n{{ play_list(stage='nope') }}\n"
    (repo / "playbooks/broken.md").write_text(page, encoding="utf-8")
    commit(repo, "a page with a bad macro")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "fails check: playbooks/broken.md:6:1: error: macro error: 'nope'" in line


def test_the_checkout_is_untouched(repo: Path) -> None:
    edit(repo, "plays/guides/csm-strategy.yml", "Goals, roles", "Aims, roles")
    git(repo, "add", "plays/guides/csm-strategy.yml")
    (repo / "notes.txt").write_text("scratch\n", encoding="utf-8")
    before = git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")
    diff(repo, "HEAD")
    diff(repo, "HEAD", "HEAD")
    assert (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD")) == before


# --- the rendered pages are those of a full render -------------------------------------


def test_reused_pages_equal_a_full_render(repo: Path) -> None:
    """Changing a related play's title re-renders the plays that name it; nothing else."""
    base = take_snapshot(load_project(repo / "mkdocs.yml"), "base")
    edit(repo, "plays/myths/no-choice.yml", 'title: "They will', 'title: "People will')
    edit(repo, "plays/guides/critical-path.yml", "Adoption leads", "Use leads")
    project = load_project(repo / "mkdocs.yml")
    head = take_snapshot(project, "head", earlier=base)
    for name, rendered in head.editions.items():
        assert rendered.pages == render_pages(prepare_edition(project, project.editions[name]))
        assert rendered.reused > 0
    internal = head.editions["internal"].pages
    assert (
        "[People will use it because they have no choice]"
        in internal["plays/supervisor-targets.md"]
    )


# --- the pull-request comment -------------------------------------------------------


def _gfm(markdown: str) -> str:
    """HTML as GitHub's CommonMark-based renderer makes it (tables, raw HTML blocks)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_the_comment_parses_to_a_table_folded_details_and_diff_blocks(repo: Path) -> None:
    (repo / "plays/guides/onboarding-tips.yml").write_text(NEW_GUIDE, encoding="utf-8")
    share_with_customers(repo, "plays/guides/csm-strategy.yml")
    html = _gfm(diff(repo, "HEAD").stdout)
    assert html.startswith(MARKER)
    assert html.count("<table>") == 1 and "<th>Edition</th>" in html
    assert html.count("<details>") == 2 and html.count("<summary>") == 2
    assert '<code class="language-diff">' in html
    assert "<li>Show every team where to find help on day one.</li>" in html
    customer_part = html[: html.index("<details>")]
    assert "Small steps make the first week easier." in customer_part  # not folded away


def test_sentences_cannot_inject_markdown_or_mention_people(repo: Path) -> None:
    edit(
        repo,
        "plays/guides/csm-strategy.yml",
        "Start from the outcomes customers buy.",
        "Ask @octocat about `**stars**` and `[links](https://example.com)`.",
    )
    share_with_customers(repo, "plays/guides/csm-strategy.yml")
    html = _gfm(diff(repo, "HEAD").stdout)
    outside_code = re.sub(r"<pre>.*?</pre>", "", html, flags=re.DOTALL)  # no mentions in code
    assert "@\u200boctocat" in outside_code and "@octocat" not in outside_code
    assert "<li>Ask @\u200boctocat about **stars** and [links](https://example.com).</li>" in html


def test_a_huge_change_is_cut_to_fit_a_comment(repo: Path) -> None:
    for number in range(150):
        summary = " ".join(f"Step {number}.{part} is done." for part in range(40))
        text = NEW_GUIDE.replace("onboarding-tips", f"tips-{number}").replace(
            "Small steps make the first week easier.", summary
        )
        (repo / f"plays/guides/tips-{number}.yml").write_text(text, encoding="utf-8")
    result = compare(repo / "mkdocs.yml", "HEAD")
    customer = next(e for e in result.editions if e.name == "customer")
    assert len(customer.newly_visible) > 6000  # everything is in the result (and the JSON)
    for budget in (60_000, 20_000):
        markdown = diff_markdown(result, budget=budget)
        assert len(markdown) <= budget
        assert "more sentences (`adoptbook diff --format json` lists all)" in markdown
        html = _gfm(markdown)
        assert html.count("<details>") == html.count("</details>") == 2
        assert html.count("<table>") == 1
    assert len(diff_markdown(result)) <= 65_536  # GitHub's limit for a comment


NEW_MYTH = """\
id: training-fixes-it
title: Training fixes everything
type: myth
audience: [internal, customer]
summary: Adoption leads to value; value leads to renewal.
myth: One course and everyone is fluent.
reality: People forget what they do not use within a week.
why_it_matters: Money spent on courses buys no habits.
instead: [Train each team on its first real task.]
stages: [go-live]
owner: CS Enablement
reviewed: 2026-11-01
"""


def test_sentences_customers_could_already_read_are_not_new(repo: Path) -> None:
    """Headings every myth page has, and a summary another page already says, are old."""
    (repo / "plays/myths/training-fixes-it.yml").write_text(NEW_MYTH, encoding="utf-8")
    code, data = diff_json(repo, "HEAD")
    assert code == 3
    texts = visible_texts(edition(data, "customer"))
    assert "People forget what they do not use within a week." in texts
    assert "Train each team on its first real task." in texts
    assert "Adoption leads to value; value leads to renewal." not in texts  # critical-path
    project = load_project(repo / "mkdocs.yml")
    pages = render_pages(prepare_edition(project, project.editions["customer"]))
    headings = {"The myth", "The reality", "Why it matters", "What to do instead"}
    assert headings <= set(sentences(pages["plays/training-fixes-it.md"]))
    assert headings <= set(sentences(pages["plays/no-choice.md"]))  # customers read them
    assert not headings & set(texts)


def test_a_one_play_change_parses_and_renders_little_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged files are parsed once for both revisions; unchanged pages are not rendered."""
    import adoptbook.loader
    import adoptbook.render

    parsed, rendered = [], []
    load_play, page = adoptbook.loader.load_play, adoptbook.render.PlayRenderer.page

    def counted_load(raw: bytes, display: str, problems: list) -> object:
        parsed.append(display)
        return load_play(raw, display, problems)

    def counted_page(renderer: object, play: object) -> str:
        rendered.append(play.id)  # type: ignore[attr-defined]
        return page(renderer, play)

    monkeypatch.setattr(adoptbook.loader, "load_play", counted_load)
    monkeypatch.setattr(adoptbook.render.PlayRenderer, "page", counted_page)
    monkeypatch.setenv("ADOPTBOOK_CACHE_DIR", "off")
    edit(repo, "plays/myths/no-choice.yml", "Making the system mandatory", "A mandate")

    compare(repo / "mkdocs.yml", "HEAD")

    plays = len(list((repo / "plays").rglob("*.yml")))
    assert len(parsed) == plays + 1  # every file at HEAD~, then only the one that changed
    assert parsed.count("plays/myths/no-choice.yml") == 2
    # no-choice, supervisor-targets that names it as related and before-you-buy that routes
    # to it, in both editions and revisions; go-live-note is embedded in toolkit.md,
    # expanded again each time; the other plays' pages are never rendered
    named = ["before-you-buy", "no-choice", "supervisor-targets"]
    assert sorted(set(rendered)) == sorted([*named, "go-live-note"])
    assert [rendered.count(pid) for pid in named] == [4, 4, 4]


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    project = copy_project(root / "playbook")
    (root / "README.md").write_text("Not part of the playbook\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "base")
    share_with_customers(project, "plays/guides/csm-strategy.yml")
    code, data = diff_json(project, "HEAD")
    assert code == 3
    assert [p["uri"] for p in edition(data, "customer")["added"]] == ["plays/csm-strategy.md"]


def test_lines_every_play_page_has_are_not_new_on_a_large_playbook(repo: Path) -> None:
    """With plays whose pages are never rendered, their shared lines still count as shown."""
    for number in range(30):
        text = NEW_GUIDE.replace("onboarding-tips", f"tips-{number}").replace(
            "Small steps make the first week easier.", f"Tip {number} of many."
        )
        (repo / f"plays/guides/tips-{number}.yml").write_text(text, encoding="utf-8")
    toolkit = repo / "playbooks/toolkit.md"  # its embedded play would show the shared lines
    text = toolkit.read_text(encoding="utf-8")
    toolkit.write_text(text.replace('{{ embed("go-live-note") }}', ""), encoding="utf-8")
    commit(repo, "thirty guides")
    (repo / "plays/guides/onboarding-tips.yml").write_text(NEW_GUIDE, encoding="utf-8")
    code, data = diff_json(repo, "HEAD")
    assert code == 3
    texts = visible_texts(edition(data, "customer"))
    assert "Small steps make the first week easier." in texts
    assert "Maintained by: CS Enablement · last reviewed 2026-11-01" not in texts
    assert "Knowledge article · Stages: Go-live" not in texts  # tips-N say the same
    assert "Day one" not in texts
