def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_answers_a_head_probe(client, db):
    # Some load balancers probe with HEAD: same status, no body.
    response = client.head("/healthz", headers={"Host": "10.0.0.7"})
    assert response.status_code == 200
    assert response.content == b""


def test_world_has_personas(world, alice, acme):
    assert acme.account_manager == alice
