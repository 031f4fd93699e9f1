def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_world_has_personas(world, alice, acme):
    assert acme.account_manager == alice
