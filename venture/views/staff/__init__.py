"""The park staff's workbench for a round, one module per step: the round and its exports, screening,
assignment, the aggregated review, the public panel, ranking and allocation, the announcement and its
objections, agreements and tranches, and funded projects. Pages only show; each button posts to its own
command URL, which runs one service and sends staff back to the page."""
