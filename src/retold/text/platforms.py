"""Social platforms by name, as a text writes them: where something was posted, not who reported it. The one list
that the follow-me line of ``furniture`` and the credit check (``fidelity.attribution``: "via Twitter" is a
channel, not a source) read."""

from __future__ import annotations

from retold.text.alternation import longest_first

PLATFORMS = (
    "Twitter",
    "X",
    "Facebook",
    "Instagram",
    "YouTube",
    "TikTok",
    "Telegram",
    "WhatsApp",
    "LinkedIn",
    "Reddit",
    "Snapchat",
    "Threads",
    "Bluesky",
    "Weibo",
    "WeChat",
    "Truth Social",
)
PLATFORM = longest_first(PLATFORMS)  # a regex alternation of the names
