"""Pages and commands of the competition, one module per audience (staff's a package, one module per step of a
round); what they share is in common.py, and the proposal's page, which its organization and staff both see, in
proposal.py."""
