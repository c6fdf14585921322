def test_dashboard_has_export_buttons(store, app):
    at = app(store, de="2021", a="2021")
    assert not at.exception, at.exception
    assert at.selectbox(key="export_table").value == "Chiffres clés"
    at.selectbox(key="export_table").select("Marchés").run()
    assert not at.exception
