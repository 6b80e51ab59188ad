"""What facilitators see of the answers: measures over time as SPC charts, with small
numbers suppressed. Nothing here reads free text."""
