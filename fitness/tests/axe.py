"""axe-core (bundled by axe-playwright-python) for the browser tests: WCAG 2.1 A/AA and best
practice; a serious or critical finding fails the test that asks."""

from axe_playwright_python.sync_playwright import Axe

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}
_axe = Axe()


def axe_problems(page, name: str) -> list[str]:
    """One line per serious or critical violation: rule, impact, count and the first nodes."""
    violations = _axe.run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{name}: {v['id']} ({v['impact']}) ×{len(v['nodes'])}: "
        + " | ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        for v in violations
        if v["impact"] in BLOCKING
    ]
