import time

from coprod.models import Role
from tests.browser.support import axe_violations, sign_in_as


def test_scratch(live_server, page_at):
    t=time.perf_counter(); page = page_at("tablet"); t1=time.perf_counter()
    page.goto(live_server.at("/")); t2=time.perf_counter()
    axe_violations(page); t3=time.perf_counter()
    sign_in_as(page, live_server, Role.ADMIN); t4=time.perf_counter()
    page.goto(live_server.at("/admin/audit")); t5=time.perf_counter()
    axe_violations(page); t6=time.perf_counter()
    assert False, f"ctx {t1-t:.2f} goto {t2-t1:.2f} axe {t3-t2:.2f} signin {t4-t3:.2f} goto {t5-t4:.2f} axe {t6-t5:.2f}"
