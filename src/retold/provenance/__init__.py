"""Who retold whom across a collection: candidate pairs, verified edges, stories, exports.

``candidates`` fuses the cheap channels, ``scan`` verifies candidates with the sentence
alignment and records edges, ``stories`` groups edges around origins, ``boilerplate`` keeps
outlet furniture out, ``export`` and ``render`` write what the commands show.
"""
