from tests.factories import make_user, sign_in


def test_start_page_says_what_coprod_is(client):
    page = client.get("/").get_data(as_text=True)
    assert "co-production for safer mental health wards" in page


def test_facilitator_signs_in(client, app):
    user = make_user()
    response = sign_in(client, user.email)
    assert response.status_code == 302
    assert "Your trusts" in client.get("/home").get_data(as_text=True)
