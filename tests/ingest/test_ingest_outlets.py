"""The outlet of an article: one reading of ``source`` and ``url`` for the store, the report and the direction."""

from __future__ import annotations

from retold.ingest.outlets import host_label, outlet_name, outlet_of


def test_the_outlet_is_the_source_name_else_the_urls_host() -> None:
    assert outlet_name("  The  Guardian ", "https://www.theguardian.com/x") == "The Guardian"
    assert outlet_of("  The  Guardian ", None) == "the guardian"  # the store's key: lower case
    assert outlet_name(None, "https://WWW.Example.org/a?b=1") == "example.org"
    assert outlet_of(" ", "https://www.example.org/") == "example.org"  # a blank source names nothing
    assert outlet_name(None, None) is None and outlet_of("", "not a url") is None


def test_a_hosts_label_names_its_outlet_not_a_subdomain_or_a_top_level_domain() -> None:
    assert host_label("edition.cnn.com") == "cnn"
    assert host_label("news.bbc.co.uk") == "bbc"
    assert host_label("www.house.gov") == "house"
    assert host_label("sites.middlebury.edu") == "middlebury"
    assert host_label("abcnews.go.com") == "go" and host_label("abcnews.go.com", shortest=3) == "abcnews"
    assert host_label("www.ibm.com.") == "ibm"  # a host written with its final dot
    assert host_label("www.co.uk") is None and host_label("") is None
