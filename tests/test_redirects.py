"""Live redirects never take their host from the request's Host header."""


def test_trailing_slash_redirect_is_relative_whatever_the_host_header(client):
    response = client.get("/zh/news", headers={"Host": "evil.example"})
    assert response.status_code in (301, 308)
    location = response.headers["Location"]
    assert "evil.example" not in location
    assert location == "/zh/news/"


def test_trailing_slash_redirect_keeps_the_query_string(client):
    response = client.get("/zh/search?q=%E4%B8%93%E5%88%A9", headers={"Host": "evil.example"})
    assert response.headers["Location"] == "/zh/search/?q=%E4%B8%93%E5%88%A9"
