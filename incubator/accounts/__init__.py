"""Accounts that cannot recover their own password: one without an email address asks the park by phone, and
a park staff member issues a reset link for it, recorded, which the holder opens to set a new password."""
