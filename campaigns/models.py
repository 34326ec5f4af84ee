# Campaign and Spot arrive with the booking issue (see DESIGN.md).
