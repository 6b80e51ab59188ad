def sign_in(page: Page, server: LiveServer, email: str, password: str) -> None:
    """Sign in through the real form by filling the fields and pressing the button."""
    page.goto(server.at("/login"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_in_as(page: Page, server: LiveServer, role: Role) -> None:
    """Sign in as the demo account with the given role."""
    email, password = LOGINS[role]
    sign_in(page, server, email, password)


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core's WCAG 2.2 A and AA rules on the page and return the violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations;
        }""",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict], limit: int = 3) -> str:
    """Return one readable line per axe violation: rule, impact, help and first targets."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:limit]]
        more = len(violation["nodes"]) - len(targets)
        extra = f" (+{more} more)" if more > 0 else ""
        lines.append(
            f"{violation['id']} [{violation['impact']}] {violation['help']}: "
            f"{', '.join(targets)}{extra}"
        )
    return "\n".join(lines)


def artifact_path(name: str) -> Path:
    """Return a path in test-artifacts/ (ignored by git) for files kept for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
