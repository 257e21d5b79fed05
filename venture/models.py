"""Venture philanthropy (公益创投): rounds, proposals, review, awards and projects."""
