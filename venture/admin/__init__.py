"""Admin of every venture record, with its history (SimpleHistoryAdmin). The tranche plan of a round must
add up to 100%; the rubric's weights to 100 (checked by Round.clean). Awards, signings, payments and reports
change through the services, as on the workbench: here their workflow fields are read-only and a state change
is an admin action calling the same service, with the same refusals."""

from . import awards, rounds  # noqa: F401  (each registers its models)
