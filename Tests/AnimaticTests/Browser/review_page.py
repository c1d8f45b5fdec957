"""Drives the served review page in headless Chromium, as a director would.

    review_page.py URL SHOT TAKE NOTE [SCREENSHOT_DIR]

Opens the page, checks that the video and every take's clip load and that the timecode
follows the video, picks TAKE for SHOT, writes NOTE, saves, and waits until the page says
it is saved and lists the note; then presses Rebuild and waits for the build to finish.
With SCREENSHOT_DIR, writes review-page.png (the page as it opens) and review-shot.png
(the shot after the save) there. Exits non-zero, with the reason, when anything is not as
it should be. Uses Debian's chromium and chromedriver, never a downloaded browser.
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600",
                     "--autoplay-policy=no-user-gesture-required", "--mute-audio"):
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def main(url, shot, take, note, screenshots=None):
    driver = browser()
    # Generous: the machine may be busy with other builds; a wait ends as soon as it is met.
    wait = WebDriverWait(driver, 120)
    try:
        driver.get(url)
        card = wait.until(lambda d: d.find_element(By.ID, "shot-" + shot))
        # Every clip on the page, the animatic's and each take's, plays in this browser.
        wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('video')].every(v => v.readyState >= 1 && !v.error)"))
        takes = card.find_elements(By.CSS_SELECTOR, ".take")
        if len(takes) < int(take):
            raise SystemExit(f"shot {shot} shows {len(takes)} takes, not {take}")

        # The timecode follows the video: seek to the shot's first frame and read it.
        record_in = driver.execute_script(
            "return state.shots.find(s => s.id === arguments[0]).recordIn", shot)
        driver.execute_script(
            "const f = document.getElementById('film'); f.pause();"
            "const s = state.shots.find(s => s.id === arguments[0]);"
            "f.currentTime = (s.startFrame + 0.5) * state.frameRate.den / state.frameRate.num;", shot)
        wait.until(lambda d: d.find_element(By.ID, "timecode").text == record_in)
        wait.until(lambda d: "current" in card.get_attribute("class"))
        # Every video shows a frame before the picture is taken.
        wait.until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('video')].every(v => v.readyState >= 2 && !v.seeking)"))
        if screenshots:
            driver.save_screenshot(os.path.join(screenshots, "review-page.png"))

        # Nobody has picked yet: no take may say so (the one in the video is marked as such).
        if card.find_elements(By.CSS_SELECTOR, ".take.picked"):
            raise SystemExit("a take shows as picked before any pick")
        card.find_element(By.CSS_SELECTOR, f'.take[data-take="{take}"] button.pick').click()
        card.find_element(By.CSS_SELECTOR, "textarea.note").send_keys(note)
        card.find_element(By.CSS_SELECTOR, "button.save").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f"#shot-{shot} .saved").text == "saved")
        card = driver.find_element(By.ID, "shot-" + shot)
        notes = [item.text for item in card.find_elements(By.CSS_SELECTOR, ".notes li")]
        if not any(item.startswith(note) for item in notes):
            raise SystemExit(f"the saved note is not listed: {notes}")
        picked = card.find_element(By.CSS_SELECTOR, ".take.picked").get_attribute("data-take")
        if picked != str(take):
            raise SystemExit(f"take {picked} shows as picked, not {take}")
        if screenshots:
            driver.execute_script("arguments[0].scrollIntoView()", card)
            card.screenshot(os.path.join(screenshots, "review-shot.png"))

        driver.find_element(By.ID, "rebuild").click()
        wait.until(lambda d: d.find_element(By.ID, "build-state").text.startswith(("built", "the build failed")))
        state = driver.find_element(By.ID, "build-state").text
        if not state.startswith("built"):
            raise SystemExit(f"the rebuild did not finish: {state}")
        print("saved and rebuilt:", state)
    finally:
        driver.quit()


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
