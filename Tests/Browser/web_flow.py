#!/usr/bin/env python3
"""The web app in a real browser (headless Chromium through Selenium).

Starts `rapport serve` on a free loopback port with an empty data folder, then walks the flow a
leader follows: open the app, create a scenario from a shipped one, introduce an error and see it
located at its line, fix it, change a lever, run, watch progress, open the result, cancel and resume
a run, compare two runs, download the CSV. Every page is checked for JavaScript console errors and
for horizontal overflow at 1280 px and 390 px.

Usage: Tests/Browser/web_flow.py PATH/TO/rapport [--screenshots DIR]
Exit status 0 when every check passed.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WIDTHS = (1280, 390)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Flow:
    def __init__(self, binary, screenshots):
        self.binary = binary
        self.screenshots = screenshots
        self.data = tempfile.mkdtemp(prefix="rapport-browser-")
        self.downloads = os.path.join(self.data, "downloads")
        os.makedirs(self.downloads)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.server = subprocess.Popen(
            [binary, "serve", "--port", str(self.port), "--data", os.path.join(self.data, "db"),
             "--scenarios", os.path.join(ROOT, "scenarios")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.base + "/history", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise SystemExit("rapport serve did not start")
        options = webdriver.ChromeOptions()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        options.add_experimental_option("prefs", {"download.default_directory": self.downloads,
                                                  "download.prompt_for_download": False})
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        self.driver.set_window_size(1280, 900)
        self.checked = 0

    def close(self):
        try:
            self.driver.quit()
        finally:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
            shutil.rmtree(self.data, ignore_errors=True)

    # ---- checks every page gets ----
    def console_errors(self, expected_status=None):
        # A page answered with the status the step expects (409 for a stale save) is not an error;
        # Chromium still logs the document's status as a failed load.
        expected = f"status of {expected_status}" if expected_status else None
        return [e for e in self.driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")
                and not (expected and e.get("source") == "network" and expected in e["message"])]

    def check_page(self, name, expected_status=None):
        """No console error, and no horizontal overflow at either width; screenshots if asked."""
        errors = self.console_errors(expected_status)
        assert not errors, f"{name}: JavaScript console errors: {errors}"
        for width in WIDTHS:
            self.driver.set_window_size(width, 900)
            time.sleep(0.15)
            overflow = self.driver.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert overflow[0] <= overflow[1], f"{name} at {width}px: the page is {overflow[0]}px wide, wider than the window ({overflow[1]}px)"
            if self.screenshots:
                height = self.driver.execute_script("return Math.min(document.documentElement.scrollHeight, 3000)")
                self.driver.set_window_size(width, max(600, height))
                time.sleep(0.15)
                self.driver.save_screenshot(os.path.join(self.screenshots, f"{name}-{width}.png"))
        self.driver.set_window_size(1280, 900)
        errors = self.console_errors()
        assert not errors, f"{name}: JavaScript console errors: {errors}"
        self.checked += 1

    def wait(self, condition, timeout=30, message=""):
        # A page that re-renders (progress over server-sent events) can replace an element between
        # finding it and reading it; that is a reason to look again, not a failure.
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(condition, message)

    def css(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def set_yaml(self, text):
        area = self.css("#yaml")
        self.driver.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", area, text)

    def set_field(self, name, value):
        field = self.css(f'[name="{name}"]')
        field.clear()
        field.send_keys(value)
        self.driver.execute_script("arguments[0].dispatchEvent(new Event('change'));", field)

    def run_to_result(self):
        """On a run page: progress moves, then the page turns into the result."""
        try:
            self.wait(lambda d: "/runs/" in d.current_url)
        except Exception:
            raise AssertionError("no run page; the page says: " + self.driver.find_element(By.TAG_NAME, "main").text[:800])
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, ".downloads") or
                  (d.find_elements(By.ID, "bar") and int(d.find_element(By.ID, "bar").get_attribute("value") or 0) > 0),
                  timeout=60, message="no progress shown")
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, ".downloads"), timeout=180, message="the run did not finish")
        return int(self.driver.current_url.rstrip("/").split("/")[-1])

    # ---- the flow ----
    def run(self):
        d = self.driver
        d.get(self.base + "/")
        assert "Scenarios" in d.title
        self.check_page("scenarios")

        # A scenario of one's own, from a shipped one.
        self.css('[data-test="open-baseline.yaml"]').click()
        self.wait(lambda d: d.find_elements(By.ID, "yaml"), message="the editor did not open")
        self.check_page("editor")
        editor_url = d.current_url

        # An error, located at its line; then fixed.
        self.css('[data-tab="yaml"]').click()
        good = d.execute_script("return document.getElementById('yaml').value")
        lines = good.split("\n")
        horizon_line = next(i for i, l in enumerate(lines) if l.startswith("horizon:")) + 1
        broken = good.replace("\nhorizon:", "\nhorizon: -5w #", 1)
        self.set_yaml(broken)
        self.wait(lambda d: "1 error" in self.css("#verdict").text, message="the error was not reported")
        diagnostic = self.css("#diagnostics li.error pre").text
        assert f":{horizon_line}:" in diagnostic and "horizon" in diagnostic, diagnostic
        marked = d.execute_script("return Array.from(document.querySelectorAll('#gutter .bad')).map(e => e.textContent)")
        assert marked == [str(horizon_line)], f"the gutter marks {marked}, expected line {horizon_line}"
        self.check_page("editor-error")
        self.set_yaml(good)
        self.wait(lambda d: "ok" in self.css("#verdict").text, message="the fix was not accepted")

        # Levers: fewer replications and a shorter horizon keep the browser test quick.
        self.css('[data-tab="levers"]').click()
        self.set_field("replications", "3")
        self.wait(lambda d: "\nreplications: 3" in d.execute_script("return document.getElementById('yaml').value"),
                  message="the replications lever did not reach the YAML")
        self.set_field("horizon", "20w")
        self.wait(lambda d: "\nhorizon: 20w" in d.execute_script("return document.getElementById('yaml').value"),
                  message="the horizon lever did not reach the YAML")
        self.wait(lambda d: "ok" in self.css("#verdict").text)
        assert "# " in d.execute_script("return document.getElementById('yaml').value"), "comments were lost"

        # Run, watch progress, open the result.
        self.css("#run-button").click()
        first = self.run_to_result()
        self.check_page("result")
        assert "In short" in d.page_source or "Scorecard" in d.page_source

        # Download the CSV.
        self.css('.downloads a[href$="report.csv"]').click()
        path = os.path.join(self.downloads, f"rapport-run-{first}.csv")
        self.wait(lambda d: os.path.exists(path) and os.path.getsize(path) > 0, message="the CSV did not download")
        with open(path) as f:
            header = f.readline().strip()
        assert header.startswith("scenario,variant,replication,metric,value"), header

        # A second run with a fixed quota, same seed: comparable pair by pair.
        d.get(editor_url)
        self.wait(lambda d: d.find_elements(By.NAME, "quota"))
        Select(self.css('[name="quota"]')).select_by_value("fixed-quota")
        d.execute_script("arguments[0].dispatchEvent(new Event('change'));", self.css('[name="quota"]'))
        self.set_field("quota_level", "5")
        self.wait(lambda d: "fixed-quota: 5" in d.execute_script("return document.getElementById('yaml').value"),
                  message="the quota lever did not reach the YAML")
        self.css("#run-button").click()
        second = self.run_to_result()

        # Compare.
        d.get(self.base + f"/compare")
        Select(self.css('[name="a"]')).select_by_value(str(first))
        Select(self.css('[name="b"]')).select_by_value(str(second))
        self.css("#compare-button").click()
        self.wait(lambda d: d.find_elements(By.ID, "comparison"), message="no comparison table")
        assert "paired replication by replication" in d.page_source
        rows = d.find_elements(By.CSS_SELECTOR, "#comparison tbody tr")
        assert len(rows) > 10, f"only {len(rows)} compared metrics"
        self.check_page("compare")

        # Cancel keeps finished replications; resume finishes the rest.
        d.get(editor_url)
        self.wait(lambda d: d.find_elements(By.NAME, "replications"))
        self.set_field("replications", "200")
        self.set_field("horizon", "104w")
        self.wait(lambda d: "\nreplications: 200" in d.execute_script("return document.getElementById('yaml').value"))
        self.css("#run-button").click()
        self.wait(lambda d: d.find_elements(By.ID, "bar") and int(d.find_element(By.ID, "bar").get_attribute("value") or 0) >= 2,
                  timeout=60, message="the long run made no progress")
        self.check_page("run")
        self.css("#cancel").click()
        self.wait(lambda d: d.find_elements(By.ID, "resume"), timeout=60, message="no resume button after cancel")
        kept = int(self.css("#bar").get_attribute("value"))
        assert 2 <= kept < 400, f"kept {kept} replications"
        run_id = int(d.current_url.rstrip("/").split("/")[-1])
        state = json.loads(urllib.request.urlopen(f"{self.base}/runs/{run_id}/events", timeout=5).read().decode().split("data: ", 1)[1].split("\n")[0])
        assert state["status"] == "cancelled" and state["done"] == kept, state

        # History lists all three runs.
        d.get(self.base + "/history")
        assert len(d.find_elements(By.CSS_SELECTOR, "table.list tbody tr")) == 3
        self.check_page("history")

        # A sweep, drawn as charts.
        d.get(editor_url)
        self.wait(lambda d: d.find_elements(By.NAME, "replications"))
        self.set_field("replications", "2")
        self.set_field("horizon", "26w")
        self.wait(lambda d: "\nreplications: 2" in d.execute_script("return document.getElementById('yaml').value"))
        d.execute_script("document.querySelector('details.sweep').open = true")
        self.css('[name="sweep_path"]').send_keys("clients.arrivals.rate")
        self.css('[name="sweep_values"]').send_keys("100/week,130/week,160/week")
        self.css('button[value="sweep"]').click()
        self.run_to_result()
        assert len(d.find_elements(By.CSS_SELECTOR, ".report figure svg")) >= 3
        self.check_page("sweep")

        # Two tabs: a save from a page opened on an older version is refused with both texts shown.
        d.get(editor_url)
        self.wait(lambda d: d.find_elements(By.NAME, "base"))
        d.execute_script("document.querySelector('[name=base]').value = '0'")
        self.css('button[value="save"]').click()
        self.wait(lambda d: d.find_elements(By.ID, "conflict"), message="no conflict notice for a stale save")
        assert "changed in another tab" in self.css("#conflict").text
        self.check_page("editor-conflict", expected_status=409)

        # The shipped example report: the ten-second read fits the window at 1280 px, eight
        # variants included, with no sideways scroll inside the scorecard either.
        d.get("file://" + os.path.join(ROOT, "reports/examples/quota-vs-thresholds.html"))
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, ".bottom-line .verdict"))
        assert len(d.find_elements(By.CSS_SELECTOR, ".bottom-line .verdict")) == 4, "a verdict for clients, therapists, the platform and overall"
        self.check_page("quota-vs-thresholds-report")
        d.set_window_size(1280, 900)
        box = d.execute_script("const s = document.querySelector('.scorecard .scroll'); return [s.scrollWidth, s.clientWidth]")
        assert box[0] <= box[1], f"the scorecard scrolls sideways at 1280 px ({box[0]} > {box[1]})"
        print(f"browser flow: ok ({self.checked} pages checked at {' and '.join(map(str, WIDTHS))} px)")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/rapport")
    screenshots = None
    if "--screenshots" in sys.argv:
        screenshots = sys.argv[sys.argv.index("--screenshots") + 1]
        os.makedirs(screenshots, exist_ok=True)
    flow = Flow(binary, screenshots)
    try:
        flow.run()
    finally:
        flow.close()


if __name__ == "__main__":
    main()
