"""The browse page: JSON API over urllib, and the page end to end in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import SAMPLE, ok
from typer.testing import CliRunner

from termtrack.cli import app
from termtrack.lexicon import load_lexicon
from termtrack.serve import HOST, start_in_thread
from termtrack.store import open_db

SCREENSHOT_DIR_ENV = "TERMTRACK_SCREENSHOT_DIR"  # set it to keep the screenshot for a person to look at


def get(base: str, path: str, **params) -> tuple[int, dict | str]:
    url = base + path.lstrip("/") + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=60) as res:
            body, status, ctype = res.read().decode("utf-8"), res.status, res.headers["Content-Type"]
    except urllib.error.HTTPError as exc:
        body, status, ctype = exc.read().decode("utf-8"), exc.code, exc.headers["Content-Type"]
    return status, json.loads(body) if ctype.startswith("application/json") else body


@pytest.fixture
def server(db_url: str):
    ok(CliRunner().invoke(app, ["ingest", str(SAMPLE), "--db", db_url, "-q"]))
    srv, base = start_in_thread(open_db(db_url), lex=load_lexicon(), port=0)
    yield base
    srv.shutdown()
    srv.server_close()


def test_api(server: str, db_url: str) -> None:
    assert server.startswith(f"http://{HOST}:")

    status, p = get(server, "/api/partners")
    assert status == 200
    blr = next(x for x in p["partners"] if x["code"] == "BLR")
    assert (blr["name"], blr["label"], blr["since"]) == ("Belarus", "全天候全面战略伙伴关系", "2022-09-15")
    assert p["default_ranking"] in p["rankings"]

    status, h = get(server, "/api/history", partner="Belarus")
    assert status == 200 and h["code"] == "BLR"
    steps = [(x["label"], x["start"], x["change"]) for x in h["periods"]]
    assert steps == [("全面战略伙伴关系", "2013-07-16", "established"), ("全天候全面战略伙伴关系", "2022-09-15", "upgrade")]
    point = next(e for e in h["periods"][1]["evidence"] if e["statement_id"] == "sample-0060")
    assert point["surface"] in point["sentence"] and point["event"] == "upgrade"
    assert get(server, "/api/history", partner="白俄罗斯")[1]["code"] == "BLR"

    status, u = get(server, "/api/upgrades")
    assert status == 200
    assert any(c["partner"] == "BLR" and c["to_label"] == "全天候全面战略伙伴关系" and c["date"] == "2022-09-15" for c in u["changes"])
    assert {c["reviewed"] for c in u["changes"]} == {False}

    status, m = get(server, "/api/mentions", q="全天候全面", limit=3)
    assert status == 200 and m["total"] >= 3 and len(m["mentions"]) == 3
    assert all("全天候全面" in (x["sentence"] + x["label_zh"]) for x in m["mentions"])
    assert get(server, "/api/mentions", q="Lukashenko")[1]["total"] >= 1

    status, s = get(server, "/api/statement", id="sample-0060")
    assert status == 200 and s["date"] == "2022-09-15"
    assert any(s["text"][x["start"]:x["end"]] == "全天候全面战略伙伴关系" for x in s["mentions"])

    # timelines from reviewed mentions only
    from termtrack.review import Decision, MentionKey, decide

    decide(open_db(db_url), Decision(MentionKey("sample-0060", point["start"], point["end"]), "accept"), lex=load_lexicon())
    reviewed = get(server, "/api/history", partner="BLR", reviewed="1")[1]
    assert reviewed["reviewed"] is True
    assert [(x["label"], x["statements"]) for x in reviewed["periods"]] == [("全天候全面战略伙伴关系", 1)]
    for x in get(server, "/api/statement", id="sample-0017")[1]["mentions"]:  # Belarus 2013: a change to 2022
        decide(open_db(db_url), Decision(MentionKey("sample-0017", x["start"], x["end"]), "accept"), lex=load_lexicon())
    changes = get(server, "/api/upgrades", reviewed="1")[1]["changes"]
    assert changes and {c["reviewed"] for c in changes} == {True}  # (it said False)

    # the mention search too: reviewed=1 keeps the decided mentions, corrections applied; each says its decision
    decide(open_db(db_url), Decision(MentionKey("sample-0060", point["start"], point["end"]), "correct",
                                     partner="ORG:PACIFIC"), lex=load_lexicon(), reviewer="alice")
    status, m = get(server, "/api/mentions", partner="ORG:PACIFIC", reviewed="1")
    assert status == 200 and m["reviewed"] is True and m["total"] == 1
    assert [(x["statement_id"], x["partner"], x["review"], x["reviewer"]) for x in m["mentions"]] == [
        ("sample-0060", "ORG:PACIFIC", "corrected", "alice")]
    plain = get(server, "/api/mentions", q="sample-0060")[1]["mentions"]
    assert {(x["partner"], x["review"]) for x in plain if x["start"] == point["start"]} == {("BLR", "corrected")}

    assert get(server, "/api/history", partner="Atlantis")[0] == 404
    # China is one side of every pair, refused as the command line refuses it (a user's finding: 200, no periods)
    status, body = get(server, "/api/history", partner="CHN")
    assert status == 404 and "is China, the fixed side of every pair" in body["error"], body
    assert "did you mean Belarus (BLR)?" in get(server, "/api/history", partner="Belaru")[1]["error"]
    assert get(server, "/api/statement", id="nope")[0] == 404
    assert get(server, "/api/upgrades", ranking="nope")[0] == 400
    assert get(server, "/api/nope")[0] == 404
    status, page = get(server, "/")
    assert status == 200 and "<svg" in page and "/app.js" in page and "http" not in page.replace("http://www.w3", "")


# ---------------------------------------------------------------------------- browser
def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def _non_white_share(png: Path) -> tuple[tuple[int, int], float]:
    import numpy as np
    from PIL import Image

    with Image.open(png) as im:
        rgb = np.asarray(im.convert("RGB"))
    return (rgb.shape[1], rgb.shape[0]), float((rgb.min(axis=2) < 235).mean())


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_page_in_headless_chromium(server: str, tmp_path: Path) -> None:
    found = _chromium()
    if found is None:
        pytest.skip("no chromium and chromedriver (Debian: apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    opts = Options()
    opts.binary_location = found[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1600",
                "--lang=en-US", "--no-first-run", "--disable-extensions"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(found[1]), options=opts)
    try:
        wait = WebDriverWait(driver, 60)
        driver.get(server)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
        assert "Label changes" in driver.page_source

        Select(driver.find_element(By.ID, "partner")).select_by_value("BLR")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#periods tbody tr")) == 2)
        timeline = driver.find_element(By.ID, "timeline").text
        assert "China – Belarus" in timeline
        rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#periods tbody tr")]
        assert rows[0].startswith("2013-07-16 2022-09-15 全面战略伙伴关系"), rows
        assert rows[1].startswith("2022-09-15") and "全天候全面战略伙伴关系" in rows[1] and "upgrade" in rows[1], rows
        labels = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "#chart .steplabel")]
        assert labels == ["全面战略伙伴关系 (2013-07-16)", "全天候全面战略伙伴关系 (2022-09-15)"]

        point = driver.find_element(By.CSS_SELECTOR, '#chart circle.point[data-statement="sample-0060"]')
        point.click()
        wait.until(lambda d: d.find_element(By.ID, "detail").is_displayed())
        detail = driver.find_element(By.ID, "detail").text
        assert "两国元首共同宣布，将中白关系提升为全天候全面战略伙伴关系" in detail and "sample-0060" in detail
        assert driver.find_element(By.CSS_SELECTOR, "#detail mark").text == "全天候全面战略伙伴关系"
        driver.find_element(By.CSS_SELECTOR, "#detail a.open").click()
        wait.until(lambda d: d.find_element(By.ID, "statement").is_displayed())
        assert "2022-09-15" in driver.find_element(By.ID, "statement").text

        search = driver.find_element(By.ID, "search")
        search.send_keys("Lukashenko")
        driver.find_element(By.CSS_SELECTOR, "#searchform button").click()
        wait.until(lambda d: "mentions" in d.find_element(By.ID, "searchcount").text)
        assert driver.find_elements(By.CSS_SELECTOR, "#results tbody tr")

        driver.execute_script("window.scrollTo(0, 0)")
        shot = tmp_path / "belarus.png"
        assert driver.save_screenshot(str(shot))
    finally:
        driver.quit()
    size, share = _non_white_share(shot)
    assert size[0] >= 1000 and size[1] >= 800, size
    assert 0.03 < share < 0.9, f"screenshot looks blank or broken: {share:.1%} non-white pixels"
    keep = os.environ.get(SCREENSHOT_DIR_ENV)
    if keep:
        shutil.copy(shot, Path(keep) / shot.name)
