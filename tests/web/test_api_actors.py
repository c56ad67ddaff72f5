"""GET /api/actors/lookup: the knowledge base's answer for a name and a day."""


def test_lookup_gives_the_code_of_the_day_and_the_row_used(client):
    body = client.get("/api/actors/lookup", params={"name": "Jüri Ratas", "date": "2020-05-01"}).json()
    assert body["code"] == "ESTGOV" and body["status"] == "in office"
    assert body["matches"][0]["row_used"]["title"] == "Prime Minister"


def test_lookup_without_a_date_gives_the_latest_role(client):
    body = client.get("/api/actors/lookup", params={"name": "Jüri Ratas"}).json()
    assert body["date"] is None and body["status"] == "latest"


def test_lookup_rejects_a_bad_date_and_a_blank_name(client):
    response = client.get("/api/actors/lookup", params={"name": "Jüri Ratas", "date": "May 2020"})
    assert response.status_code == 422 and "date" in response.json()["error"]["message"]
    assert client.get("/api/actors/lookup", params={"name": "  "}).status_code == 422
