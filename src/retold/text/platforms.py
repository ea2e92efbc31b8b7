"""Social platforms by name, as a text writes them: where something was posted, not who reported it. The one list
that the follow-me line of ``furniture`` and the credit check (``fidelity.attribution``: "via Twitter" is a
channel, not a source) read."""

from __future__ import annotations

import re

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
PLATFORM = "|".join(re.escape(p) for p in PLATFORMS)  # a regex alternation of the names
